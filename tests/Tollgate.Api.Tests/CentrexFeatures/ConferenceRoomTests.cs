using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.CentrexFeatures;

/// <summary>Conference rooms: round trips, numbers unique per customer and apart from extensions, PINs, limits, times, scope.</summary>
public abstract class ConferenceRoomTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private const string Rooms = "/api/v1/centrex/conference-rooms";

    [Fact]
    public async Task Room_RoundTrips_AndAPutChangesOnlyWhatItSends()
    {
        var w = await FeatureKit.BuildAsync(App, timeZone: "Europe/Berlin");
        var starts = App.Clock.GetUtcNow().AddDays(1);
        var created = (await w.Self.PostAsync(Rooms, new
        {
            number = "800", name = "Weekly sales", participantPin = "2468", moderatorPin = "97531", maxParticipants = 25,
            startsAt = starts, endsAt = starts.AddHours(2),
        })).ShouldHave(HttpStatusCode.Created);
        created.Headers["Location"].ShouldBe($"{Rooms}/{created.Id}");
        (created["customerId"].GetInt64(), created["number"].GetString(), created["participantPin"].GetString(), created["moderatorPin"].GetString(),
                created["maxParticipants"].GetInt32(), created["timeZone"].GetString())
            .ShouldBe((w.Customer, "800", "2468", "97531", 25, "Europe/Berlin"));
        created["startsAt"].GetDateTime().ShouldBe(starts.UtcDateTime);
        created["endsAt"].GetDateTime().ShouldBe(starts.AddHours(2).UtcDateTime);

        var changed = (await w.Self.PutAsync($"{Rooms}/{created.Id}", new { maxParticipants = 50, participantPin = (string?)null })).ShouldHave(HttpStatusCode.OK);
        (changed["maxParticipants"].GetInt32(), changed["name"].GetString(), changed["moderatorPin"].GetString()).ShouldBe((50, "Weekly sales", "97531"));
        changed["participantPin"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await w.Self.GetAsync($"{Rooms}/{created.Id}")).ShouldHave(HttpStatusCode.OK).Text.ShouldBe(changed.Text);

        var defaults = (await w.Self.PostAsync(Rooms, new { number = "801" })).ShouldHave(HttpStatusCode.Created);
        (defaults["maxParticipants"].GetInt32(), defaults["startsAt"].ValueKind).ShouldBe((10, System.Text.Json.JsonValueKind.Null));
        (await w.Self.GetAsync($"{Rooms}?number=80%25")).ShouldHave(HttpStatusCode.OK).Items.Select(r => r.GetProperty("number").GetString()).ShouldBe(["800", "801"]);

        (await w.Self.DeleteAsync($"{Rooms}/{created.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await w.Self.GetAsync($"{Rooms}/{created.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        var trail = (await w.Admin.GetAsync($"/api/v1/customers/{w.Customer}/audit?entity=conferenceRoom")).ShouldHave(HttpStatusCode.OK);
        trail.Items.Select(e => e.GetProperty("action").GetString()).ShouldBe(["deleted", "created", "updated", "created"]);
        trail.Text.ShouldNotContain("97531");
    }

    [Fact]
    public async Task Number_IsUniquePerCustomer_AndNotAnExtension()
    {
        var w = await FeatureKit.BuildAsync(App);
        var other = await FeatureKit.BuildAsync(App);
        (await w.Self.PostAsync(Rooms, new { number = "700" })).ShouldHave(HttpStatusCode.Created);
        (await other.Self.PostAsync(Rooms, new { number = "700" })).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PostAsync(Rooms, new { number = "700" })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate)
            .ErrorsFor("number").ShouldBe([$"Customer {w.Customer} already has conference room 700."]);
        (await w.Self.PostAsync(Rooms, new { number = "466" })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate)
            .ErrorsFor("number").ShouldBe([$"466 is an extension number of customer {w.Customer}; a conference room needs a number of its own."]);
        var second = (await w.Self.PostAsync(Rooms, new { number = "701" })).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PutAsync($"{Rooms}/{second.Id}", new { number = "700" })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        (await w.Self.GetAsync($"{Rooms}/{second.Id}")).ShouldHave(HttpStatusCode.OK)["number"].GetString().ShouldBe("701");
    }

    [Fact]
    public async Task BadRoom_IsRefusedWithEveryReasonNamed()
    {
        var w = await FeatureKit.BuildAsync(App);
        var now = App.Clock.GetUtcNow();
        var bad = await w.Self.PostAsync(Rooms, new { number = "8x", participantPin = "1111", moderatorPin = "12", maxParticipants = 1, name = "" });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("number").ShouldBe(["must be digits only; it contains 'x' (for example 466)"]);
        bad.ErrorsFor("participantPin").ShouldBe(["must not be one digit repeated"]);
        bad.ErrorsFor("moderatorPin").ShouldBe(["must be 4 to 8 digits; it has 2"]);
        bad.ErrorsFor("maxParticipants").ShouldBe(["must be 2 or more"]);
        bad.ErrorsFor("name").ShouldBe(["must not be blank"]);

        var rules = await w.Self.PostAsync(Rooms, new
        {
            number = "802", participantPin = "2580", moderatorPin = "2580", maxParticipants = 101, startsAt = now.AddHours(2), endsAt = now.AddHours(1),
        });
        rules.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        rules.ErrorsFor("moderatorPin").ShouldBe(["must differ from the other PIN, or the moderator cannot be told apart"]);
        rules.ErrorsFor("maxParticipants").ShouldBe(["must be at most 100, the most this installation allows"]);
        rules.ErrorsFor("endsAt").ShouldBe(["the end must be after the start"]);
        (await w.Self.PostAsync(Rooms, new { number = "803", endsAt = now.AddMinutes(-1) })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("endsAt").ShouldBe(["must be in the future"]);
        (await w.Self.PostAsync(Rooms, new { name = "No number" })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("number").ShouldBe(["is required"]);
        (await w.Self.GetAsync(Rooms)).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(0);

        var room = (await w.Self.PostAsync(Rooms, new { number = "804", startsAt = now.AddHours(1), endsAt = now.AddHours(3) })).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PutAsync($"{Rooms}/{room.Id}", new { startsAt = now.AddHours(4) })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("startsAt").ShouldBe(["the end must be after the start"]);
    }

    [Fact]
    public async Task StaffNameTheCustomer_CustomersSeeOnlyTheirOwn_AndAnotherTenantsIsNotFound()
    {
        var w = await FeatureKit.BuildAsync(App, viaReseller: true);
        var other = await FeatureKit.BuildAsync(App, viaReseller: true);
        (await w.Staff.PostAsync(Rooms, new { number = "900" })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("customerId").ShouldBe(["is required: name the customer the room is for (?customerId=)"]);
        var byReseller = (await w.Staff.PostAsync($"{Rooms}?customerId={w.Customer}", new { number = "900" })).ShouldHave(HttpStatusCode.Created);
        (await w.Staff.PostAsync($"{Rooms}?customerId={other.Customer}", new { number = "900" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound)
            .ErrorsFor("customerId").ShouldBe([$"there is no customer {other.Customer}"]);
        (await w.Self.PostAsync($"{Rooms}?customerId={other.Customer}", new { number = "901" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var theirs = (await other.Self.PostAsync(Rooms, new { number = "902" })).ShouldHave(HttpStatusCode.Created);

        (await w.Self.GetAsync(Rooms)).ShouldHave(HttpStatusCode.OK).Items.Select(r => r.GetProperty("id").GetInt64()).ShouldBe([byReseller.Id]);
        (await w.Self.GetAsync($"{Rooms}/{theirs.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PutAsync($"{Rooms}/{theirs.Id}", new { name = "Mine now" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Staff.DeleteAsync($"{Rooms}/{theirs.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Admin.GetAsync($"{Rooms}?customerId={other.Customer}")).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(1);

        var line = TestData.Unique("line");
        await w.Admin.CreateAccountAsync(w.Customer, line, webSignIn: true);
        var account = await App.SignInAsync("account", line, TestData.Password);
        (await account.GetAsync(Rooms)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }
}

public sealed class ConferenceRoomTestsOnSqlite(SqliteApp app) : ConferenceRoomTests(app), IClassFixture<SqliteApp>;

public sealed class ConferenceRoomTestsOnPostgres(PostgresApp app) : ConferenceRoomTests(app), IClassFixture<PostgresApp>;
