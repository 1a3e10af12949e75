using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>An auto attendant's menus: <c>GET|POST /api/v1/centrex/auto-attendants/{accountId}/menus</c>, <c>GET|PUT|DELETE …/menus/{menuId}</c>.</summary>
/// <remarks>
/// Open to staff and to the customer (section <c>autoAttendants</c>); the account must be one of the customer's auto
/// attendants (<c>ph{customerId}aa{n}</c>). Which menu answers a call is decided by the menus' schedules in the
/// customer's time zone (see <see cref="MenuSchedule"/>); <c>…/active-menu?at=</c> shows it for any instant.
/// </remarks>
public static class AutoAttendantMenusApi
{
    public sealed record MenuResponse(
        long Id, string AccountId, string Name, MenuJson.ScheduleShape? Schedule, IReadOnlyDictionary<string, MenuAction> Keys,
        int TimeoutSeconds, MenuAction TimeoutAction, MenuAction InvalidInputAction, GreetingsApi.GreetingResponse? Greeting,
        IReadOnlyDictionary<string, string[]> BrokenTargets, DateTime CreatedAt, DateTime UpdatedAt);

    /// <param name="LocalTime">The customer's wall-clock time at <paramref name="At"/> (ISO 8601, without offset).</param>
    /// <param name="Day">Its day of the week, as schedules name it (mon … sun).</param>
    public sealed record ActiveMenuResponse(DateTime At, string TimeZone, string LocalTime, string Day, MenuResponse? Menu);

