namespace Tollgate.Api.Tests.Billing;

/// <summary>The issue's example: reseller ABC Shuttle pays $10 per account for call recording, whatever its customers use.</summary>
public abstract class AbcShuttleTests(DbKind kind)
{
    [Fact]
    public async Task FiftyAccountsOnMay1_ResellerInvoiceForMay_Is500_HoweverManyWereUsed()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var abcLogin = TestData.Unique("abc");
        var abc = await admin.CreateResellerAsync(abcLogin, timeZone: "America/Vancouver", name: "ABC Shuttle");
        var resellerFee = await admin.CreatePlanAsync("reseller", 10m, "startDate", moreThanOnce: true, shared: true, name: "Call recording (reseller fee)");
        var accountFee = await admin.CreatePlanAsync("account", 20m, "firstUsage", shared: true, name: "Call recording");
        var product = await admin.CreateProductAsync([accountFee], [resellerFee], shared: true, name: "Call recording");

        var reseller = await app.SignInAsync("reseller", abcLogin, TestData.Password);
        var customers = new List<long>();
        for (var i = 0; i < 10; i++) customers.Add(await reseller.CreateCustomerAsync(timeZone: "America/Vancouver"));
        var accounts = new List<long>();
        for (var i = 0; i < 50; i++) accounts.Add(await reseller.CreateAccountWithProductAsync(customers[i % 10], product));
        admin = await app.MoveToAsync("2026-05-11T18:00:00Z");
        foreach (var used in accounts.Take(7))
            (await admin.PostAsync($"/api/v1/accounts/{used}/first-usage", new { at = "2026-05-11T18:00:00Z" })).ShouldHave(HttpStatusCode.OK);

        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");

        var invoice = (await admin.InvoicesAsync("reseller", abc)).ShouldHaveSingleItem();
        invoice.Str("periodStart").ShouldBe("2026-05-01");
        invoice.Str("periodEnd").ShouldBe("2026-06-01");
        invoice.Decimal("total").ShouldBe(500m);
        invoice.GetProperty("total").GetRawText().ShouldBe("500.00", "amounts show the currency's minor unit on every database");
        invoice.GetProperty("lineCount").GetInt32().ShouldBe(50);
        invoice.GetProperty("issuer").Str("name").ShouldBe(BillingTestKit.Provider);
        var full = (await admin.GetAsync($"/api/v1/invoices/{invoice.Long("id")}")).ShouldHave(HttpStatusCode.OK);
        full["lines"].EnumerateArray().Sum(l => l.Decimal("amount")).ShouldBe(full.Json.Decimal("total"));
        full["lines"].EnumerateArray().Select(l => l.Long("accountId")).ShouldBe(accounts, ignoreOrder: true);

        // The used accounts' customers pay the $20 from the day of first usage: 21 of May's 31 days.
        var customerCharges = (await admin.ListAsync($"/api/v1/xdrs?periodStart=2026-05-01"))
            .Where(x => x.Str("payer") == "customer" && accounts.Contains(x.Long("accountId"))).ToList();
        customerCharges.Count.ShouldBe(7);
        customerCharges.ShouldAllBe(x => x.Decimal("amount") == 13.55m && x.Str("serviceFrom") == "2026-05-11");
    }

    [Fact]
    public async Task JohnDoe_FixedUpchargeOf5_PaysTwentyFive_AndAbcStillPaysTen()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var abcLogin = TestData.Unique("abc");
        var abc = await admin.CreateResellerAsync(abcLogin, name: "ABC Shuttle");
        var resellerFee = await admin.CreatePlanAsync("reseller", 10m, moreThanOnce: true, shared: true);
        var accountFee = await admin.CreatePlanAsync("account", 20m, shared: true);
        var product = await admin.CreateProductAsync([accountFee], [resellerFee], shared: true);
        var reseller = await app.SignInAsync("reseller", abcLogin, TestData.Password);
        var johnDoe = await reseller.CreateCustomerAsync(name: "John Doe");
        var line = await reseller.CreateAccountWithProductAsync(johnDoe, product);

        var subscriptions = await reseller.ListAsync($"/api/v1/accounts/{line}/subscriptions");
        var johns = subscriptions.Single(s => s.Str("kind") == "account");
        var adjusted = (await reseller.PatchAsync($"/api/v1/accounts/{line}/subscriptions/{johns.Long("id")}",
            new { adjustment = new { type = "fixedUpcharge", value = 5 } })).ShouldHave(HttpStatusCode.OK);
        adjusted["fee"].GetDecimal().ShouldBe(20m);
        adjusted["effectiveFee"].GetDecimal().ShouldBe(25m);
        adjusted["effectiveFee"].GetRawText().ShouldBe("25.00");
        adjusted["adjustment"].GetProperty("value").GetRawText().ShouldBe("5");

        var abcs = (await admin.ListAsync($"/api/v1/resellers/{abc}/subscriptions")).ShouldHaveSingleItem();
        abcs.Decimal("effectiveFee").ShouldBe(10m);
        abcs.Long("accountId").ShouldBe(line);
        abcs.Long("customerId").ShouldBe(johnDoe);

        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        (await admin.InvoicesAsync("customer", johnDoe)).ShouldHaveSingleItem().Decimal("total").ShouldBe(25m);
        (await admin.InvoicesAsync("reseller", abc)).ShouldHaveSingleItem().Decimal("total").ShouldBe(10m);
        var johnsInvoice = (await admin.InvoicesAsync("customer", johnDoe)).Single();
        johnsInvoice.GetProperty("issuer").Str("name").ShouldBe("ABC Shuttle", "a reseller's customers are invoiced by the reseller");
    }
}

public sealed class AbcShuttleTestsOnSqlite() : AbcShuttleTests(DbKind.Sqlite);

public sealed class AbcShuttleTestsOnPostgres() : AbcShuttleTests(DbKind.Postgres);
