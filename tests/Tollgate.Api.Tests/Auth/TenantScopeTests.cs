using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Auth;

/// <summary>Another tenant's object answers 404, exactly as if it did not exist; a realm that may not use an endpoint gets 403.</summary>
public abstract class TenantScopeTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record World(
        ApiClient Admin, ApiClient ResellerA, long ResellerAId, long ResellerBId, long CustomerA1, long CustomerA2, long CustomerB1,
        long AccountA1, long AccountB1, ApiClient CustomerA1Client, ApiClient AccountA1Client, long AccountA1Other);

    private async Task<World> BuildAsync()
    {
        var admin = await App.AdminAsync();
        var resellerALogin = TestData.Unique("ra");
        var resellerA = await admin.CreateResellerAsync(resellerALogin);
        var resellerB = await admin.CreateResellerAsync(TestData.Unique("rb"));
        var customerA1Login = TestData.Unique("ca1");
        var customerA1 = await admin.CreateCustomerAsync(resellerA, customerA1Login);
        var customerA2 = await admin.CreateCustomerAsync(resellerA);
        var customerB1 = await admin.CreateCustomerAsync(resellerB);
        var accountA1Id = TestData.Unique("a1");
        var accountA1 = await admin.CreateAccountAsync(customerA1, accountA1Id, webSignIn: true);
        var accountA1Other = await admin.CreateAccountAsync(customerA1);
        var accountB1 = await admin.CreateAccountAsync(customerB1);
        return new World(admin, await App.SignInAsync("reseller", resellerALogin, TestData.Password), resellerA, resellerB,
            customerA1, customerA2, customerB1, accountA1, accountB1,
            await App.SignInAsync("customer", customerA1Login, TestData.Password),
            await App.SignInAsync("account", accountA1Id, TestData.Password), accountA1Other);
    }

    [Fact]
    public async Task Reseller_ReadingAnotherResellersCustomer_Gets404()
    {
        var w = await BuildAsync();
        var response = await w.ResellerA.GetAsync($"/api/v1/customers/{w.CustomerB1}");
        response.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var missing = await w.ResellerA.GetAsync("/api/v1/customers/999999999");
        response["detail"].GetString()!.Replace(w.CustomerB1.ToString(), "X")
            .ShouldBe(missing["detail"].GetString()!.Replace("999999999", "X"), "another tenant's object must look like one that does not exist");
    }

    [Fact]
    public async Task Reseller_ListsOnlyItsOwnCustomersAndAccounts()
    {
        var w = await BuildAsync();
        var customers = (await w.ResellerA.GetAsync("/api/v1/customers?limit=1000")).ShouldHave(HttpStatusCode.OK);
        customers.Items.Select(c => c.GetProperty("resellerId").GetInt64()).ShouldAllBe(id => id == w.ResellerAId);
        customers.Items.Select(c => c.GetProperty("id").GetInt64()).ShouldBe([w.CustomerA1, w.CustomerA2], ignoreOrder: true);

        var filtered = await w.ResellerA.GetAsync($"/api/v1/customers?resellerId={w.ResellerBId}");
        filtered.ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(0);

        var accounts = (await w.ResellerA.GetAsync("/api/v1/accounts?limit=1000")).ShouldHave(HttpStatusCode.OK);
        accounts.Items.Select(a => a.GetProperty("id").GetInt64()).ShouldBe([w.AccountA1, w.AccountA1Other], ignoreOrder: true);
        (await w.ResellerA.GetAsync($"/api/v1/accounts/{w.AccountB1}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Reseller_CannotReachAnotherResellerOrChangeItsObjects()
    {
        var w = await BuildAsync();
        (await w.ResellerA.GetAsync($"/api/v1/resellers/{w.ResellerBId}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.ResellerA.GetAsync($"/api/v1/resellers/{w.ResellerAId}")).ShouldHave(HttpStatusCode.OK);
        (await w.ResellerA.PatchAsync($"/api/v1/customers/{w.CustomerB1}", new { name = "Mine now" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.ResellerA.PostAsync($"/api/v1/customers/{w.CustomerB1}/close")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.ResellerA.PostAsync($"/api/v1/accounts/{w.AccountB1}/close")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.ResellerA.PostAsync("/api/v1/accounts", new { accountId = TestData.Unique("x"), customerId = w.CustomerB1 }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("customerId").ShouldNotBeEmpty();
        (await w.ResellerA.PostAsync("/api/v1/customers", new { name = "Stolen", resellerId = w.ResellerBId, currency = "USD", timeZone = "UTC" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("resellerId").ShouldNotBeEmpty();

        await using var db = App.Database();
        db.Customers.Count(c => c.ResellerId == w.ResellerBId).ShouldBe(1);
        db.Customers.Single(c => c.Id == w.CustomerB1).Name.ShouldNotBe("Mine now");
    }

    [Fact]
    public async Task Reseller_CreatingACustomer_OwnsIt()
    {
        var w = await BuildAsync();
        var created = (await w.ResellerA.PostAsync("/api/v1/customers", new { name = "New One", currency = "EUR", timeZone = "Europe/Paris" }))
            .ShouldHave(HttpStatusCode.Created);
        created["resellerId"].GetInt64().ShouldBe(w.ResellerAId);
        created.Headers["Location"].ShouldBe($"/api/v1/customers/{created.Id}");
    }

    [Fact]
    public async Task Customer_CannotListOrReadOtherCustomers()
    {
        var w = await BuildAsync();
        var list = (await w.CustomerA1Client.GetAsync("/api/v1/customers")).ShouldHave(HttpStatusCode.OK);
        list.Items.Select(c => c.GetProperty("id").GetInt64()).ShouldBe([w.CustomerA1]);
        (await w.CustomerA1Client.GetAsync($"/api/v1/customers/{w.CustomerA2}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.CustomerA1Client.GetAsync($"/api/v1/resellers/{w.ResellerAId}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1Client.GetAsync($"/api/v1/accounts/{w.AccountB1}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var accounts = (await w.CustomerA1Client.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);
        accounts.Items.Select(a => a.GetProperty("id").GetInt64()).ShouldBe([w.AccountA1, w.AccountA1Other], ignoreOrder: true);
    }

    [Fact]
    public async Task Customer_MayChangeOnlyItsEmailAndPassword()
    {
        var w = await BuildAsync();
        (await w.CustomerA1Client.PatchAsync($"/api/v1/customers/{w.CustomerA1}", new { email = "it@abc.example" })).ShouldHave(HttpStatusCode.OK);
        (await w.CustomerA1Client.PatchAsync($"/api/v1/customers/{w.CustomerA1}", new { billingPeriod = "daily" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1Client.PostAsync("/api/v1/customers", new { name = "X", currency = "USD", timeZone = "UTC" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1Client.PostAsync($"/api/v1/customers/{w.CustomerA1}/close")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task Account_SeesOnlyItself()
    {
        var w = await BuildAsync();
        (await w.AccountA1Client.GetAsync($"/api/v1/accounts/{w.AccountA1}")).ShouldHave(HttpStatusCode.OK);
        (await w.AccountA1Client.GetAsync($"/api/v1/accounts/{w.AccountA1Other}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var list = (await w.AccountA1Client.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);
        list.Items.Select(a => a.GetProperty("id").GetInt64()).ShouldBe([w.AccountA1]);
        (await w.AccountA1Client.GetAsync("/api/v1/customers")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.AccountA1Client.PatchAsync($"/api/v1/accounts/{w.AccountA1}", new { name = "Renamed" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.AccountA1Client.PatchAsync($"/api/v1/accounts/{w.AccountA1}", new { email = "line@abc.example" })).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StaffOnlyEndpoints_RefuseOtherRealmsWith403()
    {
        var w = await BuildAsync();
        (await w.ResellerA.GetAsync("/api/v1/administrators")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.ResellerA.PostAsync("/api/v1/resellers", new { name = "R", currency = "USD", timeZone = "UTC" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1Client.GetAsync("/api/v1/administrators")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }
}

public sealed class TenantScopeTestsOnSqlite(SqliteApp app) : TenantScopeTests(app), IClassFixture<SqliteApp>;

public sealed class TenantScopeTestsOnPostgres(PostgresApp app) : TenantScopeTests(app), IClassFixture<PostgresApp>;
