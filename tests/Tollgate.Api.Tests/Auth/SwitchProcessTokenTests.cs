using Tollgate.Api.Auth;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Auth;

/// <summary>
/// The same token for the call control API of a switch started on its own (<c>--role switch</c>), which knows only the
/// database and the api's key set URL: every realm's token is accepted there, permissions apply as in the billing API,
/// and expired, tampered and revoked tokens get the same 401 (the all-in-one process is covered by the CallControl tests).
/// </summary>
public abstract class SwitchProcessTokenTests(SeparateHostFixture fixture)
{
    private const string Calls = "/api/v1/calls";

    private TollgateTestApp Api => fixture.App;
    private TollgateTestApp Switch => fixture.Separate;

    private Task<RealmClients> TenantAsync(object individualPermissions) => RealmClients.CreateAsync(Api, fixture.Mail, individualPermissions);

    [Fact]
    public async Task EveryRealmsToken_ListsLiveCalls_InTheSeparateSwitch_AndStillWorksOnTheBillingApi()
    {
        var t = await TenantAsync(new { callControl = "read", profile = "read" });
        Switch.Service<IVerificationKeys>().ShouldBeOfType<JwksVerificationKeys>();
        foreach (var (realm, client) in t.All)
        {
            (await client.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK)["realm"].GetString().ShouldBe(realm);
            var there = (await Switch.On(client.AccessToken).GetAsync(Calls)).ShouldHave(HttpStatusCode.OK);
            there["items"].GetArrayLength().ShouldBe(0, $"no calls are live for the {realm} token");
        }
    }

    [Fact]
    public async Task MissingCallControlPermission_IsRefusedByTheSeparateSwitch()
    {
        var t = await TenantAsync(new { voicemail = "read" });
        (await Switch.On(t.Individual.AccessToken).GetAsync(Calls)).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/read");
    }

    [Fact]
    public async Task ExpiredTamperedAndLoggedOutTokens_AreRefusedByTheSeparateSwitch()
    {
        var t = await TenantAsync(new { callControl = "read" });
        (await Switch.On(t.Customer.AccessToken).GetAsync(Calls)).ShouldHave(HttpStatusCode.OK);

        var parts = t.Reseller.AccessToken!.Split('.');
        await RefusedAsync(string.Join('.', parts[0], parts[1], parts[2][..^4] + "AAAA"));

        (await t.Customer.PostAsync("/api/v1/auth/logout")).ShouldHave(HttpStatusCode.NoContent);
        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        await RefusedAsync(t.Customer.AccessToken!, "ended");

        Api.Clock.Advance(TimeSpan.FromMinutes(16));
        await RefusedAsync(t.Admin.AccessToken!, "expired");
    }

    private async Task RefusedAsync(string token, string reason = "")
    {
        var refused = await Switch.On(token).GetAsync(Calls);
        refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        refused["detail"].GetString()!.ShouldContain(reason);
    }
}

public sealed class SqliteSwitchProcessApp() : SeparateHostFixture(DbKind.Sqlite, "switch")
{
    protected override IDictionary<string, string?> SeparateSettings => new Dictionary<string, string?> { ["Tollgate:Sip"] = "udp:127.0.0.1:0" };
}

public sealed class PostgresSwitchProcessApp() : SeparateHostFixture(DbKind.Postgres, "switch")
{
    protected override IDictionary<string, string?> SeparateSettings => new Dictionary<string, string?> { ["Tollgate:Sip"] = "udp:127.0.0.1:0" };
}

public sealed class SwitchProcessTokenTestsOnSqlite(SqliteSwitchProcessApp app) : SwitchProcessTokenTests(app), IClassFixture<SqliteSwitchProcessApp>;

public sealed class SwitchProcessTokenTestsOnPostgres(PostgresSwitchProcessApp app) : SwitchProcessTokenTests(app), IClassFixture<PostgresSwitchProcessApp>;
