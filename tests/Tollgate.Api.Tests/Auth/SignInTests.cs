using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Auth;

public abstract class SignInTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Login_EachRealm_ReturnsTokensThatWork()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(resellerLogin);
        var customerLogin = TestData.Unique("cus");
        var customerId = await admin.CreateCustomerAsync(resellerId, customerLogin);
        var accountId = TestData.Unique("acc");
        await admin.CreateAccountAsync(customerId, accountId, webSignIn: true);

        foreach (var (realm, login) in new[] { ("admin", TollgateTestApp.AdminLogin), ("reseller", resellerLogin), ("customer", customerLogin), ("account", accountId) })
        {
            var password = realm == "admin" ? TollgateTestApp.AdminPassword : TestData.Password;
            var response = await App.Anonymous().PostAsync("/api/v1/auth/login", new { realm, login, password });
            response.ShouldHave(HttpStatusCode.OK);
            response["expiresIn"].GetInt32().ShouldBe(900);
            response["tokenType"].GetString().ShouldBe("Bearer");
            var client = App.Anonymous();
            client.AccessToken = response["accessToken"].GetString();
            var me = (await client.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK);
            me["realm"].GetString().ShouldBe(realm);
            me["login"].GetString().ShouldBe(login);
        }
    }

    [Fact]
    public async Task AccessToken_IsEs256JwtWithRealmSubjectAndTenantIds()
    {
        var admin = await App.AdminAsync();
        var resellerId = await admin.CreateResellerAsync();
        var login = TestData.Unique("cus");
        var customerId = await admin.CreateCustomerAsync(resellerId, login);
        var customer = await App.SignInAsync("customer", login, TestData.Password);

        var token = new JsonWebToken(customer.AccessToken);
        token.Alg.ShouldBe("ES256");
        token.GetClaim("realm").Value.ShouldBe("customer");
        token.Subject.ShouldBe($"customer:{customerId}");
        token.GetClaim("customer_id").Value.ShouldBe(customerId.ToString());
        token.GetClaim("reseller_id").Value.ShouldBe(resellerId.ToString());
        token.Audiences.ShouldBe(["tollgate-api"]);
        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Jwks_PublishesTheKeyThatVerifiesTokens()
    {
        var admin = await App.AdminAsync();
        var jwks = (await App.Anonymous().GetAsync("/.well-known/jwks.json")).ShouldHave(HttpStatusCode.OK);
        var set = new JsonWebKeySet(jwks.Text);
        set.Keys.Count.ShouldBe(1);
        set.Keys[0].Kty.ShouldBe("EC");
        set.Keys[0].D.ShouldBeNull("the private key must never be published");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(admin.AccessToken, new TokenValidationParameters
        {
            IssuerSigningKeys = set.Keys,
            ValidIssuer = "tollgate",
            ValidAudience = "tollgate-api",
            ValidateLifetime = false,
        });
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownLogin_SameProblem()
    {
        var wrong = await App.Anonymous().PostAsync("/api/v1/auth/login", new { realm = "admin", login = "admin", password = "not-the-password" });
        var unknown = await App.Anonymous().PostAsync("/api/v1/auth/login", new { realm = "admin", login = "nobody-here", password = "whatever-it-is" });
        wrong.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidCredentials);
        unknown.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidCredentials);
        wrong["detail"].GetString().ShouldBe(unknown["detail"].GetString());
    }

    [Fact]
    public async Task Login_OtherRealmsLogin_IsNotAccepted()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("res");
        await admin.CreateResellerAsync(login);
        var response = await App.Anonymous().PostAsync("/api/v1/auth/login", new { realm = "customer", login, password = TestData.Password });
        response.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidCredentials);
    }

    [Fact]
    public async Task Login_RepeatedFailures_LockTheLoginUntilTheClockMoves()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("res");
        await admin.CreateResellerAsync(login);
        var anonymous = App.Anonymous();
        for (var i = 0; i < 5; i++)
            (await anonymous.PostAsync("/api/v1/auth/login", new { realm = "reseller", login, password = "wrong-password-x" }))
                .ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidCredentials);

        var locked = await anonymous.PostAsync("/api/v1/auth/login", new { realm = "reseller", login, password = TestData.Password });
        locked.ShouldBeProblem(HttpStatusCode.TooManyRequests, ProblemTypes.TooManySignInAttempts);
        int.Parse(locked.Headers["Retry-After"]).ShouldBeInRange(1, 30);

        App.Clock.Advance(TimeSpan.FromSeconds(31));
        (await anonymous.PostAsync("/api/v1/auth/login", new { realm = "reseller", login, password = TestData.Password }))
            .ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Password_IsStoredAsSlowHashNeverInClear()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("res");
        await admin.CreateResellerAsync(login);
        await using var db = App.Database();
        var stored = await db.Credentials.Where(c => c.Login == login).Select(c => c.PasswordHash).SingleAsync();
        stored.ShouldNotBeNull();
        stored.ShouldStartWith("pbkdf2-sha256$");
        stored.ShouldNotContain(TestData.Password);
    }

    [Fact]
    public async Task Refresh_RotatesTokenAndRefusesTheOldOne()
    {
        var admin = await App.AdminAsync();
        var first = admin.RefreshToken!;
        var refreshed = (await App.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = first })).ShouldHave(HttpStatusCode.OK);
        var second = refreshed["refreshToken"].GetString()!;
        second.ShouldNotBe(first);

        var client = App.Anonymous();
        client.AccessToken = refreshed["accessToken"].GetString();
        (await client.GetAsync("/api/v1/customers")).ShouldHave(HttpStatusCode.OK);

        // Replaying the used token is treated as theft: it is refused and the whole session ends.
        (await App.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = first }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidRefreshToken);
        (await App.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = second }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidRefreshToken);
        (await client.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
    }

    [Fact]
    public async Task Logout_RevokesAccessAndRefreshTokens()
    {
        var admin = await App.AdminAsync();
        (await admin.GetAsync("/api/v1/customers")).ShouldHave(HttpStatusCode.OK);
        (await admin.PostAsync("/api/v1/auth/logout")).ShouldHave(HttpStatusCode.NoContent);

        var refused = await admin.GetAsync("/api/v1/customers");
        refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        refused["detail"].GetString()!.ShouldContain("ended");
        refused.Headers["WWW-Authenticate"].ShouldContain("invalid_token");
        (await App.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = admin.RefreshToken }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidRefreshToken);
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetime_IsRefusedAsExpired()
    {
        var admin = await App.AdminAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(14));
        (await admin.GetAsync("/api/v1/customers")).ShouldHave(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await admin.GetAsync("/api/v1/customers");
        expired.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        expired["detail"].GetString()!.ShouldContain("expired");
    }

    [Fact]
    public async Task AccessToken_Tampered_IsRefused()
    {
        var admin = await App.AdminAsync();
        var parts = admin.AccessToken!.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"realm\":\"admin\"", "\"realm\":\"admin \"");
        var forged = App.Anonymous();
        forged.AccessToken = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        (await forged.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
    }

    [Fact]
    public async Task AccessToken_SignedByAnotherKeyOrForAnotherAudience_IsRefused()
    {
        var admin = await App.AdminAsync();
        var claims = new JsonWebToken(admin.AccessToken).Claims.ToDictionary(c => c.Type, c => (object)c.Value);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreign = App.Anonymous();
        foreign.AccessToken = Sign(claims, new ECDsaSecurityKey(otherKey) { KeyId = "other" }, "tollgate-api");
        (await foreign.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);

        var keys = App.Service<Tollgate.Api.Auth.SigningKeys>();
        var wrongAudience = App.Anonymous();
        wrongAudience.AccessToken = Sign(claims, keys.SecurityKey, "some-other-api");
        var refused = await wrongAudience.GetAsync("/api/v1/customers");
        refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        refused["detail"].GetString()!.ShouldContain("audience");

        var rightAudience = App.Anonymous();
        rightAudience.AccessToken = Sign(claims, keys.SecurityKey, "tollgate-api");
        (await rightAudience.GetAsync("/api/v1/customers")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Login_ClosedCustomer_IsRefusedAndItsSessionsEnd()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("cus");
        var customerId = await admin.CreateCustomerAsync(login: login);
        var customer = await App.SignInAsync("customer", login, TestData.Password);
        (await admin.PostAsync($"/api/v1/customers/{customerId}/close")).ShouldHave(HttpStatusCode.OK);

        (await customer.GetAsync($"/api/v1/customers/{customerId}")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        (await App.Anonymous().PostAsync("/api/v1/auth/login", new { realm = "customer", login, password = TestData.Password }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.SignInNotAllowed);
    }

    [Fact]
    public async Task PasswordChange_EndsOtherSessionsButKeepsTheCurrentOne()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("cus");
        var customerId = await admin.CreateCustomerAsync(login: login);
        var first = await App.SignInAsync("customer", login, TestData.Password);
        var second = await App.SignInAsync("customer", login, TestData.Password);

        (await first.PatchAsync($"/api/v1/customers/{customerId}", new { password = "a-brand-new-password" })).ShouldHave(HttpStatusCode.OK);
        (await first.GetAsync($"/api/v1/customers/{customerId}")).ShouldHave(HttpStatusCode.OK);
        (await second.GetAsync($"/api/v1/customers/{customerId}")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        await App.SignInAsync("customer", login, "a-brand-new-password");
    }

    private string Sign(Dictionary<string, object> claims, SecurityKey key, string audience)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var copy = claims.Where(c => c.Key is not ("aud" or "iss" or "exp" or "iat" or "nbf")).ToDictionary();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "tollgate",
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = copy,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
