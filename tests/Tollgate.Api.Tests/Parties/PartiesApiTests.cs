using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Parties;

public abstract class PartiesApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Reseller_CreateReadPatchList_RoundTrips()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("ABC Shuttle");
        var created = (await admin.PostAsync("/api/v1/resellers", new
        {
            name, login = TestData.Unique("abc"), password = "shuttle-password", email = "billing@abc.example",
            currency = "usd", billingPeriod = "semiMonthly", timeZone = "America/Vancouver",
        })).ShouldHave(HttpStatusCode.Created);
        created["currency"].GetString().ShouldBe("USD");
        created["billingPeriod"].GetString().ShouldBe("semiMonthly");
        created["status"].GetString().ShouldBe("active");
        created.Json.TryGetProperty("password", out _).ShouldBeFalse("a password is never returned");

        var read = (await admin.GetAsync($"/api/v1/resellers/{created.Id}")).ShouldHave(HttpStatusCode.OK);
        read["name"].GetString().ShouldBe(name);
        read["timeZone"].GetString().ShouldBe("America/Vancouver");

        var patched = (await admin.PatchAsync($"/api/v1/resellers/{created.Id}", new { email = (string?)null, timeZone = "Europe/Kyiv" }))
            .ShouldHave(HttpStatusCode.OK);
        patched["email"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        patched["timeZone"].GetString().ShouldBe("Europe/Kyiv");
        patched["name"].GetString().ShouldBe(name, "absent members stay as they were");

        var list = (await admin.GetAsync($"/api/v1/resellers?name={Uri.EscapeDataString(name[..8] + "%")}&limit=1000")).ShouldHave(HttpStatusCode.OK);
        list.Items.Select(r => r.GetProperty("id").GetInt64()).ShouldContain(created.Id);
    }

    [Fact]
    public async Task Lists_PageWithLimitAndOffset()
    {
        var admin = await App.AdminAsync();
        var reseller = await admin.CreateResellerAsync();
        for (var i = 0; i < 5; i++) await admin.CreateCustomerAsync(reseller);
        var page1 = (await admin.GetAsync($"/api/v1/customers?resellerId={reseller}&limit=2")).ShouldHave(HttpStatusCode.OK);
        var page3 = (await admin.GetAsync($"/api/v1/customers?resellerId={reseller}&limit=2&offset=4")).ShouldHave(HttpStatusCode.OK);
        page1["total"].GetInt32().ShouldBe(5);
        page1.Items.Count.ShouldBe(2);
        page3.Items.Count.ShouldBe(1);
        page1["limit"].GetInt32().ShouldBe(2);
        page3["offset"].GetInt32().ShouldBe(4);
        (await admin.GetAsync("/api/v1/customers?limit=0")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("limit").ShouldNotBeEmpty();
        (await admin.GetAsync("/api/v1/customers?offset=-1")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("offset").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Customers_FilterByNameWithWildcardsIgnoringCase()
    {
        var admin = await App.AdminAsync();
        var reseller = await admin.CreateResellerAsync();
        await admin.CreateCustomerAsync(reseller, name: "Panda Telecom");
        await admin.CreateCustomerAsync(reseller, name: "Panda Foods");
        await admin.CreateCustomerAsync(reseller, name: "Koala Telecom");
        async Task<string[]> Names(string pattern) =>
            (await admin.GetAsync($"/api/v1/customers?resellerId={reseller}&name={Uri.EscapeDataString(pattern)}")).ShouldHave(HttpStatusCode.OK)
            .Items.Select(c => c.GetProperty("name").GetString()!).Order().ToArray();

        (await Names("panda%")).ShouldBe(["Panda Foods", "Panda Telecom"]);
        (await Names("%telecom")).ShouldBe(["Koala Telecom", "Panda Telecom"]);
        (await Names("_oala telecom")).ShouldBe(["Koala Telecom"]);
        (await Names("Panda")).ShouldBeEmpty("without wildcards the whole name must match");
    }

    [Fact]
    public async Task Account_DuplicateAccountId_Is409AndChangesNothing()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var accountId = TestData.Unique("1209");
        await admin.CreateAccountAsync(customer, accountId);
        var other = await admin.CreateCustomerAsync();
        var duplicate = await admin.PostAsync("/api/v1/accounts", new { accountId, customerId = other });
        duplicate.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("accountId").ShouldNotBeEmpty();
        await using var db = App.Database();
        (await db.Accounts.CountAsync(a => a.AccountId == accountId)).ShouldBe(1);
        (await db.Accounts.CountAsync(a => a.CustomerId == other)).ShouldBe(0);
    }

    [Fact]
    public async Task Login_DuplicateInRealm_Is409ButAnotherRealmMayUseIt()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("same");
        await admin.CreateCustomerAsync(login: login);
        (await admin.PostAsync("/api/v1/customers", new { name = "Twin", login = login.ToUpperInvariant(), password = "twin-password-1", currency = "USD", timeZone = "UTC" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("login").ShouldNotBeEmpty();
        await admin.CreateResellerAsync(login);
        await using var db = App.Database();
        (await db.Customers.CountAsync(c => c.Name == "Twin")).ShouldBe(0);
    }

    [Fact]
    public async Task Customer_Close_ClosesItsAccountsAndRefusesNewOnes()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var a1 = await admin.CreateAccountAsync(customer);
        var a2 = await admin.CreateAccountAsync(customer);
        var closed = (await admin.PostAsync($"/api/v1/customers/{customer}/close")).ShouldHave(HttpStatusCode.OK);
        closed["status"].GetString().ShouldBe("closed");
        closed["closedAt"].GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);
        foreach (var account in new[] { a1, a2 })
            (await admin.GetAsync($"/api/v1/accounts/{account}")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("closed");
        (await admin.PostAsync("/api/v1/accounts", new { accountId = TestData.Unique("n"), customerId = customer }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable);
    }

    [Fact]
    public async Task Reseller_CloseWithOpenCustomers_IsRefusedUntilTheyAreClosed()
    {
        var admin = await App.AdminAsync();
        var reseller = await admin.CreateResellerAsync();
        var customer = await admin.CreateCustomerAsync(reseller);
        (await admin.PostAsync($"/api/v1/resellers/{reseller}/close")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.GetAsync($"/api/v1/resellers/{reseller}")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("active");
        await admin.PostAsync($"/api/v1/customers/{customer}/close");
        (await admin.PostAsync($"/api/v1/resellers/{reseller}/close")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("closed");
    }

    [Fact]
    public async Task Administrators_CreateSignInAndDeleteRules()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("staff");
        var created = (await admin.PostAsync("/api/v1/administrators", new { login, password = "staff-password-1", name = "Staff" }))
            .ShouldHave(HttpStatusCode.Created);
        var staff = await App.SignInAsync("admin", login, "staff-password-1");
        var me = (await staff.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK);
        (await staff.DeleteAsync($"/api/v1/administrators/{me["ownerId"].GetInt64()}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.DeleteAsync($"/api/v1/administrators/{created.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await staff.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        (await admin.GetAsync($"/api/v1/administrators/{created.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Password_WeakOrEqualToLogin_IsRefusedWithReasons()
    {
        var admin = await App.AdminAsync();
        var response = await admin.PostAsync("/api/v1/resellers", new { name = "R", login = "shortpw", password = "short", currency = "USD", timeZone = "UTC" });
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("password").ShouldContain(r => r.Contains("at least"));
        var same = await admin.PostAsync("/api/v1/resellers", new { name = "R", login = "samesamesame", password = "SameSameSame", currency = "USD", timeZone = "UTC" });
        same.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("password").ShouldContain("must not be the login");
    }
}

public sealed class PartiesApiTestsOnSqlite(SqliteApp app) : PartiesApiTests(app), IClassFixture<SqliteApp>;

public sealed class PartiesApiTestsOnPostgres(PostgresApp app) : PartiesApiTests(app), IClassFixture<PostgresApp>;
