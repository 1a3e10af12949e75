using System.Text.Json;
using Tollgate.Api.Tests.Billing;
using static Tollgate.Api.Tests.Rating.RatingTestKit;

namespace Tollgate.Api.Tests.Rating;

/// <summary>What happens around a rated call: unratable calls fixed and rated again, first usage, usage on invoices.</summary>
public abstract class UsageLifecycleTests(DbKind kind)
{
    [Fact]
    public async Task Unratable_IsKeptAndListed_ThenRatedOnceAfterTheFix()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var admin = await app.AdminAsync();
        var retail = await admin.CreateTariffAsync(shared: true, rates: new Rate("1", 0.60m));
        var wholesale = await admin.CreateTariffAsync(rates: new Rate("33", 0.30m));
        var resellerLogin = TestData.Unique("res");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        await admin.SetWholesaleTariffAsync(reseller, wholesale);
        var customer = await admin.CreateCustomerAsync(reseller);
        var name = TestData.Unique("acc");
        await admin.CreateAccountWithProductAsync(customer, await admin.CreateRatedProductAsync(retail), accountId: name);
        var bare = TestData.Unique("bare");
        await admin.CreateAccountWithProductAsync(customer, await admin.CreateRatedProductAsync(null), accountId: bare);

        var paris = Lasting(name, "33140000000", "2026-05-10T10:00:00Z", 60);
        var noTariff = Lasting(bare, "12095550100", "2026-05-10T11:00:00Z", 60);
        var imported = (await admin.ImportAsync(paris, noTariff)).ShouldHave(HttpStatusCode.OK);
        imported["imported"].GetInt32().ShouldBe(2, "unratable calls are kept");
        imported["unratable"].GetInt32().ShouldBe(2);
        var parisId = await app.CdrIdAsync(paris.CallId);
        (await admin.UsageChargesAsync(parisId)).ShouldHaveSingleItem().Str("payer").ShouldBe("reseller", "the charge that could be computed is written");

        var listed = await admin.ListAsync("/api/v1/cdrs/unratable");
        var byCall = listed.ToDictionary(c => c.Str("callId"));
        byCall[paris.CallId].Str("reasonCode").ShouldBe("noRate");
        byCall[paris.CallId].Str("reason").ShouldContain("33140000000");
        byCall[noTariff.CallId].Str("reasonCode").ShouldBe("noTariff");
        (await admin.ListAsync("/api/v1/cdrs/unratable?reason=noTariff")).ShouldHaveSingleItem().Str("callId").ShouldBe(noTariff.CallId);
        var rating = (await admin.GetAsync($"/api/v1/cdrs/{parisId}/rating")).ShouldHave(HttpStatusCode.OK);
        rating["status"].GetString().ShouldBe("unratable");
        rating["attempts"].GetInt32().ShouldBe(1);

        // Re-rating before the fix changes nothing and charges nothing twice.
        var early = (await admin.PostAsync("/api/v1/cdrs/rerate", new { })).ShouldHave(HttpStatusCode.OK);
        early["calls"].GetInt32().ShouldBe(2);
        early["unratable"].GetInt32().ShouldBe(2);
        early["chargesWritten"].GetInt32().ShouldBe(0);

        // The fix: a rate for France. Re-rating writes the missing customer charge only.
        await admin.AddRateAsync(retail, new Rate("33", 0.90m));
        var fixedRun = (await admin.PostAsync("/api/v1/cdrs/rerate", new { })).ShouldHave(HttpStatusCode.OK);
        fixedRun["rated"].GetInt32().ShouldBe(1);
        fixedRun["unratable"].GetInt32().ShouldBe(1, "the account without a tariff is still unratable");
        fixedRun["chargesWritten"].GetInt32().ShouldBe(1);
        var charges = await admin.UsageChargesAsync(parisId);
        charges.Count.ShouldBe(2);
        charges.Amount("customer").ShouldBe(0.90m);
        charges.Amount("reseller").ShouldBe(0.30m);
        rating = (await admin.GetAsync($"/api/v1/cdrs/{parisId}/rating")).ShouldHave(HttpStatusCode.OK);
        rating["status"].GetString().ShouldBe("rerated");
        rating["attempts"].GetInt32().ShouldBe(3);
        (await admin.ListAsync("/api/v1/cdrs/unratable")).ShouldHaveSingleItem().Str("callId").ShouldBe(noTariff.CallId);

        // A rerated call is not rated again; its charges and the balances stay as they are.
        (await admin.PostAsync("/api/v1/cdrs/rerate", new { cdrIds = new[] { parisId } })).ShouldHave(HttpStatusCode.OK)["calls"].GetInt32().ShouldBe(0);
        (await admin.GetAsync($"/api/v1/customers/{customer}/balance")).ShouldHave(HttpStatusCode.OK)["balance"].GetDecimal().ShouldBe(-0.90m);
        (await admin.GetAsync($"/api/v1/resellers/{reseller}/balance")).ShouldHave(HttpStatusCode.OK)["balance"].GetDecimal().ShouldBe(-0.30m);

