using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Hosting;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>ABC Company's features: John Doe's voicemail, business-hours and after-hours menus on its auto attendant, a conference room.</summary>
public sealed class CentrexFeaturesDemo(PasswordHasher hasher, TimeProvider clock) : IDemoSeeder
{
    public const string VoicemailPin = "4831";

    public int Order => 30;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        if (!demo.Customers.TryGetValue("ABC Company", out var abc)) return;
        var pbx = await db.Extensions.Where(e => e.CustomerId == abc).Select(e => new { e.Kind, e.Number, e.Account }).ToListAsync(ct);
        var john = pbx.FirstOrDefault(e => e.Number == "466")?.Account;
        var attendant = pbx.FirstOrDefault(e => e.Kind == ExtensionKind.AutoAttendant)?.Account;
        if (john is null || attendant is null) return;
        var now = clock.GetUtcNow().UtcDateTime;

        db.Voicemails.Add(new Voicemail
        {
            AccountId = john.Id, CustomerId = abc, ResellerId = john.ResellerId, Enabled = true, PinHash = hasher.Hash(VoicemailPin), PinChangedAt = now,
            GreetingType = VoicemailGreeting.Standard, Email = "john.doe@abc.example", AttachAudio = true, WhenFull = VoicemailWhenFull.Reject,
            UpdatedAt = now,
        });

        var afterHours = Menu(attendant.Id, abc, attendant.ResellerId, "After hours", MenuSchedule.Fallback,
            new Dictionary<string, MenuAction> { ["0"] = new(MenuActionKind.Voicemail, "466") }, now);
        db.AutoAttendantMenus.Add(afterHours);
        await db.SaveChangesAsync(ct);
        var weekdays = new HashSet<NodaTime.IsoDayOfWeek>
        {
            NodaTime.IsoDayOfWeek.Monday, NodaTime.IsoDayOfWeek.Tuesday, NodaTime.IsoDayOfWeek.Wednesday, NodaTime.IsoDayOfWeek.Thursday,
            NodaTime.IsoDayOfWeek.Friday,
        };
        var business = Menu(attendant.Id, abc, attendant.ResellerId, "Business hours", new MenuSchedule(false, [new WeeklyPeriod(weekdays, 9 * 60, 17 * 60)]),
            new Dictionary<string, MenuAction>
            {
                ["1"] = new(MenuActionKind.TransferToExtension, "466"),
                ["8"] = new(MenuActionKind.GoToMenu, MenuId: afterHours.Id),
                ["9"] = new(MenuActionKind.DialByExtension),
            }, now);
        business.TimeoutAction = MenuJson.Write(new MenuAction(MenuActionKind.TransferToExtension, "466"));
        db.AutoAttendantMenus.Add(business);

        db.ConferenceRooms.Add(new ConferenceRoom
        {
            CustomerId = abc, ResellerId = john.ResellerId, Number = "800", Name = "Weekly sales", ParticipantPin = "2468", ModeratorPin = "97531",
            MaxParticipants = 25, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        demo.Notes.Add($"features   {john.AccountId} voicemail (PIN {VoicemailPin}); {attendant.AccountId} menus Business hours / After hours;");
        demo.Notes.Add("           conference room 800 (PINs 2468, moderator 97531): GET /api/v1/centrex/conference-rooms as abc-company");
    }

    private static AutoAttendantMenu Menu(long accountId, long customerId, long? resellerId, string name, MenuSchedule schedule,
        Dictionary<string, MenuAction> keys, DateTime now) => new()
    {
        AccountId = accountId, CustomerId = customerId, ResellerId = resellerId, Name = name, NameKey = name.ToLowerInvariant(),
        Schedule = MenuJson.Write(schedule), Keys = MenuJson.Write(keys), TimeoutSeconds = MenuBody.DefaultTimeoutSeconds,
        TimeoutAction = MenuJson.Write(MenuAction.Repeat), InvalidInputAction = MenuJson.Write(MenuAction.Repeat), CreatedAt = now, UpdatedAt = now,
    };
}
