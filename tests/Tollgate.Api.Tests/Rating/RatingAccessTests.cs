using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Billing;
using static Tollgate.Api.Tests.Rating.RatingTestKit;

namespace Tollgate.Api.Tests.Rating;

/// <summary>Who may import, read and re-rate CDRs, and read or change balances and payments; another tenant's objects answer 404.</summary>
public abstract class RatingAccessTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    /// <summary>Two resellers, each with a customer whose account is rated at a shared tariff (calls to +1 at 0.60/min).</summary>
    private sealed record World(
        ApiClient Admin, long Product, long Reseller, ApiClient ResellerClient, long Customer, ApiClient CustomerClient, string Account,
        long OtherReseller, ApiClient OtherClient, long OtherCustomer, string OtherAccount);

    private async Task<World> WorldAsync()
    {
        var admin = await App.AdminAsync();
        var tariff = await admin.CreateTariffAsync(shared: true, rates: new Rate("1", 0.60m));
        var product = await admin.CreateRatedProductAsync(tariff);
        var (reseller, resellerClient, customer, customerClient, account) = await TenantAsync(admin, product);
        var (other, otherClient, otherCustomer, _, otherAccount) = await TenantAsync(admin, product);
        return new World(admin, product, reseller, resellerClient, customer, customerClient, account, other, otherClient, otherCustomer, otherAccount);
    }

    private async Task<(long, ApiClient, long, ApiClient, string)> TenantAsync(ApiClient admin, long product)
    {
        var resellerLogin = TestData.Unique("res");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        var customerLogin = TestData.Unique("cus");
        var customer = await admin.CreateCustomerAsync(reseller, customerLogin);
        var account = TestData.Unique("acc");
        await admin.CreateAccountWithProductAsync(customer, product, accountId: account);
        return (reseller, await App.SignInAsync("reseller", resellerLogin, TestData.Password), customer,
            await App.SignInAsync("customer", customerLogin, TestData.Password), account);
    }

    [Fact]
    public async Task Import_TakesOnlyAccountsInTheCallersScope_AndCustomersMayNotImport()
    {
        var w = await WorldAsync();
        await w.Admin.SetWholesaleTariffAsync(w.Reseller, await w.Admin.CreateTariffAsync(rates: new Rate("1", 0.25m)));
        var own = Lasting(w.Account, "12095550100", "2026-05-01T08:00:00Z", 60);
        var foreign = Lasting(w.OtherAccount, "12095550100", "2026-05-01T08:00:00Z", 60);
        var result = (await w.ResellerClient.ImportAsync(own, foreign)).ShouldHave(HttpStatusCode.OK);
        result["imported"].GetInt32().ShouldBe(1);
        var error = result["errors"].EnumerateArray().ShouldHaveSingleItem();
        (error.GetProperty("row").GetInt32(), error.Str("column")).ShouldBe((2, "accountId"));
        error.Str("reason").ShouldBe($"there is no account '{w.OtherAccount}'", "another tenant's account is as unknown as a missing one");
        (await w.CustomerClient.ImportAsync(Lasting(w.Account, "12095550100", "2026-05-01T09:00:00Z", 60)))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        var cdr = await App.CdrIdAsync(own.CallId);
        var seen = (await w.CustomerClient.GetAsync($"/api/v1/cdrs/{cdr}/rating")).ShouldHave(HttpStatusCode.OK);
        seen["status"].GetString().ShouldBe("rated");
        seen["charges"].EnumerateArray().ShouldHaveSingleItem().Decimal("amount").ShouldBe(0.60m, "the customer does not see what its reseller pays");
        var byReseller = (await w.ResellerClient.GetAsync($"/api/v1/cdrs/{cdr}/rating")).ShouldHave(HttpStatusCode.OK)["charges"].EnumerateArray().ToList();
        byReseller.Select(c => c.Decimal("amount")).Order().ShouldBe([0.25m, 0.60m]);
        (await w.OtherClient.GetAsync($"/api/v1/cdrs/{cdr}/rating")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.CustomerClient.GetAsync("/api/v1/cdrs/unratable")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerClient.PostAsync("/api/v1/cdrs/rerate", new { })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task Rerate_ByAReseller_TouchesOnlyItsOwnCustomersCalls()
    {
        var w = await WorldAsync();
        var mine = Lasting(w.Account, "4420", "2026-05-01T08:00:00Z", 60);
        var theirs = Lasting(w.OtherAccount, "4420", "2026-05-01T08:00:00Z", 60);
        (await w.Admin.ImportAsync(mine, theirs)).ShouldHave(HttpStatusCode.OK)["unratable"].GetInt32().ShouldBe(2);
        (await w.ResellerClient.ListAsync("/api/v1/cdrs/unratable")).ShouldHaveSingleItem().Str("callId").ShouldBe(mine.CallId);
        var theirsId = await App.CdrIdAsync(theirs.CallId);
        (await w.ResellerClient.PostAsync("/api/v1/cdrs/rerate", new { cdrIds = new[] { theirsId } })).ShouldHave(HttpStatusCode.OK)
            ["calls"].GetInt32().ShouldBe(0, "another reseller's CDR is not found");
        (await w.ResellerClient.PostAsync("/api/v1/cdrs/rerate", new { })).ShouldHave(HttpStatusCode.OK)["calls"].GetInt32().ShouldBe(1);
        (await w.Admin.GetAsync($"/api/v1/cdrs/{theirsId}/rating")).ShouldHave(HttpStatusCode.OK)["attempts"].GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task OneAccountsCallsAndCharges_ReachItsLine_AndTheAccountFilter_ButNoOtherAccountOrTenant()
    {
        var w = await WorldAsync();
        await w.Admin.SetWholesaleTariffAsync(w.Reseller, await w.Admin.CreateTariffAsync(rates: new Rate("1", 0.25m)));
        var line = TestData.Unique("line");
        var lineId = (await w.Admin.PostAsync("/api/v1/accounts", new { accountId = line, customerId = w.Customer, productId = w.Product, password = TestData.Password }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var first = Lasting(line, "12095550100", "2026-05-01T06:00:00Z", 60);
        var second = Lasting(line, "12095550101", "2026-05-01T07:00:00Z", 120);
        var sibling = Lasting(w.Account, "12095550102", "2026-05-01T06:30:00Z", 60);
        var foreign = Lasting(w.OtherAccount, "12095550103", "2026-05-01T06:45:00Z", 60);
        var imported = (await w.Admin.ImportAsync(first, second, sibling, foreign)).ShouldHave(HttpStatusCode.OK);
        imported["imported"].GetInt32().ShouldBe(4, imported.Text);

        var lineClient = await App.SignInAsync("account", line, TestData.Password);
        (await lineClient.ListAsync("/api/v1/cdrs")).Select(c => c.Str("callId")).ShouldBe([second.CallId, first.CallId], "its own calls, newest first");
        var own = (await lineClient.GetAsync($"/api/v1/cdrs/{await App.CdrIdAsync(first.CallId)}/rating")).ShouldHave(HttpStatusCode.OK);
        own["charges"].EnumerateArray().ShouldHaveSingleItem().Decimal("amount").ShouldBe(0.60m, "the line sees what its customer pays, not its reseller's price");
        (await lineClient.GetAsync($"/api/v1/cdrs/{await App.CdrIdAsync(sibling.CallId)}/rating")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        var byAccount = $"/api/v1/xdrs?accountId={lineId}";
        var all = await w.Admin.ListAsync(byAccount);
        all.ShouldAllBe(x => x.Long("accountId") == lineId);
        all.Select(x => $"{x.Str("payer")} {x.Decimal("amount")}").Order().ToList()
            .ShouldBe(["customer 0.60", "customer 1.20", "reseller 0.25", "reseller 0.50"], "what its customer and its reseller pay for its calls");
        (await w.ResellerClient.ListAsync(byAccount)).Count.ShouldBe(4);
        (await w.CustomerClient.ListAsync(byAccount)).Select(x => x.Decimal("amount")).Order().ToList().ShouldBe([0.60m, 1.20m], "the customer's own charges");
        (await w.CustomerClient.ListAsync("/api/v1/xdrs")).Count.ShouldBe(3, "the charges of both its accounts");
        (await w.OtherClient.ListAsync(byAccount)).ShouldBeEmpty();
        (await w.Admin.ListAsync("/api/v1/xdrs?accountId=999999999")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Balances_AreSetByTheSellerAndReadByTheirOwner_OthersGet404()
    {
        var w = await WorldAsync();
        var customerBalance = $"/api/v1/customers/{w.Customer}/balance";
        (await w.ResellerClient.PatchAsync(customerBalance, new { creditLimit = 25m })).ShouldHave(HttpStatusCode.OK)["creditLimit"].GetDecimal().ShouldBe(25m);
        (await w.OtherClient.PatchAsync(customerBalance, new { creditLimit = 1000m })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.OtherClient.GetAsync(customerBalance)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var own = (await w.CustomerClient.GetAsync(customerBalance)).ShouldHave(HttpStatusCode.OK);
        (own["balance"].GetDecimal(), own["creditLimit"].GetDecimal(), own["available"].GetDecimal()).ShouldBe((0m, 25m, 25m));
        (await w.CustomerClient.PatchAsync(customerBalance, new { creditLimit = 1000m })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerClient.GetAsync($"/api/v1/customers/{w.OtherCustomer}/balance")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        (await w.ResellerClient.GetAsync($"/api/v1/resellers/{w.Reseller}/balance")).ShouldHave(HttpStatusCode.OK);
        (await w.ResellerClient.GetAsync($"/api/v1/resellers/{w.OtherReseller}/balance")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.ResellerClient.PatchAsync($"/api/v1/resellers/{w.Reseller}/balance", new { creditLimit = 1000m }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.Admin.PatchAsync($"/api/v1/resellers/{w.Reseller}/balance", new { prepaid = true, creditLimit = 5m }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("creditLimit").ShouldNotBeEmpty();
        (await w.Admin.PatchAsync($"/api/v1/resellers/{w.Reseller}/balance", new { creditLimit = -5m }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("creditLimit").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Payments_AreValidated_RecordedOnce_AndListedToTheirOwner()
    {
        var w = await WorldAsync();
        var payments = $"/api/v1/customers/{w.Customer}/payments";
        var bad = (await w.ResellerClient.PostAsync(payments, new { amount = 0, reference = "", note = new string('x', 501) }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        foreach (var field in new[] { "amount", "reference", "note" }) bad.ErrorsFor(field).ShouldNotBeEmpty(field);
        (await w.ResellerClient.PostAsync(payments, new { amount = 10.005m })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("amount").ShouldNotBeEmpty();
        (await w.ResellerClient.PostAsync(payments, new { amount = 10m, receivedAt = "2030-01-01T00:00:00Z" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("receivedAt").ShouldNotBeEmpty();

        var paid = (await w.ResellerClient.PostAsync(payments, new { amount = 12.50m, reference = "rcpt-1", note = "cash" })).ShouldHave(HttpStatusCode.Created);
        paid["payment"].GetProperty("recordedBy").GetString().ShouldNotBeNullOrEmpty();
        paid["balance"].GetProperty("balance").GetDecimal().ShouldBe(12.50m);
        (await w.ResellerClient.PostAsync(payments, new { amount = 12.50m, reference = "rcpt-1" })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        (await w.OtherClient.PostAsync(payments, new { amount = 1m })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.CustomerClient.PostAsync(payments, new { amount = 1m })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.ResellerClient.PostAsync($"/api/v1/resellers/{w.Reseller}/payments", new { amount = 1m }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        (await w.CustomerClient.ListAsync(payments)).ShouldHaveSingleItem().Decimal("amount").ShouldBe(12.50m);
        (await w.CustomerClient.GetAsync($"/api/v1/customers/{w.OtherCustomer}/payments")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Admin.PostAsync($"/api/v1/resellers/{w.Reseller}/payments", new { amount = 100m, reference = "rcpt-1" }))
            .ShouldHave(HttpStatusCode.Created)["balance"].GetProperty("balance").GetDecimal().ShouldBe(100m, "references are unique per payer");
    }
}

public sealed class RatingAccessTestsOnSqlite(SqliteApp app) : RatingAccessTests(app), IClassFixture<SqliteApp>;

public sealed class RatingAccessTestsOnPostgres(PostgresApp app) : RatingAccessTests(app), IClassFixture<PostgresApp>;
