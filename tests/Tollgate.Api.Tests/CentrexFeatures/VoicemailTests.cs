using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data.CentrexFeatures;

namespace Tollgate.Api.Tests.CentrexFeatures;

/// <summary>Voicemail per account: defaults, partial PUT, the write-only PIN, rules across fields, scope, permissions and the audit trail.</summary>
public abstract class VoicemailTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static string Path(string accountId) => $"/api/v1/centrex/voicemail/{accountId}";

    [Fact]
    public async Task NeverConfigured_ReadsAsOffWithDefaults()
    {
        var w = await FeatureKit.BuildAsync(App);
        var vm = (await w.Self.GetAsync(Path(w.John))).ShouldHave(HttpStatusCode.OK);
        vm["accountId"].GetString().ShouldBe(w.John);
        vm["enabled"].GetBoolean().ShouldBeFalse();
        vm["pinSet"].GetBoolean().ShouldBeFalse();
        vm["greetingType"].GetString().ShouldBe("standard");
        vm["whenFull"].GetString().ShouldBe("reject");
        vm["attachAudio"].GetBoolean().ShouldBeFalse();
        vm["email"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Put_ChangesOnlyWhatItSends_AndThePinIsNeverShown()
    {
        var w = await FeatureKit.BuildAsync(App);
        var first = (await w.Self.PutAsync(Path(w.John), new
        {
            enabled = true, pin = "4831", greetingType = "personal", email = "john@abc.example", attachAudio = true, whenFull = "deleteOldest",
        })).ShouldHave(HttpStatusCode.OK);
        first["pinSet"].GetBoolean().ShouldBeTrue();
        first["pinChangedAt"].GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);
        first.Text.ShouldNotContain("4831");

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = (await w.Self.PutAsync(Path(w.John), new { greetingType = "extendedAbsence" })).ShouldHave(HttpStatusCode.OK);
        (second["enabled"].GetBoolean(), second["pinSet"].GetBoolean(), second["greetingType"].GetString(), second["email"].GetString(),
                second["attachAudio"].GetBoolean(), second["whenFull"].GetString())
            .ShouldBe((true, true, "extendedAbsence", "john@abc.example", true, "deleteOldest"));
        second["pinChangedAt"].GetDateTime().ShouldBe(first["pinChangedAt"].GetDateTime(), "the PIN was not sent, so it did not change");

        var read = (await w.Self.GetAsync(Path(w.John))).ShouldHave(HttpStatusCode.OK);
        read.Text.ShouldBe(second.Text);
        read.Text.ShouldNotContain("4831");

        await using var db = App.Database();
        var accountKey = await db.Accounts.Where(a => a.AccountId == w.John).Select(a => a.Id).SingleAsync();
        var stored = await db.Voicemails.SingleAsync(v => v.AccountId == accountKey);
        stored.PinHash.ShouldNotBeNull();
        stored.PinHash.ShouldNotContain("4831");
        App.Service<Tollgate.Domain.Access.PasswordHasher>().Verify("4831", stored.PinHash).ShouldBeTrue();
    }

    [Fact]
    public async Task BadValues_AreAllNamedAtOnce_AndNothingChanges()
    {
        var w = await FeatureKit.BuildAsync(App);
        (await w.Self.PutAsync(Path(w.John), new { enabled = true, pin = "4831" })).ShouldHave(HttpStatusCode.OK);
        var before = (await w.Self.GetAsync(Path(w.John))).Text;

        var bad = await w.Self.PutAsync(Path(w.John), new { pin = "12a4", email = "not-an-address", greetingType = "loud", whenFull = "explode", colour = "red" });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("greetingType").ShouldBe(["must be one of: standard, name, personal, extendedAbsence"]);
        bad.ErrorsFor("whenFull").ShouldBe(["must be one of: reject, deleteOldest"]);
        bad.ErrorsFor("colour").ShouldBe(["is not a known field"]);

        var pins = await w.Self.PutAsync(Path(w.John), new { pin = "12a4", email = "not-an-address" });
        pins.ErrorsFor("pin").ShouldBe(["must be 4 to 10 digits"]);
        pins.ErrorsFor("email").ShouldBe(["must be an e-mail address such as bob@example.com"]);
        foreach (var (pin, reason) in new[] { ("123", "must be 4 to 10 digits; it has 3"), ("0000", "must not be one digit repeated"),
                     ("1234", "must not be a straight run of digits such as 1234"), ("98765", "must not be a straight run of digits such as 1234") })
            (await w.Self.PutAsync(Path(w.John), new { pin })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("pin").ShouldBe([reason]);

        (await w.Self.GetAsync(Path(w.John))).Text.ShouldBe(before);
    }

    [Fact]
    public async Task RulesAcrossFields_HoldForTheResult_WhicheverSideIsSent()
    {
        var w = await FeatureKit.BuildAsync(App);
        (await w.Self.PutAsync(Path(w.Jane), new { enabled = true })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("enabled").ShouldBe(["voicemail cannot be enabled without a PIN; send pin as well"]);
        (await w.Self.PutAsync(Path(w.Jane), new { attachAudio = true })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("attachAudio").ShouldBe(["the audio can be attached only to an e-mail; send email as well"]);
        (await w.Self.PutAsync(Path(w.Jane), new { enabled = true, pin = "5093", email = "jane@abc.example", attachAudio = true })).ShouldHave(HttpStatusCode.OK);

        // Taking away what another member needs is refused too.
        (await w.Self.PutAsync(Path(w.Jane), new { pin = (string?)null })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("pin").ShouldBe(["voicemail cannot be enabled without a PIN; send pin as well"]);
        (await w.Self.PutAsync(Path(w.Jane), new { email = (string?)null })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("email").ShouldBe(["the audio can be attached only to an e-mail; send email as well"]);
        (await w.Self.PutAsync(Path(w.Jane), new { enabled = false, pin = (string?)null })).ShouldHave(HttpStatusCode.OK)["pinSet"].GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task AnAccountReachesOnlyItsOwnMailbox_AndAnotherTenantsIsNotFound()
    {
        var w = await FeatureKit.BuildAsync(App);
        var other = await FeatureKit.BuildAsync(App, viaReseller: true);
        var line = TestData.Unique("line");
        await w.Admin.CreateAccountAsync(w.Customer, line, webSignIn: true);
        var account = await App.SignInAsync("account", line, TestData.Password);

        (await account.PutAsync(Path(line), new { enabled = true, pin = "2580" })).ShouldHave(HttpStatusCode.OK);
        (await account.GetAsync(Path(line))).ShouldHave(HttpStatusCode.OK)["enabled"].GetBoolean().ShouldBeTrue();
        (await account.GetAsync(Path(w.John))).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        (await w.Self.GetAsync(Path(other.John))).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PutAsync(Path(other.John), new { greetingType = "name" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Staff.GetAsync(Path(w.John))).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Staff.GetAsync(Path(other.John))).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.GetAsync(Path(other.John))).ShouldHave(HttpStatusCode.OK);
        (await w.Self.GetAsync(Path("no-such-account"))).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound)["detail"].GetString()
            .ShouldBe("There is no account no-such-account.");
    }

    [Fact]
    public async Task IndividualsRole_GovernsReadingAndChanging()
    {
        var w = await FeatureKit.BuildAsync(App);
        var reader = await w.Admin.CreateRoleAsync(new { voicemail = "read" });
        var none = await w.Admin.CreateRoleAsync(new { extensions = "modify" });
        await w.Admin.AllowRolesAsync(w.Customer, reader, none);
        var readOnly = await App.ActivateAsync(fixture.Mail, await w.Self.CreateIndividualAsync(w.Customer, reader));
        var outsider = await App.ActivateAsync(fixture.Mail, await w.Self.CreateIndividualAsync(w.Customer, none));

        (await readOnly.GetAsync(Path(w.John))).ShouldHave(HttpStatusCode.OK);
        (await readOnly.PutAsync(Path(w.John), new { greetingType = "name" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/voicemail/modify");
        (await outsider.GetAsync(Path(w.John))).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/voicemail/read");
    }

    [Fact]
    public async Task Changes_GoToTheAuditTrail_WithThePinMasked()
    {
        var w = await FeatureKit.BuildAsync(App);
        (await w.Self.PutAsync(Path(w.John), new { enabled = true, pin = "7391", email = "john@abc.example" })).ShouldHave(HttpStatusCode.OK);
        var trail = (await w.Admin.GetAsync($"/api/v1/customers/{w.Customer}/audit?entity=voicemail")).ShouldHave(HttpStatusCode.OK);
        var entry = trail.Items.ShouldHaveSingleItem();
        entry.GetProperty("action").GetString().ShouldBe("created");
        entry.GetProperty("actor").GetProperty("login").GetString().ShouldBe(w.Pbx.Login);
        var changes = entry.GetProperty("changes");
        changes.GetProperty("pinHash").GetProperty("new").GetString().ShouldBe("***");
        changes.GetProperty("email").GetProperty("new").GetString().ShouldBe("john@abc.example");
        trail.Text.ShouldNotContain("7391");
    }

    [Fact]
    public async Task ClosedAccount_KeepsItsSettingsReadable_ButRefusesChanges()
    {
        var w = await FeatureKit.BuildAsync(App);
        var line = TestData.Unique("line");
        var accountKey = await w.Admin.CreateAccountAsync(w.Customer, line);
        (await w.Admin.PutAsync(Path(line), new { enabled = true, pin = "3719" })).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.PostAsync($"/api/v1/accounts/{accountKey}/close")).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.GetAsync(Path(line))).ShouldHave(HttpStatusCode.OK)["enabled"].GetBoolean().ShouldBeTrue();
        (await w.Admin.PutAsync(Path(line), new { enabled = false })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
    }

    [Fact]
    public async Task Domain_IsAcceptedWhenTheInstallationNamesNone()
    {
        var w = await FeatureKit.BuildAsync(App);
        (await w.Self.GetAsync($"{Path(w.John)}?domain=sip.abc.example")).ShouldHave(HttpStatusCode.OK)["accountId"].GetString().ShouldBe(w.John);
    }
}

public sealed class VoicemailTestsOnSqlite(SqliteApp app) : VoicemailTests(app), IClassFixture<SqliteApp>;

public sealed class VoicemailTestsOnPostgres(PostgresApp app) : VoicemailTests(app), IClassFixture<PostgresApp>;
