using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Billing;

/// <summary>Subscription plans and products: what each realm sees and may change.</summary>
public abstract class CatalogTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record World(ApiClient Admin, long ResellerA, ApiClient A, long ResellerB, ApiClient B);

    private async Task<World> WorldAsync()
    {
        var admin = await App.AdminAsync();
        var loginA = TestData.Unique("ra");
        var loginB = TestData.Unique("rb");
        var a = await admin.CreateResellerAsync(loginA);
        var b = await admin.CreateResellerAsync(loginB);
        return new World(admin, a, await App.SignInAsync("reseller", loginA, TestData.Password), b, await App.SignInAsync("reseller", loginB, TestData.Password));
    }

    [Fact]
    public async Task Plan_CreateReadPatch_RoundTrips()
    {
        var admin = await App.AdminAsync();
        var created = (await admin.PostAsync("/api/v1/subscriptions", new
        {
            name = "MegaCalls", kind = "account", fee = 20, currency = "usd", activationMode = "firstUsage", chargeMode = "progressive",
        })).ShouldHave(HttpStatusCode.Created);
        created["currency"].GetString().ShouldBe("USD");
        created["activationMode"].GetString().ShouldBe("firstUsage");
        created["prepaidMonths"].GetInt32().ShouldBe(1);
        created["managedBy"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        created.Headers["Location"].ShouldBe($"/api/v1/subscriptions/{created.Id}");

        var patched = (await admin.PatchAsync($"/api/v1/subscriptions/{created.Id}", new { fee = 22.5, name = "MegaCalls+" })).ShouldHave(HttpStatusCode.OK);
        patched["fee"].GetDecimal().ShouldBe(22.5m);
        (await admin.GetAsync($"/api/v1/subscriptions/{created.Id}")).ShouldHave(HttpStatusCode.OK)["name"].GetString().ShouldBe("MegaCalls+");
    }

    [Fact]
    public async Task Plan_BadValues_AreAllReportedAtOnce()
    {
        var admin = await App.AdminAsync();
        var response = (await admin.PostAsync("/api/v1/subscriptions", new
        {
            name = " ", kind = "account", fee = -1, currency = "XXX", chargeMode = "progressive", prepaidMonths = 3, sharedWithResellers = true,
            managedBy = 5,
        })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        foreach (var field in new[] { "name", "fee", "currency", "prepaidMonths", "sharedWithResellers" }) response.ErrorsFor(field).ShouldNotBeEmpty(field);
        (await admin.PostAsync("/api/v1/subscriptions", new { name = "Cents", kind = "account", fee = 1.005, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("fee").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/subscriptions", new { name = "Yen", kind = "account", fee = 1.5, currency = "JPY" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("fee").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/subscriptions", new { name = "No kind", fee = 1, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("kind").ShouldContain("is required");
        var plan = await admin.CreatePlanAsync("account", 5m);
        var immutable = (await admin.PatchAsync($"/api/v1/subscriptions/{plan}", new { kind = "reseller", currency = "EUR", chargeMode = "progressive" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        immutable.ErrorsFor("kind").ShouldNotBeEmpty();
        immutable.ErrorsFor("currency").ShouldNotBeEmpty();
        immutable.ErrorsFor("chargeMode").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Plan_FeeOrFixedAdjustmentBeyondWhatChargesCanHold_Is400NamingTheFieldAndStoresNothing()
    {
        // Charges are kept with 13 integer digits; a fee they cannot hold was a 500 on PostgreSQL and stored on SQLite.
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Huge");
        (await admin.PostAsync("/api/v1/subscriptions", new { name, kind = "account", fee = 100_000_000_000_000m, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("fee").ShouldNotBeEmpty();
        (await admin.ListAsync($"/api/v1/subscriptions?name={name}")).ShouldBeEmpty();

        var plan = await admin.CreatePlanAsync("account", 10m);
        (await admin.PatchAsync($"/api/v1/subscriptions/{plan}", new { fee = 100_000_000_000_000m }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("fee").ShouldNotBeEmpty();
        var customer = await admin.CreateCustomerAsync();
        var account = await admin.CreateAccountAsync(customer);
        var assigned = (await admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = plan })).ShouldHave(HttpStatusCode.Created).Id;
        (await admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{assigned}",
                new { adjustment = new { type = "fixedUpcharge", value = 100_000_000_000_000m } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("adjustment.value").ShouldNotBeEmpty();

        (await admin.GetAsync($"/api/v1/subscriptions/{plan}")).ShouldHave(HttpStatusCode.OK)["fee"].GetDecimal().ShouldBe(10m);
        (await admin.GetAsync($"/api/v1/accounts/{account}/subscriptions/{assigned}")).ShouldHave(HttpStatusCode.OK)["effectiveFee"].GetDecimal().ShouldBe(10m);
    }

    [Fact]
    public async Task Reseller_SeesSharedAdminItemsAndItsOwn_NotAnotherResellers()
    {
        var w = await WorldAsync();
        var shared = await w.Admin.CreatePlanAsync("account", 20m, shared: true);
        var hidden = await w.Admin.CreatePlanAsync("account", 20m);
        var ofB = await w.Admin.CreatePlanAsync("account", 15m, managedBy: w.ResellerB);
        var own = await w.A.CreatePlanAsync("account", 25m);

        var seen = (await w.A.ListAsync("/api/v1/subscriptions")).Select(p => p.Long("id")).ToList();
        seen.ShouldContain(shared);
        seen.ShouldContain(own);
        seen.ShouldNotContain(hidden);
        seen.ShouldNotContain(ofB);
        (await w.A.GetAsync($"/api/v1/subscriptions/{ofB}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.A.GetAsync($"/api/v1/subscriptions/{hidden}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.A.PatchAsync($"/api/v1/subscriptions/{ofB}", new { fee = 1 })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.B.GetAsync($"/api/v1/subscriptions/{own}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        var sharedProduct = await w.Admin.CreateProductAsync([shared], shared: true);
        var hiddenProduct = await w.Admin.CreateProductAsync([hidden]);
        var productOfB = await w.B.CreateProductAsync([shared]);
        var products = (await w.A.ListAsync("/api/v1/products")).Select(p => p.Long("id")).ToList();
        products.ShouldContain(sharedProduct);
        products.ShouldNotContain(hiddenProduct);
        products.ShouldNotContain(productOfB);
        (await w.A.GetAsync($"/api/v1/products/{productOfB}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Reseller_ChangesItsOwnAccountPlans_ButNotTheAdministratorsOrAnyResellerPlan()
    {
        var w = await WorldAsync();
        var own = await w.A.CreatePlanAsync("account", 25m);
        (await w.A.GetAsync($"/api/v1/subscriptions/{own}")).ShouldHave(HttpStatusCode.OK)["managedBy"].GetInt64().ShouldBe(w.ResellerA);
        (await w.A.PatchAsync($"/api/v1/subscriptions/{own}", new { fee = 30 })).ShouldHave(HttpStatusCode.OK);

        var shared = await w.Admin.CreatePlanAsync("account", 20m, shared: true);
        (await w.A.PatchAsync($"/api/v1/subscriptions/{shared}", new { fee = 1 })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.A.PostAsync("/api/v1/subscriptions", new { name = "Mine", kind = "reseller", fee = 1, currency = "USD" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        // A reseller plan the administrators manage for reseller A: A reads it, never changes it.
        var resellerPlan = await w.Admin.CreatePlanAsync("reseller", 10m, managedBy: w.ResellerA);
        (await w.A.GetAsync($"/api/v1/subscriptions/{resellerPlan}")).ShouldHave(HttpStatusCode.OK);
        (await w.A.PatchAsync($"/api/v1/subscriptions/{resellerPlan}", new { fee = 0 })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.A.PostAsync("/api/v1/subscriptions", new { name = "Theirs", kind = "account", fee = 1, currency = "USD", managedBy = w.ResellerB }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("managedBy").ShouldNotBeEmpty();

        await using var db = App.Database();
        db.Set<Data.Billing.Subscription>().Single(p => p.Id == shared).Fee.ShouldBe(20m, "a refused change changes nothing");
    }

    [Fact]
    public async Task Product_ReadsBackItsSubscriptionsFeaturesAndAddonRules()
    {
        var admin = await App.AdminAsync();
        var account = await admin.CreatePlanAsync("account", 20m, shared: true);
        var reseller = await admin.CreatePlanAsync("reseller", 10m, shared: true, moreThanOnce: true);
        var main = await admin.CreateProductAsync([account], shared: true);
        var addon = (await admin.PostAsync("/api/v1/products", new
        {
            name = "Call recording", kind = "addon", sharedWithResellers = true, accountSubscriptionIds = new[] { account },
            resellerSubscriptionIds = new[] { reseller }, allowedWithMainProductIds = new[] { main }, features = new { callRecording = true },
        })).ShouldHave(HttpStatusCode.Created);
        addon["accountSubscriptionIds"].EnumerateArray().Select(e => e.GetInt64()).ShouldBe([account]);
        addon["resellerSubscriptionIds"].EnumerateArray().Select(e => e.GetInt64()).ShouldBe([reseller]);
        addon["allowedWithMainProductIds"].EnumerateArray().Select(e => e.GetInt64()).ShouldBe([main]);
        addon["features"].GetProperty("callRecording").GetBoolean().ShouldBeTrue();
        var secondMain = await admin.CreateProductAsync([], shared: true);
        (await admin.PatchAsync($"/api/v1/products/{addon.Id}", new { allowedWithMainProductIds = new[] { main, secondMain } })).ShouldHave(HttpStatusCode.OK)
            ["allowedWithMainProductIds"].EnumerateArray().Select(e => e.GetInt64()).ShouldBe(new[] { main, secondMain }.Order());
        (await admin.PatchAsync($"/api/v1/products/{addon.Id}", new { allowedWithMainProductIds = new[] { secondMain }, features = new { callRecording = false } }))
            .ShouldHave(HttpStatusCode.OK)["allowedWithMainProductIds"].EnumerateArray().Select(e => e.GetInt64()).ShouldBe([secondMain]);
        (await admin.GetAsync($"/api/v1/products/{addon.Id}")).ShouldHave(HttpStatusCode.OK)["features"].GetProperty("callRecording").GetBoolean().ShouldBeFalse();

        var bad = (await admin.PostAsync("/api/v1/products", new
        {
            name = "Wrong", kind = "main", accountSubscriptionIds = new[] { reseller, 999_999 }, allowedWithAnyMainProduct = true,
        })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("allowedWithAnyMainProduct").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/products", new { name = "Wrong kind", kind = "main", accountSubscriptionIds = new[] { reseller } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("accountSubscriptionIds[0]").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/products", new { name = "Missing", kind = "main", accountSubscriptionIds = new[] { 999_999L } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("accountSubscriptionIds[0]").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/products", new { name = "Addon of addon", kind = "addon", allowedWithMainProductIds = new[] { addon.Id } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("allowedWithMainProductIds[0]").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task SharedAdminProduct_HoldsOnlySharedAdminPlans_AndTheirSharingCannotBeWithdrawn()
    {
        var w = await WorldAsync();
        var unshared = await w.Admin.CreatePlanAsync("account", 20m);
        (await w.Admin.PostAsync("/api/v1/products", new { name = "Shared", kind = "main", sharedWithResellers = true, accountSubscriptionIds = new[] { unshared } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("accountSubscriptionIds[0]").ShouldNotBeEmpty();
        var ofA = await w.A.CreatePlanAsync("account", 20m);
        (await w.Admin.PostAsync("/api/v1/products", new { name = "Admin's", kind = "main", accountSubscriptionIds = new[] { ofA } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable);

        var shared = await w.Admin.CreatePlanAsync("account", 20m, shared: true);
        await w.Admin.CreateProductAsync([shared], shared: true);
        (await w.Admin.PatchAsync($"/api/v1/subscriptions/{shared}", new { sharedWithResellers = false }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
    }

    [Fact]
    public async Task Reseller_EditsItsOwnProductButNotItsResellerSubscriptions_NorTheAdministratorsProducts()
    {
        var w = await WorldAsync();
        var shared = await w.Admin.CreatePlanAsync("account", 20m, shared: true);
        var resellerFee = await w.Admin.CreatePlanAsync("reseller", 10m, shared: true, moreThanOnce: true);
        var own = await w.A.CreatePlanAsync("account", 22m);
        (await w.A.PostAsync("/api/v1/products", new { name = "Sneaky", kind = "main", resellerSubscriptionIds = new[] { resellerFee } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        var mine = await w.A.CreateProductAsync([own]);
        (await w.A.GetAsync($"/api/v1/products/{mine}")).ShouldHave(HttpStatusCode.OK)["managedBy"].GetInt64().ShouldBe(w.ResellerA);
        (await w.A.PatchAsync($"/api/v1/products/{mine}", new { accountSubscriptionIds = new[] { own, shared } })).ShouldHave(HttpStatusCode.OK)
            ["accountSubscriptionIds"].EnumerateArray().Select(e => e.GetInt64()).ShouldBe(new[] { own, shared }.Order());

        // The administrators may give A's product its reseller subscription; A sees it but cannot take it out.
        var administered = await w.Admin.CreateProductAsync([own], [resellerFee], managedBy: w.ResellerA);
        (await w.A.PatchAsync($"/api/v1/products/{administered}", new { resellerSubscriptionIds = Array.Empty<long>() }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.A.PatchAsync($"/api/v1/products/{administered}", new { name = "Renamed by A" })).ShouldHave(HttpStatusCode.OK);

        var adminProduct = await w.Admin.CreateProductAsync([shared], shared: true);
        (await w.A.PatchAsync($"/api/v1/products/{adminProduct}", new { name = "Mine now" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.B.PatchAsync($"/api/v1/products/{mine}", new { name = "Mine now" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.B.PostAsync("/api/v1/products", new { name = "Using A's", kind = "main", accountSubscriptionIds = new[] { own } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Catalog_IsStaffOnly()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("cust");
        await admin.CreateCustomerAsync(login: login);
        var customer = await App.SignInAsync("customer", login, TestData.Password);
        (await customer.GetAsync("/api/v1/subscriptions")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await customer.GetAsync("/api/v1/products")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await App.Anonymous().GetAsync("/api/v1/products")).ShouldHave(HttpStatusCode.Unauthorized);
    }
}

public sealed class CatalogTestsOnSqlite(SqliteApp app) : CatalogTests(app), IClassFixture<SqliteApp>;

public sealed class CatalogTestsOnPostgres(PostgresApp app) : CatalogTests(app), IClassFixture<PostgresApp>;