        // The reseller sees its customers' unratable calls, with only the reasons that concern it.
        var resellerClient = await app.SignInAsync("reseller", resellerLogin, TestData.Password);
        var seen = (await resellerClient.ListAsync("/api/v1/cdrs/unratable")).ShouldHaveSingleItem();
        seen.Str("reason").ShouldStartWith("customer:");
    }

    [Fact]
    public async Task FirstRatedCall_ActivatesFirstUsageSubscriptions_AsOfTheCallsStart()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var tariff = await admin.CreateTariffAsync(shared: true, rates: new Rate("1", 0.60m));
        var plan = await admin.CreatePlanAsync("account", 20m, "firstUsage", shared: true);
        var product = await admin.CreateRatedProductAsync(tariff, [plan]);
        var customer = await admin.CreateCustomerAsync(timeZone: "America/Vancouver");
        var name = TestData.Unique("acc");
        var account = await admin.CreateAccountWithProductAsync(customer, product, accountId: name);
        admin = await app.MoveToAsync("2026-05-20T12:00:00Z");

        // A call that cannot be rated is not a usage; the first one that is rated activates the plan on its day in the customer's zone.
        (await admin.ImportAsync(Lasting(name, "4420", "2026-05-05T10:00:00Z", 60))).ShouldHave(HttpStatusCode.OK)["unratable"].GetInt32().ShouldBe(1);
        Subscription(await admin.ListAsync($"/api/v1/accounts/{account}/subscriptions")).Str("status").ShouldBe("pending");
        (await admin.ImportAsync(Lasting(name, "12095550100", "2026-05-10T03:00:00Z", 60))).ShouldHave(HttpStatusCode.OK)["rated"].GetInt32().ShouldBe(1);
        var active = Subscription(await admin.ListAsync($"/api/v1/accounts/{account}/subscriptions"));
        active.Str("status").ShouldBe("active");
        active.Str("activationDate").ShouldBe("2026-05-09", "03:00 UTC on 10 May is still 9 May in Vancouver");

        // A later call does not move it; an earlier one rated afterwards does not either once active.
        (await admin.ImportAsync(Lasting(name, "12095550100", "2026-05-12T10:00:00Z", 60))).ShouldHave(HttpStatusCode.OK);
        Subscription(await admin.ListAsync($"/api/v1/accounts/{account}/subscriptions")).Str("activationDate").ShouldBe("2026-05-09");
    }

    private static JsonElement Subscription(IReadOnlyList<JsonElement> subscriptions) => subscriptions.Single(s => s.Str("kind") == "account");

    [Fact]
    public async Task UsageCharges_AppearOnInvoicesBesideSubscriptions_ForCustomerAndReseller()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var retail = await admin.CreateTariffAsync(shared: true, rates: new Rate("1", 0.60m, FirstInterval: 1, NextInterval: 1));
        var wholesale = await admin.CreateTariffAsync(rates: new Rate("1", 0.20m, FirstInterval: 1, NextInterval: 1));
        var reseller = await admin.CreateResellerAsync();
        await admin.SetWholesaleTariffAsync(reseller, wholesale);
        var accountPlan = await admin.CreatePlanAsync("account", 31m, shared: true);
        var resellerPlan = await admin.CreatePlanAsync("reseller", 10m, moreThanOnce: true, shared: true);
        var product = await admin.CreateRatedProductAsync(retail, [accountPlan], [resellerPlan]);
        var customer = await admin.CreateCustomerAsync(reseller);
        var name = TestData.Unique("acc");
        await admin.CreateAccountWithProductAsync(customer, product, accountId: name);

        admin = await app.MoveToAsync("2026-05-31T23:00:00Z");
        var calls = new[]
        {
            Lasting(name, "12095550100", "2026-05-03T10:00:00Z", 90),
            Lasting(name, "12095550101", "2026-05-31T22:00:00Z", 30),
        };
        (await admin.ImportAsync(calls)).ShouldHave(HttpStatusCode.OK)["chargesWritten"].GetInt32().ShouldBe(4);
        admin = await app.MoveToAsync("2026-06-02T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");

        var invoice = (await admin.InvoicesAsync("customer", customer)).ShouldHaveSingleItem();
        var lines = (await admin.GetAsync($"/api/v1/invoices/{invoice.Long("id")}")).ShouldHave(HttpStatusCode.OK)["lines"].EnumerateArray().ToList();
        lines.Count(l => l.Str("kind") == "subscription").ShouldBe(1);
        lines.Where(l => l.Str("kind") == "usage").Select(l => l.Decimal("amount")).Order().ShouldBe([0.30m, 0.90m]);
        lines.Single(l => l.Str("kind") == "usage" && l.Decimal("amount") == 0.90m).Str("description").ShouldContain("Call to 12095550100");
        invoice.Decimal("total").ShouldBe(31m + 0.90m + 0.30m);

        var resellerInvoice = (await admin.InvoicesAsync("reseller", reseller)).ShouldHaveSingleItem();
        resellerInvoice.Decimal("total").ShouldBe(10m + 0.30m + 0.10m, "its subscription per account, and the calls at wholesale");

        // A May call that arrives after May was invoiced goes on June's invoice, never back onto May's.
        var late = Lasting(name, "12095550102", "2026-05-31T23:30:00Z", 60);
        (await admin.ImportAsync(late)).ShouldHave(HttpStatusCode.OK)["chargesWritten"].GetInt32().ShouldBe(2);
        var charge = (await admin.UsageChargesAsync(await app.CdrIdAsync(late.CallId))).Single(c => c.Str("payer") == "customer");
        charge.Str("periodStart").ShouldBe("2026-06-01");
        charge.Str("serviceFrom").ShouldBe("2026-05-31");
        (await admin.GetAsync($"/api/v1/invoices/{invoice.Long("id")}")).ShouldHave(HttpStatusCode.OK)["total"].GetDecimal().ShouldBe(32.20m);
    }
}

public sealed class UsageLifecycleTestsOnSqlite() : UsageLifecycleTests(DbKind.Sqlite);

public sealed class UsageLifecycleTestsOnPostgres() : UsageLifecycleTests(DbKind.Postgres);
