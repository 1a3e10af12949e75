using Tollgate.Api.Features.CentrexFeatures;
using Tollgate.Api.Features.Demo;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Hosting;

namespace Tollgate.Api.Tests.CentrexFeatures;

/// <summary><c>tollgate up --demo</c> includes ABC Company's features: John's voicemail, two menus, a conference room.</summary>
public abstract class CentrexFeaturesDemoTests(DbKind kind)
{
    [Fact]
    public async Task Demo_HasJohnsVoicemail_TheAttendantsMenus_AndAConferenceRoom()
    {
        await using var app = await TollgateTestApp.StartAsync(kind);
        var demo = await Bootstrap.SeedDemoAsync(app.App, CancellationToken.None);
        demo.ShouldNotBeNull();
        demo.Notes.ShouldContain(n => n.StartsWith("features", StringComparison.Ordinal));
        var abc = demo.Customers["ABC Company"];
        var bob = await app.SignInAsync("customer", "bob", PartiesDemo.Password);

        var voicemail = (await bob.GetAsync($"/api/v1/centrex/voicemail/ph{abc}x466")).ShouldHave(HttpStatusCode.OK);
        (voicemail["enabled"].GetBoolean(), voicemail["pinSet"].GetBoolean(), voicemail["email"].GetString()).ShouldBe((true, true, "john.doe@abc.example"));
        await using (var db = app.Database())
        {
            var hash = db.Voicemails.Single(v => v.CustomerId == abc).PinHash!;
            app.Service<Tollgate.Domain.Access.PasswordHasher>().Verify(CentrexFeaturesDemo.VoicemailPin, hash).ShouldBeTrue();
        }

        var menus = (await bob.GetAsync($"/api/v1/centrex/auto-attendants/ph{abc}aa1/menus")).ShouldHave(HttpStatusCode.OK).Items;
        menus.Select(m => m.GetProperty("name").GetString()).ShouldBe(["After hours", "Business hours"]);
        menus.ShouldAllBe(m => !m.GetProperty("brokenTargets").EnumerateObject().Any());
        // ABC Company is in Los Angeles: Monday 4 May 2026 16:30 UTC is 09:30 there, 00:30 UTC the next day is 17:30.
        async Task<string?> At(string instant) => (await bob.GetAsync($"/api/v1/centrex/auto-attendants/ph{abc}aa1/active-menu?at={instant}"))
            .ShouldHave(HttpStatusCode.OK)["menu"].GetProperty("name").GetString();
        (await At("2026-05-04T16:30:00Z")).ShouldBe("Business hours");
        (await At("2026-05-05T00:30:00Z")).ShouldBe("After hours");

        var room = (await bob.GetAsync("/api/v1/centrex/conference-rooms")).ShouldHave(HttpStatusCode.OK).Items.ShouldHaveSingleItem();
        (room.GetProperty("number").GetString(), room.GetProperty("moderatorPin").GetString()).ShouldBe(("800", "97531"));
    }
}

public sealed class CentrexFeaturesDemoTestsOnSqlite() : CentrexFeaturesDemoTests(DbKind.Sqlite);

public sealed class CentrexFeaturesDemoTestsOnPostgres() : CentrexFeaturesDemoTests(DbKind.Postgres);
