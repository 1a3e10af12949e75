using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Auth;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Auth;

/// <summary>
/// One access token for every API: tokens from each realm against the billing API and the feature API of the all-in-one
/// process, and against a features process started separately that knows only the database and the api's key set URL.
/// Every kind of bad token is refused with the same 401 problem by both.
/// </summary>
public abstract class OneTokenTests(SeparateHostFixture fixture)
{
    public const string ServedDomain = "sip.tollgate.test";

    private TollgateTestApp Api => fixture.App;
    private TollgateTestApp Features => fixture.Separate;

    private Task<RealmClients> TenantAsync(object? individualPermissions = null) =>
        RealmClients.CreateAsync(Api, fixture.Mail, individualPermissions ?? new { voicemail = "modify", profile = "read" });

    private static ApiClient On(TollgateTestApp host, ApiClient client) => host.On(client.AccessToken);

    private static string Voicemail(string accountId) => $"/api/v1/centrex/voicemail/{accountId}";

    [Fact]
    public async Task EveryRealmsToken_WorksOnTheBillingApiAndTheFeatureApi_InProcessAndInTheSeparateProcess()
    {
        var t = await TenantAsync();
        var greetings = new[] { "name", "personal", "extendedAbsence", "standard", "name" };
        var i = 0;
        foreach (var (realm, client) in t.All)
        {
            (await client.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK)["realm"].GetString().ShouldBe(realm);
            (await client.GetAsync($"/api/v1/customers/{t.CustomerId}")).Status.ShouldNotBe(HttpStatusCode.Unauthorized);
            var inProcess = (await client.GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);

            var remote = On(Features, client);
            var there = (await remote.GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
            there.Text.ShouldBe(inProcess.Text);
            var greeting = greetings[i++];
            (await remote.PutAsync(Voicemail(t.AccountId), new { greetingType = greeting })).ShouldHave(HttpStatusCode.OK);
            (await client.GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK)["greetingType"].GetString()
                .ShouldBe(greeting, $"the {realm} token's change in the separate process is in the shared database");
        }
    }

    [Fact]
    public async Task SeparateProcess_ServesOnlyItsRole_AndHoldsNoSigningKey()
    {
        var admin = await Api.AdminAsync();
        var remote = On(Features, admin);
        (await remote.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.RouteNotFound);
        (await remote.PostAsync("/api/v1/auth/login", new { realm = "admin", login = "admin", password = "x" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.RouteNotFound);
        (await Features.Anonymous().GetAsync("/.well-known/jwks.json")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await remote.GetAsync("/api/v1/centrex/conference-rooms")).ShouldHave(HttpStatusCode.OK);

        File.Exists(Path.Combine(Api.DataDirectory, "keys", "jwt-signing-key.pem")).ShouldBeTrue();
        File.Exists(Path.Combine(Features.DataDirectory, "keys", "jwt-signing-key.pem")).ShouldBeFalse("a process without the api role never makes a signing key");
        var keys = Features.Service<IVerificationKeys>().ShouldBeOfType<JwksVerificationKeys>();
        keys.Describe().ShouldBe($"keys from {new Uri(Api.BaseAddress, "/.well-known/jwks.json")}");
        Api.Service<IVerificationKeys>().ShouldBeOfType<LocalVerificationKeys>();
    }

    [Fact]
    public async Task ExpiredToken_IsRefusedByBoth()
    {
        var t = await TenantAsync();
        foreach (var (_, client) in t.All)
            (await On(Features, client).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
        Api.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(31));
        foreach (var (_, client) in t.All)
        {
            await BothRefuseAsync(client.AccessToken!, Voicemail(t.AccountId), "expired");
        }
    }

    [Fact]
    public async Task TamperedToken_IsRefusedByBoth()
    {
        var t = await TenantAsync();
        var parts = t.Customer.AccessToken!.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace($"\"customer_id\":{t.CustomerId}", $"\"customer_id\":{t.CustomerId + 1}");
        payload.ShouldNotBe(Base64UrlEncoder.Decode(parts[1]));
        await BothRefuseAsync($"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}", Voicemail(t.AccountId), "signature");
        await BothRefuseAsync(string.Join('.', parts[0], parts[1], parts[2][..^4] + "AAAA"), Voicemail(t.AccountId), "");
    }

    [Fact]
    public async Task TokenSignedByAnotherKey_EvenUnderTheRightKeyId_IsRefusedByBoth()
    {
        var t = await TenantAsync();
        var claims = ClaimsOf(t.Reseller.AccessToken!);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var realKid = new JsonWebToken(t.Reseller.AccessToken).Kid;
        await BothRefuseAsync(Sign(claims, new ECDsaSecurityKey(other) { KeyId = "someone-else" }), Voicemail(t.AccountId), "signature");
        await BothRefuseAsync(Sign(claims, new ECDsaSecurityKey(other) { KeyId = realKid }), Voicemail(t.AccountId), "signature");
        var unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tollgate", Audience = "tollgate-api", Claims = claims, Expires = Api.Clock.GetUtcNow().UtcDateTime.AddMinutes(5),
            IssuedAt = Api.Clock.GetUtcNow().UtcDateTime, NotBefore = Api.Clock.GetUtcNow().UtcDateTime,
        });
        await BothRefuseAsync(unsigned, Voicemail(t.AccountId), "");
    }

    [Fact]
    public async Task TokenForAnotherAudienceOrIssuer_IsRefusedByBoth_AndTheSameClaimsRightlyAddressedPass()
    {
        var t = await TenantAsync();
        var claims = ClaimsOf(t.Admin.AccessToken!);
        var key = Api.Service<SigningKeys>().SecurityKey;
        await BothRefuseAsync(Sign(claims, key, audience: "some-other-api"), Voicemail(t.AccountId), "audience");
        await BothRefuseAsync(Sign(claims, key, issuer: "someone-else"), Voicemail(t.AccountId), "issued");
        var right = Sign(claims, key);
        (await Api.On(right).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
        (await Features.On(right).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_IsHonouredByTheSeparateProcessWithinTheRevocationInterval()
    {
        var t = await TenantAsync();
        var remote = On(Features, t.Customer);
        (await remote.GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
        (await t.Customer.PostAsync("/api/v1/auth/logout")).ShouldHave(HttpStatusCode.NoContent);
        (await t.Customer.GetAsync(Voicemail(t.AccountId))).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);

        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        await BothRefuseAsync(t.Customer.AccessToken!, Voicemail(t.AccountId), "ended");
    }

    [Fact]
    public async Task DeletedIndividual_IsRefusedByBoth()
    {
        var t = await TenantAsync();
        (await On(Features, t.Individual).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
        (await t.Customer.DeleteAsync($"/api/v1/customers/{t.CustomerId}/individuals/{t.IndividualInfo.Id}")).ShouldHave(HttpStatusCode.NoContent);
        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        await BothRefuseAsync(t.Individual.AccessToken!, Voicemail(t.AccountId), "ended");
    }

    [Fact]
    public async Task ExpiredIndividual_IsRefusedByBoth()
    {
        var t = await TenantAsync();
        (await On(Features, t.Individual).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
        var yesterday = DateOnly.FromDateTime(Api.Clock.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd");
        (await t.Customer.PatchAsync($"/api/v1/customers/{t.CustomerId}/individuals/{t.IndividualInfo.Id}", new { expirationDate = yesterday }))
            .ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("expired");
        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        await BothRefuseAsync(t.Individual.AccessToken!, Voicemail(t.AccountId), "ended");
    }

    [Fact]
    public async Task ScopeAndPermissions_AreTheSameInTheSeparateProcess()
    {
        var t = await TenantAsync(new { voicemail = "read" });
        var other = await TenantAsync(new { profile = "read" });
        foreach (var host in new[] { Api, Features })
        {
            (await On(host, t.Customer).GetAsync(Voicemail(other.AccountId))).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            (await On(host, t.Reseller).PutAsync(Voicemail(other.AccountId), new { greetingType = "name" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            (await On(host, t.Account).GetAsync(Voicemail(other.AccountId))).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            (await On(host, t.Individual).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
            (await On(host, t.Individual).PutAsync(Voicemail(t.AccountId), new { greetingType = "name" }))
                .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/voicemail/modify");
            (await On(host, other.Individual).GetAsync(Voicemail(other.AccountId)))
                .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/voicemail/read");
            (await On(host, t.Account).GetAsync("/api/v1/centrex/conference-rooms")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            (await host.Anonymous().GetAsync(Voicemail(t.AccountId))).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        }
    }

    [Fact]
    public async Task KeySet_IsFetchedAgainForAnUnknownKeyId_AtMostOncePerMinimumInterval()
    {
        var t = await TenantAsync();
        var keys = Features.Service<IVerificationKeys>().ShouldBeOfType<JwksVerificationKeys>();
        (await On(Features, t.Admin).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);
        var claims = ClaimsOf(t.Admin.AccessToken!);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Api.Clock.Advance(TimeSpan.FromSeconds(10));
        var before = keys.Fetches;
        for (var n = 0; n < 20; n++)
        {
            var forged = Sign(claims, new ECDsaSecurityKey(other) { KeyId = $"made-up-{n}" });
            (await Features.On(forged).GetAsync(Voicemail(t.AccountId))).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        }
        keys.Fetches.ShouldBe(before + 1, "twenty unknown key ids within the interval cost one fetch");
        (await On(Features, t.Admin).GetAsync(Voicemail(t.AccountId))).ShouldHave(HttpStatusCode.OK);

        Api.Clock.Advance(TimeSpan.FromSeconds(10));
        (await Features.On(Sign(claims, new ECDsaSecurityKey(other) { KeyId = "made-up-again" })).GetAsync(Voicemail(t.AccountId)))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        keys.Fetches.ShouldBe(before + 2);
    }

    [Fact]
    public async Task Domain_MustBeOneTheSeparateProcessServes()
    {
        var t = await TenantAsync();
        var remote = On(Features, t.Customer);
        (await remote.GetAsync($"{Voicemail(t.AccountId)}?domain={ServedDomain}")).ShouldHave(HttpStatusCode.OK);
        (await remote.GetAsync($"{Voicemail(t.AccountId)}?domain=SIP.TOLLGATE.TEST")).ShouldHave(HttpStatusCode.OK);
        (await remote.GetAsync($"{Voicemail(t.AccountId)}?domain=other.example")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound)
            .ErrorsFor("domain").ShouldBe(["this installation does not serve the SIP domain 'other.example'"]);
    }

    private async Task BothRefuseAsync(string token, string path, string reason)
    {
        foreach (var host in new[] { Api, Features })
        {
            var refused = await host.On(token).GetAsync(path);
            refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
            refused.Headers["WWW-Authenticate"].ShouldBe("Bearer error=\"invalid_token\"");
            refused["detail"].GetString()!.ShouldContain(reason);
        }
    }

    private static Dictionary<string, object> ClaimsOf(string token) => TokenKit.ClaimsOf(token);

    private string Sign(Dictionary<string, object> claims, SecurityKey key, string audience = "tollgate-api", string issuer = "tollgate") =>
        TokenKit.Sign(claims, key, Api.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(5), audience, issuer);
}

public sealed class SqliteFeaturesApp() : SeparateHostFixture(DbKind.Sqlite, "features")
{
    protected override IDictionary<string, string?> SeparateSettings => new Dictionary<string, string?> { ["Tollgate:Centrex:Domains:0"] = OneTokenTests.ServedDomain };
}

public sealed class PostgresFeaturesApp() : SeparateHostFixture(DbKind.Postgres, "features")
{
    protected override IDictionary<string, string?> SeparateSettings => new Dictionary<string, string?> { ["Tollgate:Centrex:Domains:0"] = OneTokenTests.ServedDomain };
}

public sealed class OneTokenTestsOnSqlite(SqliteFeaturesApp app) : OneTokenTests(app), IClassFixture<SqliteFeaturesApp>;

public sealed class OneTokenTestsOnPostgres(PostgresFeaturesApp app) : OneTokenTests(app), IClassFixture<PostgresFeaturesApp>;
