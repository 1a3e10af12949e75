using System.Text.Json;
using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Centrex;

namespace Tollgate.Api.Tests.CentrexFeatures;

/// <summary>Auto attendant menus: round trips, validation with every reason, targets that must exist, schedules in the customer's zone.</summary>
public abstract class AutoAttendantMenuTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static object BusinessHours(params long[] goTo) => new
    {
        name = "Business hours",
        schedule = new { periods = new[] { new { days = new[] { "mon", "tue", "wed", "thu", "fri" }, from = "09:00", to = "17:00" } } },
        keys = new Dictionary<string, object>
        {
            ["1"] = new { action = "transferToExtension", extension = "466" },
            ["2"] = new { action = "transferToNumber", number = "+12095550000" },
            ["3"] = goTo.Length > 0 ? new { action = "goToMenu", menuId = goTo[0] } : new { action = "repeat" },
            ["8"] = new { action = "voicemail", extension = "467" },
            ["9"] = new { action = "dialByExtension" },
            ["#"] = new { action = "disconnect" },
        },
        timeoutSeconds = 7,
        timeoutAction = new { action = "transferToExtension", extension = "467" },
        invalidInputAction = new { action = "repeat" },
    };

    [Fact]
    public async Task Menu_RoundTrips_AndAPutChangesOnlyWhatItSends()
    {
        var w = await FeatureKit.BuildAsync(App);
        var afterHours = (await w.Self.PostAsync(w.Menus, new { name = "After hours", schedule = new { always = true },
            keys = new Dictionary<string, object> { ["0"] = new { action = "voicemail" } } })).ShouldHave(HttpStatusCode.Created);
        var created = (await w.Self.PostAsync(w.Menus, BusinessHours(afterHours.Id))).ShouldHave(HttpStatusCode.Created);
        created.Headers["Location"].ShouldBe($"{w.Menus}/{created.Id}");
        created["accountId"].GetString().ShouldBe(w.Attendant);
        created["schedule"].GetProperty("periods")[0].GetProperty("days").EnumerateArray().Select(d => d.GetString()).ShouldBe(["mon", "tue", "wed", "thu", "fri"]);
        var keys = created["keys"];
        keys.EnumerateObject().Select(k => k.Name).ShouldBe(["1", "2", "3", "8", "9", "#"]);
        keys.GetProperty("1").GetRawText().ShouldBe("""{"action":"transferToExtension","extension":"466"}""");
        keys.GetProperty("3").GetRawText().ShouldBe($$"""{"action":"goToMenu","menuId":{{afterHours.Id}}}""");
        keys.GetProperty("#").GetRawText().ShouldBe("""{"action":"disconnect"}""");
        created["timeoutSeconds"].GetInt32().ShouldBe(7);
        created["brokenTargets"].EnumerateObject().ShouldBeEmpty();
        created["greeting"].ValueKind.ShouldBe(JsonValueKind.Null);

        var renamed = (await w.Self.PutAsync($"{w.Menus}/{created.Id}", new { name = "Office hours" })).ShouldHave(HttpStatusCode.OK);
        renamed["name"].GetString().ShouldBe("Office hours");
        renamed["keys"].GetRawText().ShouldBe(keys.GetRawText());
        renamed["schedule"].GetRawText().ShouldBe(created["schedule"].GetRawText());

        var cleared = (await w.Self.PutAsync($"{w.Menus}/{created.Id}", new { keys = (object?)null, schedule = (object?)null })).ShouldHave(HttpStatusCode.OK);
        cleared["keys"].EnumerateObject().ShouldBeEmpty();
        cleared["schedule"].ValueKind.ShouldBe(JsonValueKind.Null);

        var list = (await w.Self.GetAsync(w.Menus)).ShouldHave(HttpStatusCode.OK);
        list.Items.Select(m => m.GetProperty("name").GetString()).ShouldBe(["After hours", "Office hours"]);
        (await w.Self.GetAsync($"{w.Menus}/{created.Id}")).ShouldHave(HttpStatusCode.OK).Text.ShouldBe(cleared.Text);

        (await w.Self.DeleteAsync($"{w.Menus}/{created.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await w.Self.GetAsync($"{w.Menus}/{created.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task BadMenu_IsRefusedWithEveryReasonNamed()
    {
        var w = await FeatureKit.BuildAsync(App);
        var bad = await w.Self.PostAsync(w.Menus, new
        {
            name = " ",
            schedule = new { periods = new object[] { new { days = new[] { "mon", "funday", "mon" }, from = "9am", to = "08:00" }, new { days = Array.Empty<string>(), from = "18:00", to = "17:00", extra = 1 } } },
            keys = new Dictionary<string, object>
            {
                ["1"] = new { action = "transferToExtension" },
                ["2"] = new { action = "transferToNumber", number = "call-me" },
                ["3"] = new { action = "goToMenu", extension = "466" },
                ["4"] = new { action = "teleport" },
                ["5"] = new { extension = "466" },
                ["A"] = new { action = "disconnect" },
                ["6"] = new { action = "disconnect", menuId = 3, colour = "red" },
            },
            timeoutSeconds = 0,
            timeoutAction = (object?)null,
        });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("name").ShouldBe(["must not be blank"]);
        bad.ErrorsFor("schedule.periods[0].days").ShouldBe(["'funday' is not one of: mon, tue, wed, thu, fri, sat, sun", "lists mon twice"]);
        bad.ErrorsFor("schedule.periods[0].from").ShouldBe(["must be a time of day HH:MM from 00:00 to 23:59"]);
        bad.ErrorsFor("schedule.periods[1].days").ShouldBe(["must list one or more of: mon, tue, wed, thu, fri, sat, sun"]);
        bad.ErrorsFor("schedule.periods[1].to").ShouldBe(["must be after from; split a period across midnight in two (…–24:00 and 00:00–…)"]);
        bad.ErrorsFor("schedule.periods[1].extra").ShouldBe(["is not a known field"]);
        bad.ErrorsFor("keys.1.extension").ShouldBe(["is required for transferToExtension"]);
        bad.ErrorsFor("keys.2.number").ShouldBe(["must be a phone number of digits, optionally starting with + (for example 12095550000)"]);
        bad.ErrorsFor("keys.3.extension").ShouldBe(["applies only to transferToExtension and voicemail, not goToMenu"]);
        bad.ErrorsFor("keys.3.menuId").ShouldBe(["is required for goToMenu"]);
        bad.ErrorsFor("keys.4.action")[0].ShouldStartWith("must be one of: transferToExtension, transferToNumber, goToMenu, voicemail, dialByExtension");
        bad.ErrorsFor("keys.5.action").ShouldBe(["is required"]);
        bad.ErrorsFor("keys.A").ShouldBe(["is not a key of a phone keypad: use 0 to 9, * or #"]);
        bad.ErrorsFor("keys.6.menuId").ShouldBe(["applies only to goToMenu, not disconnect"]);
        bad.ErrorsFor("keys.6.colour").ShouldBe(["is not a known field"]);
        bad.ErrorsFor("timeoutSeconds").ShouldBe(["must be from 1 to 60 seconds"]);
        bad.ErrorsFor("timeoutAction").ShouldBe(["must not be null; use {\"action\":\"disconnect\"} to hang up"]);

        (await w.Self.PostAsync(w.Menus, new { keys = new { } })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("name").ShouldBe(["is required"]);
        (await w.Self.GetAsync(w.Menus)).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task ActionsPointingAtMissingExtensionsOrMenus_AreRefusedWithTheReason()
    {
        var w = await FeatureKit.BuildAsync(App);
        var other = await FeatureKit.BuildAsync(App);
        var foreign = (await other.Self.PostAsync(other.Menus, new { name = "Theirs" })).ShouldHave(HttpStatusCode.Created);

        var refused = await w.Self.PostAsync(w.Menus, new
        {
            name = "Main",
            keys = new Dictionary<string, object>
            {
                ["1"] = new { action = "transferToExtension", extension = "499" },
                ["2"] = new { action = "goToMenu", menuId = foreign.Id },
                ["8"] = new { action = "voicemail", extension = "498" },
                ["9"] = new { action = "transferToExtension", extension = "466" },
            },
            invalidInputAction = new { action = "goToMenu", menuId = 999_999 },
        });
        refused.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        refused.ErrorsFor("keys.1.extension").ShouldBe(["there is no extension 499 in this PBX"]);
        refused.ErrorsFor("keys.2.menuId").ShouldBe([$"there is no menu {foreign.Id} in this auto attendant"]);
        refused.ErrorsFor("keys.8.extension").ShouldBe(["there is no extension 498 in this PBX"]);
        refused.ErrorsFor("invalidInputAction.menuId").ShouldBe(["there is no menu 999999 in this auto attendant"]);
        refused.ErrorsFor("keys.9.extension").ShouldBeEmpty();
        (await w.Self.GetAsync(w.Menus)).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(0);

        // Another customer's extension is no target for this PBX.
        (await other.Self.CreateExtensionAsync(other.Customer, "555", other.Pbx.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PostAsync(w.Menus, new { name = "Main", keys = new Dictionary<string, object> { ["1"] = new { action = "transferToExtension", extension = "555" } } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("keys.1.extension").ShouldBe(["there is no extension 555 in this PBX"]);
    }

    [Fact]
    public async Task ATargetThatDisappearsLater_IsReportedAsBroken_AndAReferencedMenuCannotBeDeleted()
    {
        var w = await FeatureKit.BuildAsync(App);
        var sub = (await w.Self.PostAsync(w.Menus, new { name = "Sales" })).ShouldHave(HttpStatusCode.Created);
        var main = (await w.Self.PostAsync(w.Menus, BusinessHours(sub.Id))).ShouldHave(HttpStatusCode.Created);

        var refused = await w.Self.DeleteAsync($"{w.Menus}/{sub.Id}");
        refused.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        refused["detail"].GetString()!.ShouldContain("menu 'Business hours' (keys.3)");

        var jane = (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions?extension=467")).ShouldHave(HttpStatusCode.OK).Items[0].GetProperty("id").GetInt64();
        (await w.Self.DeleteAsync($"/api/v1/customers/{w.Customer}/extensions/{jane}")).ShouldHave(HttpStatusCode.NoContent);
        var broken = (await w.Self.GetAsync($"{w.Menus}/{main.Id}")).ShouldHave(HttpStatusCode.OK)["brokenTargets"];
        broken.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["keys.8.extension", "timeoutAction.extension"]);
        broken.GetProperty("keys.8.extension")[0].GetString().ShouldBe("there is no extension 467 in this PBX");
        // Changing something else is refused until the broken target is fixed: the menu as saved must work.
        (await w.Self.PutAsync($"{w.Menus}/{main.Id}", new { name = "Renamed" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PutAsync($"{w.Menus}/{main.Id}", new
        {
            keys = new Dictionary<string, object> { ["1"] = new { action = "transferToExtension", extension = "466" } },
            timeoutAction = new { action = "disconnect" },
        })).ShouldHave(HttpStatusCode.OK)["brokenTargets"].EnumerateObject().ShouldBeEmpty();
        (await w.Self.DeleteAsync($"{w.Menus}/{sub.Id}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Schedules_MayNotOverlap_AndThereIsOneFallback()
    {
        var w = await FeatureKit.BuildAsync(App);
        (await w.Self.PostAsync(w.Menus, BusinessHours())).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PostAsync(w.Menus, new { name = "Night", schedule = new { always = true } })).ShouldHave(HttpStatusCode.Created);

        var lunch = await w.Self.PostAsync(w.Menus, new
        {
            name = "Lunch", schedule = new { periods = new[] { new { days = new[] { "sat", "fri" }, from = "12:00", to = "13:00" } } },
        });
        lunch.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        lunch.ErrorsFor("schedule").ShouldBe(["overlaps menu 'Business hours' on fri 12:00–13:00"]);
        (await w.Self.PostAsync(w.Menus, new { name = "Holiday", schedule = new { always = true } })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict)
            .ErrorsFor("schedule").ShouldBe(["menu 'Night' is already the fallback (always); an auto attendant has one"]);
        (await w.Self.PostAsync(w.Menus, new { name = "business HOURS" })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate)
            .ErrorsFor("name").ShouldBe(["This auto attendant already has a menu named 'business HOURS'."]);
        (await w.Self.PostAsync(w.Menus, new { name = "Weekend", schedule = new { periods = new[] { new { days = new[] { "sat", "sun" }, from = "00:00", to = "24:00" } } } }))
            .ShouldHave(HttpStatusCode.Created);
        (await w.Self.PostAsync(w.Menus, new { name = "Both", schedule = new { always = true, periods = new[] { new { days = new[] { "mon" }, from = "00:00", to = "01:00" } } } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("schedule").ShouldBe(["is either always (the fallback) or a list of periods, not both"]);
    }

    [Fact]
    public async Task ActiveMenu_FollowsTheCustomersWallClock_AcrossDaylightSavingTime()
    {
        var w = await FeatureKit.BuildAsync(App, timeZone: "America/Los_Angeles");
        var office = (await w.Self.PostAsync(w.Menus, BusinessHours())).ShouldHave(HttpStatusCode.Created);
        var night = (await w.Self.PostAsync(w.Menus, new { name = "Night", schedule = new { always = true } })).ShouldHave(HttpStatusCode.Created);

        async Task<(long? Menu, string Local, string Day)> At(string instant)
        {
            var r = (await w.Self.GetAsync($"/api/v1/centrex/auto-attendants/{w.Attendant}/active-menu?at={Uri.EscapeDataString(instant)}")).ShouldHave(HttpStatusCode.OK);
            r["timeZone"].GetString().ShouldBe("America/Los_Angeles");
            var menu = r["menu"];
            return (menu.ValueKind == JsonValueKind.Null ? null : menu.GetProperty("id").GetInt64(), r["localTime"].GetString()!, r["day"].GetString()!);
        }

        // Friday 6 March 2026, 16:59 PST (UTC−8) is office time; 17:00 is not.
        (await At("2026-03-07T00:59:00Z")).ShouldBe((office.Id, "2026-03-06T16:59:00", "fri"));
        (await At("2026-03-07T01:00:00Z")).ShouldBe((night.Id, "2026-03-06T17:00:00", "fri"));
        // Monday 9 March, after the change to PDT (UTC−7): 09:00 local is 16:00 UTC, an hour earlier in UTC than a week before.
        (await At("2026-03-09T15:59:00Z")).ShouldBe((night.Id, "2026-03-09T08:59:00", "mon"));
        (await At("2026-03-09T16:00:00Z")).ShouldBe((office.Id, "2026-03-09T09:00:00", "mon"));
        (await At("2026-03-02T16:30:00Z")).ShouldBe((night.Id, "2026-03-02T08:30:00", "mon"));
        // Saturday: no period, so the fallback.
        (await At("2026-03-07T20:00:00Z")).ShouldBe((night.Id, "2026-03-07T12:00:00", "sat"));

        (await w.Self.DeleteAsync($"{w.Menus}/{night.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await At("2026-03-07T20:00:00Z")).Menu.ShouldBeNull("no menu answers outside office hours without a fallback");
        (await w.Self.GetAsync($"/api/v1/centrex/auto-attendants/{w.Attendant}/active-menu?at=yesterday"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("at").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task OnlyAutoAttendants_HaveMenus_AndAnotherTenantsAreNotFound()
    {
        var w = await FeatureKit.BuildAsync(App);
        var other = await FeatureKit.BuildAsync(App, viaReseller: true);
        (await w.Self.GetAsync($"/api/v1/centrex/auto-attendants/{w.John}/menus")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound)
            ["detail"].GetString().ShouldBe($"There is no auto attendant {w.John}.");
        (await w.Self.GetAsync(other.Menus)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PostAsync(other.Menus, new { name = "Hijack" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Staff.GetAsync(w.Menus)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Staff.PostAsync(other.Menus, new { name = "Reseller's" })).ShouldHave(HttpStatusCode.Created);
        (await other.Self.GetAsync(other.Menus)).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(1);

        var mine = (await w.Self.PostAsync(w.Menus, new { name = "Mine" })).ShouldHave(HttpStatusCode.Created);
        (await other.Self.GetAsync($"{other.Menus}/{mine.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Self.DeleteAsync($"{w.Menus}/{mine.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task IndividualsRole_GovernsMenus_AndChangesAreAudited()
    {
        var w = await FeatureKit.BuildAsync(App);
        var reader = await w.Admin.CreateRoleAsync(new { autoAttendants = "read" });
        var editor = await w.Admin.CreateRoleAsync(new { autoAttendants = "modify" });
        await w.Admin.AllowRolesAsync(w.Customer, reader, editor);
        var readOnly = await App.ActivateAsync(fixture.Mail, await w.Self.CreateIndividualAsync(w.Customer, reader));
        var editorIndividual = await w.Self.CreateIndividualAsync(w.Customer, editor);
        var canEdit = await App.ActivateAsync(fixture.Mail, editorIndividual);

        (await readOnly.PostAsync(w.Menus, new { name = "Nope" })).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/autoAttendants/modify");
        var menu = (await canEdit.PostAsync(w.Menus, new { name = "Welcome" })).ShouldHave(HttpStatusCode.Created);
        (await readOnly.GetAsync($"{w.Menus}/{menu.Id}")).ShouldHave(HttpStatusCode.OK);
        (await readOnly.GetAsync("/api/v1/centrex/conference-rooms")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/conferencing/read");

        var trail = (await w.Admin.GetAsync($"/api/v1/customers/{w.Customer}/audit?entity=autoAttendantMenu")).ShouldHave(HttpStatusCode.OK);
        var entry = trail.Items.ShouldHaveSingleItem();
        entry.GetProperty("actor").GetProperty("login").GetString().ShouldBe(editorIndividual.Login);
        entry.GetProperty("changes").GetProperty("name").GetProperty("new").GetString().ShouldBe("Welcome");
    }
}

public sealed class AutoAttendantMenuTestsOnSqlite(SqliteApp app) : AutoAttendantMenuTests(app), IClassFixture<SqliteApp>;

public sealed class AutoAttendantMenuTestsOnPostgres(PostgresApp app) : AutoAttendantMenuTests(app), IClassFixture<PostgresApp>;
