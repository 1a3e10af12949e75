using Microsoft.IdentityModel.JsonWebTokens;
using Tollgate.Api.Problems;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Tests.Access;

/// <summary>
/// Activation and expiration dates are whole days in the individual's zone; sessions end when the credentials do,
/// when the individual is deleted, its role changes or its customer closes. E-mail goes to .eml files here.
/// </summary>
public abstract class IndividualValidityTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task<(ApiClient Admin, long Customer, long Role, long OtherRole)> CustomerAsync(string zone = "UTC")
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync(timeZone: zone);
        var role = await admin.CreateRoleAsync(new { profile = "read", accounts = "read" });
        var other = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(customer, role, other);
        return (admin, customer, role, other);
    }

    private Task<ApiResponse> LoginAsync(TestIndividual who) =>
        App.Anonymous().PostAsync("/api/v1/auth/login", new { realm = "customer", login = who.Login, password = AccessTestData.IndividualPassword });

    [Theory]
    [InlineData("Pacific/Kiritimati", -1, 10)] // UTC+14: the day starts at 10:00 UTC the day before
    [InlineData("Pacific/Pago_Pago", 0, 11)] // UTC−11: the day starts at 11:00 UTC the same day
    public async Task SignIn_AroundMidnightFarFromUtc_FollowsTheIndividualsCalendarDay(string zone, int utcDayShift, int utcHour)
    {
        var (admin, customer, role, _) = await CustomerAsync();
        var day = TimeZones.DateAt(App.Clock.GetUtcNow(), zone).AddDays(3);
        var only = day.ToString("yyyy-MM-dd");
        var individual = await admin.CreateIndividualAsync(customer, role, zone, activationDate: only, expirationDate: only);
        await App.SetPasswordFromEmailAsync(fixture.Mail, individual);

        var first = TimeZones.StartOf(day, zone).UtcDateTime;
        first.ShouldBe(day.AddDays(utcDayShift).ToDateTime(new TimeOnly(utcHour, 0)));
        var after = TimeZones.StartOf(day.AddDays(1), zone).UtcDateTime;

        App.Clock.SetUtcNow(first.AddSeconds(-1));
        var early = (await LoginAsync(individual)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.CredentialsNotYetActive);
        early["activationDate"].GetString().ShouldBe(only);
        early["detail"].GetString()!.ShouldContain(zone);

        App.Clock.SetUtcNow(first);
        (await LoginAsync(individual)).ShouldHave(HttpStatusCode.OK);
        App.Clock.SetUtcNow(after.AddSeconds(-1));
        (await LoginAsync(individual)).ShouldHave(HttpStatusCode.OK);

        App.Clock.SetUtcNow(after);
        var late = (await LoginAsync(individual)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.CredentialsExpired);
        late["expirationDate"].GetString().ShouldBe(only);
    }

    [Fact]
    public async Task AccessToken_UsedAfterTheIndividualExpires_IsRefusedAtThatInstant()
    {
        const string zone = "Pacific/Kiritimati";
        var (admin, customer, role, _) = await CustomerAsync();
        var last = TimeZones.DateAt(App.Clock.GetUtcNow(), zone).AddDays(2);
        var individual = await admin.CreateIndividualAsync(customer, role, zone, expirationDate: last.ToString("yyyy-MM-dd"));
        await App.SetPasswordFromEmailAsync(fixture.Mail, individual);
        var end = TimeZones.StartOf(last.AddDays(1), zone);

        App.Clock.SetUtcNow(end.AddMinutes(-1));
        var client = await App.SignInAsync("customer", individual.Login, AccessTestData.IndividualPassword);
        new JsonWebToken(client.AccessToken).ValidTo.ShouldBe(end.UtcDateTime, "an access token never outlives the credentials");
        (await client.GetAsync($"/api/v1/customers/{customer}")).ShouldHave(HttpStatusCode.OK);

        // One second past the end the token is still inside its signature's clock-skew allowance: the session refuses it.
        App.Clock.SetUtcNow(end.AddSeconds(1));
        (await client.GetAsync($"/api/v1/customers/{customer}")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        (await App.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = client.RefreshToken }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.CredentialsExpired);
    }

    [Fact]
    public async Task ExpirationMovedEarlier_EndsSessionsAtOnce_AndMovedLater_KeepsThemPastTheOldEnd()
    {
        var (admin, customer, role, _) = await CustomerAsync();
        var today = TimeZones.DateAt(App.Clock.GetUtcNow(), "UTC");
        var shortened = await admin.CreateIndividualAsync(customer, role, "UTC", expirationDate: today.AddDays(30).ToString("yyyy-MM-dd"));
        var extended = await admin.CreateIndividualAsync(customer, role, "UTC", expirationDate: today.AddDays(1).ToString("yyyy-MM-dd"));
        var a = await App.ActivateAsync(fixture.Mail, shortened);
        await App.SetPasswordFromEmailAsync(fixture.Mail, extended);

        (await admin.PatchAsync($"/api/v1/customers/{customer}/individuals/{shortened.Id}",
            new { expirationDate = today.AddDays(-1).ToString("yyyy-MM-dd") })).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("expired");
        (await a.GetAsync($"/api/v1/customers/{customer}")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);

        // Signed in a minute before the old end; the end moves ten days on; the session outlives the old end.
        var oldEnd = TimeZones.StartOf(today.AddDays(2), "UTC");
        App.Clock.SetUtcNow(oldEnd.AddMinutes(-1));
        var b = await App.SignInAsync("customer", extended.Login, AccessTestData.IndividualPassword);
        admin = await App.AdminAsync();
        (await admin.PatchAsync($"/api/v1/customers/{customer}/individuals/{extended.Id}",
            new { expirationDate = today.AddDays(10).ToString("yyyy-MM-dd") })).ShouldHave(HttpStatusCode.OK);
        App.Clock.SetUtcNow(oldEnd.AddSeconds(1));
        (await b.GetAsync($"/api/v1/customers/{customer}")).ShouldHave(HttpStatusCode.OK);
        var renewed = (await App.Anonymous().PostAsync("/api/v1/auth/refresh", new { refreshToken = b.RefreshToken })).ShouldHave(HttpStatusCode.OK);
        new JsonWebToken(renewed["accessToken"].GetString()).ValidTo.ShouldBe(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(15), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task RoleChangedOrDeletedOrCustomerClosed_EndsTheIndividualsSessions()
    {
        var (admin, customer, role, otherRole) = await CustomerAsync();
        var changed = await admin.CreateIndividualAsync(customer, role);
        var deleted = await admin.CreateIndividualAsync(customer, role);
        var bystander = await admin.CreateIndividualAsync(customer, role);
        var changedClient = await App.ActivateAsync(fixture.Mail, changed);
        var deletedClient = await App.ActivateAsync(fixture.Mail, deleted);
        var bystanderClient = await App.ActivateAsync(fixture.Mail, bystander);

        (await admin.PatchAsync($"/api/v1/customers/{customer}/individuals/{changed.Id}", new { roleId = otherRole })).ShouldHave(HttpStatusCode.OK);
        (await changedClient.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        var again = await App.SignInAsync("customer", changed.Login, AccessTestData.IndividualPassword);
        (await again.GetAsync("/api/v1/accounts")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/accounts/read");

        (await admin.DeleteAsync($"/api/v1/customers/{customer}/individuals/{deleted.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await deletedClient.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        (await LoginAsync(deleted)).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidCredentials);
        (await bystanderClient.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);

        (await admin.PostAsync($"/api/v1/customers/{customer}/close")).ShouldHave(HttpStatusCode.OK);
        (await bystanderClient.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        (await LoginAsync(bystander)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.SignInNotAllowed);
    }

    [Fact]
    public async Task ExpirationOnTheCalendarsLastDay_IsAcceptedAndNeverEnds()
    {
        // "9999-12-31" is how many systems write "no end"; its day after does not exist, which was a 500.
        var (admin, customer, role, _) = await CustomerAsync("Pacific/Kiritimati");
        var individual = await admin.CreateIndividualAsync(customer, role, expirationDate: "9999-12-31");
        var read = (await admin.GetAsync($"/api/v1/customers/{customer}/individuals/{individual.Id}")).ShouldHave(HttpStatusCode.OK);
        read["status"].GetString().ShouldBe("active");
        var client = await App.ActivateAsync(fixture.Mail, individual);
        (await client.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);
        (await admin.PatchAsync($"/api/v1/customers/{customer}/individuals/{individual.Id}", new { firstName = "Still" })).ShouldHave(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Status_SaysWhereTodayFallsBetweenTheDates()
    {
        var (admin, customer, role, _) = await CustomerAsync("Asia/Tokyo");
        var today = TimeZones.DateAt(App.Clock.GetUtcNow(), "Asia/Tokyo");
        var later = await admin.CreateIndividualAsync(customer, role, activationDate: today.AddDays(1).ToString("yyyy-MM-dd"));
        var now = await admin.CreateIndividualAsync(customer, role, activationDate: today.ToString("yyyy-MM-dd"),
            expirationDate: today.ToString("yyyy-MM-dd"));
        var read = (await admin.GetAsync($"/api/v1/customers/{customer}/individuals/{later.Id}")).ShouldHave(HttpStatusCode.OK);
        read["status"].GetString().ShouldBe("notYetActive");
        read["timeZone"].GetString().ShouldBe("Asia/Tokyo", "an individual without a zone takes its customer's");
        (await admin.GetAsync($"/api/v1/customers/{customer}/individuals/{now.Id}")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("active");
    }
}

public sealed class IndividualValidityTestsOnSqlite(SqliteApp app) : IndividualValidityTests(app), IClassFixture<SqliteApp>;

public sealed class IndividualValidityTestsOnPostgres(PostgresApp app) : IndividualValidityTests(app), IClassFixture<PostgresApp>;