    public static RouteGroupBuilder MapAutoAttendantMenusApi(this RouteGroupBuilder centrex)
    {
        var attendant = centrex.MapGroup("/auto-attendants/{accountId}").WithTags("IP Centrex features");
        attendant.MapGet("/menus", List).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Read)
            .WithSummary("An auto attendant's menus, with their schedules, key actions and greetings");
        attendant.MapPost("/menus", Create).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Modify)
            .WithSummary("Add a menu: name, schedule (always, or weekly periods in the customer's time zone), key actions, timeout and invalid-input actions");
        attendant.MapGet("/menus/{menuId:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Read)
            .WithSummary("Read a menu (brokenTargets lists actions whose extension or menu has since disappeared)");
        attendant.MapPut("/menus/{menuId:long}", Update).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Modify)
            .WithSummary("Change a menu: send only what changes");
        attendant.MapDelete("/menus/{menuId:long}", Delete).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Modify)
            .WithSummary("Delete a menu (and its greeting); refused while another menu leads to it");
        attendant.MapGet("/active-menu", Active).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Read)
            .WithSummary("Which menu answers a call at an instant (at, RFC 3339; default now), by the schedules in the customer's time zone");
        return attendant;
    }

    private static async Task<Results<Ok<Page<MenuResponse>>, ProblemHttpResult>> List(
        string accountId, string? domain, Paging paging, TollgateDb db, FeatureTargets targets, CancellationToken ct)
    {
        var (account, problem) = await targets.FindAttendantAsync(db, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var menus = await MenusOf(db, account!.Id).AsNoTracking().ToListAsync(ct);
        var page = menus.Skip(paging.Offset).Take(paging.Limit).ToList();
        return TypedResults.Ok(new Page<MenuResponse>(await ViewsAsync(db, account, page, menus, ct), menus.Count, paging.Limit, paging.Offset));
    }

    private static async Task<Results<Ok<MenuResponse>, ProblemHttpResult>> Get(
        string accountId, long menuId, string? domain, TollgateDb db, FeatureTargets targets, CancellationToken ct)
    {
        var (account, problem) = await targets.FindAttendantAsync(db, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var menus = await MenusOf(db, account!.Id).AsNoTracking().ToListAsync(ct);
        var menu = menus.FirstOrDefault(m => m.Id == menuId);
        return menu is null ? NotFound(accountId, menuId).ToResult() : TypedResults.Ok((await ViewsAsync(db, account, [menu], menus, ct))[0]);
    }

    private static async Task<Results<Created<MenuResponse>, ProblemHttpResult>> Create(
        string accountId, string? domain, Body<MenuBody> body, TollgateDb db, FeatureTargets targets, CallerAccessor callers,
        IOptions<CentrexFeatureOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        if (!input.Name.HasValue) return Problem.Validation("name", "is required").ToResult();
        await using var tx = await db.BeginWriteAsync(ct);
        var (account, menus, problem) = await OpenForChangeAsync(db, targets, callers.Required, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var max = options.Value.MaxMenusPerAttendant;
        if (menus!.Count >= max)
            return Problem.Conflict($"Auto attendant {accountId} already has {menus.Count} menus, the most one may have ({max}).").ToResult();

        var now = clock.GetUtcNow().UtcDateTime;
        var menu = new AutoAttendantMenu
        {
            AccountId = account!.Id, CustomerId = account.CustomerId, ResellerId = account.ResellerId, Name = "", NameKey = "",
            Keys = MenuJson.Write(new Dictionary<string, MenuAction>()), TimeoutSeconds = MenuBody.DefaultTimeoutSeconds,
            TimeoutAction = MenuJson.Write(MenuAction.Repeat), InvalidInputAction = MenuJson.Write(MenuAction.Repeat), CreatedAt = now,
        };
        Apply(menu, input, now);
        if (await CheckAsync(db, menu, menus, ct) is { } refused) return refused.ToResult();
        db.AutoAttendantMenus.Add(menu);
        if (await CredentialStore.SaveAsync(db, "name", DuplicateName(menu.Name), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        var view = (await ViewsAsync(db, account, [menu], [.. menus, menu], ct))[0];
        return TypedResults.Created($"/api/v1/centrex/auto-attendants/{account.AccountId}/menus/{menu.Id}", view);
    }

    private static async Task<Results<Ok<MenuResponse>, ProblemHttpResult>> Update(
        string accountId, long menuId, string? domain, Body<MenuBody> body, TollgateDb db, FeatureTargets targets, CallerAccessor callers,
        TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (account, menus, problem) = await OpenForChangeAsync(db, targets, callers.Required, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var menu = menus!.FirstOrDefault(m => m.Id == menuId);
        if (menu is null) return NotFound(accountId, menuId).ToResult();
        Apply(menu, body.Value, clock.GetUtcNow().UtcDateTime);
        if (await CheckAsync(db, menu, menus!, ct) is { } refused) return refused.ToResult();
        if (await CredentialStore.SaveAsync(db, "name", DuplicateName(menu.Name), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ViewsAsync(db, account!, [menu], menus!, ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string accountId, long menuId, string? domain, TollgateDb db, FeatureTargets targets, CallerAccessor callers, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (_, menus, problem) = await OpenForChangeAsync(db, targets, callers.Required, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var menu = menus!.FirstOrDefault(m => m.Id == menuId);
        if (menu is null) return NotFound(accountId, menuId).ToResult();
        if (MenuRules.Referrers(menuId, menus!) is { Count: > 0 } referrers)
            return Problem.Conflict($"Menu '{menu.Name}' cannot be deleted while other menus lead to it: {string.Join(", ", referrers)}.").ToResult();
        db.AutoAttendantMenus.Remove(menu);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ActiveMenuResponse>, ProblemHttpResult>> Active(
        string accountId, string? domain, DateTimeOffset? at, TollgateDb db, FeatureTargets targets, TimeProvider clock, CancellationToken ct)
    {
        var (account, problem) = await targets.FindAttendantAsync(db, accountId, domain, ct);
        if (problem is not null) return problem.ToResult();
        var zoneId = await db.Customers.Where(c => c.Id == account!.CustomerId).Select(c => c.TimeZone).FirstAsync(ct);
        var zone = TimeZones.Find(zoneId) ?? DateTimeZone.Utc;
        var instant = Instant.FromDateTimeOffset(at ?? clock.GetUtcNow());
        var menus = await MenusOf(db, account!.Id).AsNoTracking().ToListAsync(ct);
        var active = MenuSchedule.Select(menus, m => MenuJson.ReadSchedule(m.Schedule), instant, zone);
        var local = instant.InZone(zone).LocalDateTime;
        var view = active is null ? null : (await ViewsAsync(db, account, [active], menus, ct))[0];
        return TypedResults.Ok(new ActiveMenuResponse(instant.ToDateTimeUtc(), zoneId,
            local.ToString("uuuu-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), WeeklyPeriod.DayName(local.DayOfWeek), view));
    }

    /// <summary>Finds the auto attendant for a change, refuses it if the caller may not change it, locks it, and reads its menus (tracked).</summary>
    private static async Task<(Account? Account, List<AutoAttendantMenu>? Menus, Problem? Problem)> OpenForChangeAsync(
        TollgateDb db, FeatureTargets targets, Caller caller, string accountId, string? domain, CancellationToken ct)
    {
        var (account, problem) = await targets.FindAttendantAsync(db, accountId, domain, ct);
        if (problem is not null) return (null, null, problem);
        if (FeatureTargets.RefuseChange(caller, account!) is { } refused) return (null, null, refused);
        await db.LockForUpdateAsync<Account>(account!.Id, ct);
        return (account, await MenusOf(db, account.Id).ToListAsync(ct), null);
    }

    private static IQueryable<AutoAttendantMenu> MenusOf(TollgateDb db, long accountId) =>
        db.AutoAttendantMenus.Where(m => m.AccountId == accountId).OrderBy(m => m.Id);

    private static void Apply(AutoAttendantMenu menu, MenuBody input, DateTime now)
    {
        if (input.Name.Value is { } name)
        {
            menu.Name = name.Trim();
            menu.NameKey = menu.Name.ToLowerInvariant();
        }
        if (input.Schedule.HasValue) menu.Schedule = input.ParsedSchedule is { } s ? MenuJson.Write(s) : null;
        if (input.Keys.HasValue) menu.Keys = MenuJson.Write(input.ParsedKeys);
        if (input.TimeoutSeconds.HasValue) menu.TimeoutSeconds = input.TimeoutSeconds.Value;
        if (input.ParsedTimeoutAction is { } timeout) menu.TimeoutAction = MenuJson.Write(timeout);
        if (input.ParsedInvalidInputAction is { } invalid) menu.InvalidInputAction = MenuJson.Write(invalid);
        menu.UpdatedAt = now;
    }

    /// <summary>The rules across menus, on the menu as it would be saved: targets exist, names and schedules do not collide.</summary>
    private static async Task<Problem?> CheckAsync(TollgateDb db, AutoAttendantMenu menu, List<AutoAttendantMenu> menus, CancellationToken ct)
    {
        // A new menu has no id yet, so it cannot name itself; "repeat" replays it.
        var broken = (await MenuRules.BrokenTargetsAsync(db, menu.CustomerId, [menu], menus.Select(m => m.Id).ToList(), ct))[menu];
        if (broken.Count > 0) return MenuRules.TargetsMissing(broken);
        var others = menus.Where(m => !ReferenceEquals(m, menu)).ToList();
        if (others.Any(m => m.NameKey == menu.NameKey)) return Problem.Duplicate("name", DuplicateName(menu.Name));
        return MenuRules.ScheduleConflict(menu, others);
    }

    private static async Task<List<MenuResponse>> ViewsAsync(
        TollgateDb db, Account account, IReadOnlyList<AutoAttendantMenu> menus, IReadOnlyList<AutoAttendantMenu> all, CancellationToken ct)
    {
        var greetings = await GreetingsApi.InfoAsync(db, account.AccountId, menus.Select(m => m.Id).ToList(), ct);
        var broken = await MenuRules.BrokenTargetsAsync(db, account.CustomerId, menus, all.Select(m => m.Id).ToList(), ct);
        return menus.Select(m =>
        {
            var schedule = MenuJson.ReadSchedule(m.Schedule);
            return new MenuResponse(m.Id, account.AccountId, m.Name, schedule is null ? null : MenuJson.Shape(schedule), MenuJson.ReadKeys(m.Keys),
                m.TimeoutSeconds, MenuJson.ReadAction(m.TimeoutAction), MenuJson.ReadAction(m.InvalidInputAction), greetings.GetValueOrDefault(m.Id),
                broken[m], m.CreatedAt, m.UpdatedAt);
        }).ToList();
    }

    private static Problem NotFound(string accountId, long menuId) => Problem.NotFound("menu", $"{menuId} in auto attendant {accountId}");

    private static string DuplicateName(string name) => $"This auto attendant already has a menu named '{name}'.";
}
