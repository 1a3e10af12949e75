using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data.Billing;

namespace Tollgate.Api.Tests.Billing;

/// <summary>Billing runs over time: charge modes, every kind of billing period, proration, stops, adjustments, re-runs.</summary>
/// <remarks>Each test owns an app, so it can set its clock to the dates it is about (29 February, a DST change …).</remarks>
public abstract class BillingRunTests(DbKind kind)
{
    private static async Task<(long Customer, long Account)> CustomerWithAccountAsync(ApiClient admin, string period = "monthly", string zone = "UTC")
    {
        var customer = await admin.CreateCustomerAsync(billingPeriod: period, timeZone: zone);
        return (customer, await admin.CreateAccountAsync(customer));
    }

    private static async Task<long> AssignAsync(ApiClient admin, long account, long plan, string? start = null, string? finish = null) =>
        (await admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = plan, startDate = start, finishDate = finish }))
        .ShouldHave(HttpStatusCode.Created).Id;

    private static async Task<decimal[]> AmountsAsync(ApiClient admin, long customer) =>
        (await admin.XdrsAsync("customer", customer)).Select(x => x.Decimal("amount")).ToArray();

    [Fact]
    public async Task InAdvance_IsChargedWhenThePeriodStarts_Progressive_AccruesDayByDay()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin);
        await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 31m));
        var progressive = await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 31m, chargeMode: "progressive"));

        await admin.RunBillingAsync(null);
        var first = await admin.XdrsAsync("customer", customer);
        var advance = first.ShouldHaveSingleItem();
        advance.Decimal("amount").ShouldBe(31m);
        advance.Str("serviceTo").ShouldBe("2026-06-01");

        admin = await app.MoveToAsync("2026-05-11T12:00:00Z");
        await admin.RunBillingAsync(null);
        var running = (await admin.XdrsAsync("customer", customer)).Single(x => x.Long("assignedSubscriptionId") == progressive);
        running.Decimal("amount").ShouldBe(10m, "1–10 May have passed");
        running.Str("serviceTo").ShouldBe("2026-05-11");

        admin = await app.MoveToAsync("2026-05-21T12:00:00Z");
        await admin.RunBillingAsync(null);
        var later = (await admin.XdrsAsync("customer", customer)).Single(x => x.Long("assignedSubscriptionId") == progressive);
        later.Long("id").ShouldBe(running.Long("id"), "a progressive charge keeps one running total per period");
        later.Decimal("amount").ShouldBe(20m);

        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync(null);
        var may = (await admin.InvoicesAsync("customer", customer)).ShouldHaveSingleItem();
        may.Decimal("total").ShouldBe(62m);
        (await AmountsAsync(admin, customer)).ShouldBe([31m, 31m, 31m], ignoreOrder: true, "May's two charges and June's in advance");
    }

    [Fact]
    public async Task StartDateInTheFuture_IsChargedFromThatDay_WhenBillingReachesIt()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin);
        await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 31m), start: "2026-05-20");
        await admin.RunBillingAsync(null);
        (await AmountsAsync(admin, customer)).ShouldBeEmpty();
        admin = await app.MoveToAsync("2026-05-20T00:00:00Z");
        await admin.RunBillingAsync(null);
        (await AmountsAsync(admin, customer)).ShouldBe([12m]);
    }

    [Fact]
    public async Task EveryKindOfBillingPeriod_ClosesAndInvoicesItsOwnPeriods()
    {
        // June 2026 has 30 days and starts on a Monday: a $30 plan costs $1 a day.
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-06-01T00:30:00Z"));
        var admin = await app.AdminAsync();
        var plan = await admin.CreatePlanAsync("account", 30m);
        var payers = new Dictionary<string, long>();
        foreach (var period in new[] { "daily", "weekly", "semiMonthly", "monthly" })
        {
            var (customer, account) = await CustomerWithAccountAsync(admin, period);
            await AssignAsync(admin, account, plan);
            payers[period] = customer;
        }
        admin = await app.MoveToAsync("2026-07-01T00:30:00Z");
        await admin.RunBillingAsync("2026-07-01");

        async Task<(string Start, string End, decimal Total)[]> Invoices(string period) =>
            (await admin.InvoicesAsync("customer", payers[period])).Select(i => (i.Str("periodStart"), i.Str("periodEnd"), i.Decimal("total")))
            .OrderBy(i => i.Item1, StringComparer.Ordinal).ToArray();
        var daily = await Invoices("daily");
        daily.Length.ShouldBe(30);
        daily.ShouldAllBe(i => i.Total == 1m);
        daily[0].ShouldBe(("2026-06-01", "2026-06-02", 1m));
        (await Invoices("weekly")).ShouldBe(
        [
            ("2026-06-01", "2026-06-08", 7m), ("2026-06-08", "2026-06-15", 7m), ("2026-06-15", "2026-06-22", 7m), ("2026-06-22", "2026-06-29", 7m),
        ]);
        (await Invoices("semiMonthly")).ShouldBe([("2026-06-01", "2026-06-16", 15m), ("2026-06-16", "2026-07-01", 15m)]);
        (await Invoices("monthly")).ShouldBe([("2026-06-01", "2026-07-01", 30m)]);
        // The week of 29 June is charged in advance: two June days at 1/30 and five July days at 1/31 of the fee.
        (await admin.XdrsAsync("customer", payers["weekly"])).Single(x => x.Str("periodStart") == "2026-06-29").Decimal("amount").ShouldBe(6.84m);
    }

    [Fact]
    public async Task AnniversaryBilling_FromThe31st_FollowsMonthEnds()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-01-31T12:00:00Z"));
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin, "monthlyAnniversary");
        await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 28m));
        admin = await app.MoveToAsync("2026-04-30T12:00:00Z");
        await admin.RunBillingAsync(null);
        (await admin.InvoicesAsync("customer", customer)).Select(i => (i.Str("periodStart"), i.Str("periodEnd"), i.Decimal("total")))
            .OrderBy(i => i.Item1, StringComparer.Ordinal).ShouldBe(
            [
                ("2026-01-31", "2026-02-28", 28m), ("2026-02-28", "2026-03-31", 28m), ("2026-03-31", "2026-04-30", 28m),
            ]);
    }

    [Fact]
    public async Task DailyBilling_ChargesFebruary29OfALeapYear()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2028-02-28T08:00:00Z"));
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin, "daily");
        await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 29m));
        admin = await app.MoveToAsync("2028-03-02T08:00:00Z");
        await admin.RunBillingAsync("2028-03-02");
        (await admin.InvoicesAsync("customer", customer)).Select(i => (i.Str("periodStart"), i.Decimal("total"))).OrderBy(i => i.Item1, StringComparer.Ordinal)
            .ShouldBe([("2028-02-28", 1m), ("2028-02-29", 1m), ("2028-03-01", 0.94m)]);
    }

    [Fact]
    public async Task ScheduledJob_ClosesADailyPeriodAtLocalMidnight_AcrossADstChange()
    {
        // New York: 7 March 2026 ends at 05:00 UTC (EST); 8 March, 23 hours long, ends at 04:00 UTC (EDT).
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-03-07T12:00:00Z"), job: true);
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin, "daily", "America/New_York");
        await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 31m));
        var job = app.Service<Tollgate.Billing.Runs.BillingJob>();

        async Task<string[]> ClosedAfterJobAt(string instant)
        {
            var run = job.RunStartingAtOrAfterAsync(BillingTestKit.Utc(instant));
            app.Clock.SetUtcNow(BillingTestKit.Utc(instant));
            await run.WaitAsync(TimeSpan.FromSeconds(60));
            await using var db = app.Database();
            return await db.Set<Invoice>().Where(i => i.CustomerId == customer).OrderBy(i => i.PeriodStart)
                .Select(i => i.PeriodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArrayAsync();
        }

        (await ClosedAfterJobAt("2026-03-08T04:45:00Z")).ShouldBeEmpty("it is still 7 March in New York");
        (await ClosedAfterJobAt("2026-03-08T05:00:00Z")).ShouldBe(["2026-03-07"]);
        (await ClosedAfterJobAt("2026-03-09T03:45:00Z")).ShouldBe(["2026-03-07"], "8 March ends at 04:00 UTC, an hour earlier than 7 March did");
        (await ClosedAfterJobAt("2026-03-09T04:00:00Z")).ShouldBe(["2026-03-07", "2026-03-08"]);
        admin = await app.AdminAsync();
        (await admin.InvoicesAsync("customer", customer)).ShouldAllBe(i => i.Decimal("total") == 1m, "a 23-hour day is still one day");
    }

    [Fact]
    public async Task Stops_CreditTheDaysAfterTheStop_AndChargesStopFromThatDay()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var reseller = await admin.CreateResellerAsync();
        var customer = await admin.CreateCustomerAsync(reseller);
        var resellerFee = await admin.CreatePlanAsync("reseller", 31m, moreThanOnce: true, shared: true);
        var accountFee = await admin.CreatePlanAsync("account", 31m, shared: true);
        var product = await admin.CreateProductAsync([accountFee], [resellerFee], shared: true);
        var withoutFee = await admin.CreateProductAsync([accountFee], shared: true);
        var closing = await admin.CreateAccountWithProductAsync(customer, product);
        var replaced = await admin.CreateAccountWithProductAsync(customer, product);
        var kept = await admin.CreateAccountWithProductAsync(customer, product);
        await admin.RunBillingAsync(null);
        (await admin.XdrsAsync("reseller", reseller)).Sum(x => x.Decimal("amount")).ShouldBe(93m, "three accounts, May in advance");

        admin = await app.MoveToAsync("2026-05-21T12:00:00Z");
        (await admin.PostAsync($"/api/v1/accounts/{closing}/close")).ShouldHave(HttpStatusCode.OK);
        (await admin.PatchAsync($"/api/v1/accounts/{replaced}", new { productId = withoutFee })).ShouldHave(HttpStatusCode.OK);
        await admin.RunBillingAsync(null);
        var credits = (await admin.XdrsAsync("reseller", reseller)).Where(x => x.Str("kind") == "subscriptionCredit").ToList();
        credits.Count.ShouldBe(2);
        credits.ShouldAllBe(c => c.Decimal("amount") == -11m && c.Str("serviceFrom") == "2026-05-21" && c.Str("serviceTo") == "2026-06-01");

        admin = await app.MoveToAsync("2026-05-26T12:00:00Z");
        (await admin.PatchAsync($"/api/v1/products/{product}", new { resellerSubscriptionIds = Array.Empty<long>() })).ShouldHave(HttpStatusCode.OK);
        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        var invoice = (await admin.InvoicesAsync("reseller", reseller)).ShouldHaveSingleItem();
        invoice.Decimal("total").ShouldBe(20m + 20m + 25m, "charged to 21, 21 and 26 May");
        (await admin.XdrsAsync("reseller", reseller)).Where(x => x.Str("periodStart") == "2026-06-01").ShouldBeEmpty("nothing is charged after a stop");
        // The customer: closed account credited, replaced account still has its account subscription (both products hold it).
        var customerJune = (await admin.XdrsAsync("customer", customer)).Where(x => x.Str("periodStart") == "2026-06-01").ToList();
        customerJune.Select(x => x.Long("accountId")).ShouldBe([replaced, kept], ignoreOrder: true);
    }

    [Fact]
    public async Task Adjustments_ChangeWhatIsCharged()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin);
        var plan = await admin.CreatePlanAsync("account", 20m, moreThanOnce: true);
        foreach (var (type, value) in new[] { ("relativeDiscount", 15m), ("relativeUpcharge", 10m), ("fixedDiscount", 25m), ("fixedUpcharge", 5m) })
        {
            var sid = await AssignAsync(admin, account, plan);
            (await admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{sid}", new { adjustment = new { type, value } })).ShouldHave(HttpStatusCode.OK);
        }
        await admin.RunBillingAsync(null);
        (await AmountsAsync(admin, customer)).ShouldBe([17m, 22m, 0m, 25m], ignoreOrder: true);
        (await admin.XdrsAsync("customer", customer)).Select(x => x.Decimal("fee")).ShouldBe([17m, 22m, 0m, 25m], ignoreOrder: true);
    }

    [Fact]
    public async Task Prepaid_ChargesNMonthsAtTheStartOfEachCycleOnly()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-10T12:00:00Z"));
        var admin = await app.AdminAsync();
        var (customer, account) = await CustomerWithAccountAsync(admin);
        await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 10m, prepaidMonths: 3));
        await admin.RunBillingAsync(null);
        admin = await app.MoveToAsync("2026-08-09T12:00:00Z");
        await admin.RunBillingAsync(null);
        var charges = await admin.XdrsAsync("customer", customer);
        var cycle = charges.ShouldHaveSingleItem();
        (cycle.Decimal("amount"), cycle.Str("serviceFrom"), cycle.Str("serviceTo")).ShouldBe((30m, "2026-05-10", "2026-08-10"));
        admin = await app.MoveToAsync("2026-08-10T12:00:00Z");
        await admin.RunBillingAsync(null);
        (await AmountsAsync(admin, customer)).ShouldBe([30m, 30m]);
        (await admin.InvoicesAsync("customer", customer)).Select(i => i.Decimal("total"))
            .ShouldBe([30m], "May's invoice carries the prepayment; June and July have no lines, so no invoice");
    }

    [Fact]
    public async Task RunTwice_ChangesNothingTheSecondTime()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        for (var i = 0; i < 3; i++)
        {
            var (_, account) = await CustomerWithAccountAsync(admin);
            await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 10m + i));
            await AssignAsync(admin, account, await admin.CreatePlanAsync("account", 7m, chargeMode: "progressive"));
        }
        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        var first = await admin.RunBillingAsync("2026-06-01");
        first["invoices"].GetInt32().ShouldBe(3);
        first["chargesWritten"].GetInt32().ShouldBe(9, "May in advance and progressive, June in advance");
        var again = await admin.RunBillingAsync("2026-06-01");
        again["payers"].GetInt32().ShouldBe(0, "nobody is due again through the same day");
        again["chargesWritten"].GetInt32().ShouldBe(0);
        again["invoices"].GetInt32().ShouldBe(0);
        var today = await admin.RunBillingAsync(null);
        today["chargesWritten"].GetInt32().ShouldBe(0);
        today["chargesUpdated"].GetInt32().ShouldBe(0);
        await using var db = app.Database();
        (await db.Set<Xdr>().CountAsync()).ShouldBe(9);
        (await db.Set<Invoice>().CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Through_LaterThanAnyPeriodCanHaveEnded_IsRefused()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        (await admin.PostAsync("/api/v1/billing/runs", new { through = "2026-05-03" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("through").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/billing/runs", new { through = "June" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("through").ShouldNotBeEmpty();
        var login = TestData.Unique("r");
        await admin.CreateResellerAsync(login);
        (await (await app.SignInAsync("reseller", login, TestData.Password)).PostAsync("/api/v1/billing/runs", new { }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task ThroughADate_NeverClosesAPeriodBeforeItEndsInThePayersTimeZone()
    {
        // 1 June 02:00 UTC is still 31 May in Vancouver: May is closed for the UTC payer only.
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var plan = await admin.CreatePlanAsync("account", 10m);
        var (utc, a1) = await CustomerWithAccountAsync(admin, zone: "UTC");
        var (vancouver, a2) = await CustomerWithAccountAsync(admin, zone: "America/Vancouver");
        await AssignAsync(admin, a1, plan);
        await AssignAsync(admin, a2, plan);
        admin = await app.MoveToAsync("2026-06-01T02:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        (await admin.InvoicesAsync("customer", utc)).ShouldHaveSingleItem();
        (await admin.InvoicesAsync("customer", vancouver)).ShouldBeEmpty();
        admin = await app.MoveToAsync("2026-06-01T07:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        (await admin.InvoicesAsync("customer", vancouver)).ShouldHaveSingleItem();
    }
}

public sealed class BillingRunTestsOnSqlite() : BillingRunTests(DbKind.Sqlite);

public sealed class BillingRunTestsOnPostgres() : BillingRunTests(DbKind.Postgres);
