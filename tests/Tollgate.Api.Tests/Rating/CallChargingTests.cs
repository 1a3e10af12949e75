using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Billing;
using Tollgate.Billing.Rating;
using Tollgate.Domain.Switching;
using static Tollgate.Api.Tests.Rating.RatingTestKit;

namespace Tollgate.Api.Tests.Rating;

/// <summary>Real-time authorisation through <see cref="ICallCharging"/>: credit limits, prepaid balances, reservations of parallel calls.</summary>
/// <remarks>The switch asks exactly these questions before connecting a call and after it ended; here the test asks them.</remarks>
public abstract class CallChargingTests(DbKind kind)
{
    private static readonly DateTime Now = new(2026, 5, 10, 9, 0, 0, DateTimeKind.Utc);

    private sealed record Line(TollgateTestApp App, ApiClient Admin, long Reseller, long Customer, long Account, ICallCharging Charging);

    /// <summary>A reseller's customer with one account whose calls to +1 cost 0.60/min (per second), 0.20/min wholesale.</summary>
    private static async Task<Line> LineAsync(TollgateTestApp app)
    {
        var admin = await app.AdminAsync();
        var retail = await admin.CreateTariffAsync(shared: true, rates: new Rate("1", 0.60m, FirstInterval: 1, NextInterval: 1));
        var wholesale = await admin.CreateTariffAsync(rates: new Rate("1", 0.20m, FirstInterval: 1, NextInterval: 1));
        var reseller = await admin.CreateResellerAsync();
        await admin.SetWholesaleTariffAsync(reseller, wholesale);
        var customer = await admin.CreateCustomerAsync(reseller);
        var account = await admin.CreateAccountWithProductAsync(customer, await admin.CreateRatedProductAsync(retail));
        return new Line(app, admin, reseller, customer, account, app.Service<ICallCharging>());
    }

    private static Task<TollgateTestApp> StartAsync(DbKind kind, string maxCall = "04:00:00") =>
        BillingTestKit.StartAsync(kind, new DateTimeOffset(Now),
            settings: new Dictionary<string, string?> { ["Tollgate:Rating:MaxCallDuration"] = maxCall });

    private static Task<ChargingDecision> AskAsync(Line line, string callId, string number = "12095550100", long? vendor = 3) =>
        line.Charging.ReserveAsync(new ChargingRequest(callId, line.Account, vendor, number, Now), CancellationToken.None);

    [Fact]
    public async Task CreditLimit_CutsTheCallOffAtTheLastSecondItCovers_AndIsSpentOnce()
    {
        await using var app = await StartAsync(kind);
        var line = await LineAsync(app);
        (await line.Admin.PatchAsync($"/api/v1/customers/{line.Customer}/balance", new { creditLimit = 1.00m })).ShouldHave(HttpStatusCode.OK);

        var decision = await AskAsync(line, "call-1");
        decision.Allowed.ShouldBeTrue();
        decision.MaxDuration.ShouldBe(TimeSpan.FromSeconds(100), "1.00 at 0.60/min, per second");
        var balance = (await line.Admin.GetAsync($"/api/v1/customers/{line.Customer}/balance")).ShouldHave(HttpStatusCode.OK);
        balance["reserved"].GetDecimal().ShouldBe(1.00m);
        balance["available"].GetDecimal().ShouldBe(0m);
        var refused = await AskAsync(line, "call-2");
        refused.ShouldBe(new ChargingDecision(false, null, 402, CallCharging.InsufficientFunds), "the first call holds all the credit");

        // The switch ends the call at 100 s and hands over its CDR: the reservation becomes a charge of exactly the limit.
        var cdr = await app.StoreSwitchCdrAsync("call-1", line.Account, line.Customer, line.Reseller, "12095550100", Now, 100, outgoingConnectionId: 3);
        await line.Charging.SettleAsync(cdr, CancellationToken.None);
        balance = (await line.Admin.GetAsync($"/api/v1/customers/{line.Customer}/balance")).ShouldHave(HttpStatusCode.OK);
        balance["balance"].GetDecimal().ShouldBe(-1.00m);
        balance["reserved"].GetDecimal().ShouldBe(0m);
        (await AskAsync(line, "call-3")).SipStatus.ShouldBe(402);

        // A payment raises the balance once; the next call may last what it buys.
        var paid = (await line.Admin.PostAsync($"/api/v1/customers/{line.Customer}/payments", new { amount = 0.60m, reference = "bank-0001" }))
            .ShouldHave(HttpStatusCode.Created);
        paid["balance"].GetProperty("balance").GetDecimal().ShouldBe(-0.40m);
        (await line.Admin.PostAsync($"/api/v1/customers/{line.Customer}/payments", new { amount = 0.60m, reference = "bank-0001" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("reference").ShouldNotBeEmpty();
        (await AskAsync(line, "call-4")).MaxDuration.ShouldBe(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Prepaid_TwentyParallelCalls_NeverHoldMoreThanTheBalance()
    {
        await using var app = await StartAsync(kind, maxCall: "00:02:00");
        var line = await LineAsync(app);
        (await line.Admin.PatchAsync($"/api/v1/customers/{line.Customer}/balance", new { prepaid = true })).ShouldHave(HttpStatusCode.OK);
        (await AskAsync(line, "before-payment")).SipStatus.ShouldBe(402, "a prepaid customer that has paid nothing may not call");
        (await line.Admin.PostAsync($"/api/v1/customers/{line.Customer}/payments", new { amount = 6.00m })).ShouldHave(HttpStatusCode.Created);

        // 6.00 at 0.60/min is 10 minutes; each call may last at most 2 minutes (1.20), so exactly 5 of 20 go.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AskAsync(line, $"parallel-{i}")));
        var allowed = decisions.Where(d => d.Allowed).ToList();
        allowed.Count.ShouldBe(5);
        allowed.ShouldAllBe(d => d.MaxDuration == TimeSpan.FromMinutes(2));
        decisions.Where(d => !d.Allowed).ShouldAllBe(d => d.SipStatus == 402 && d.Reason == CallCharging.InsufficientFunds);
        var balance = (await line.Admin.GetAsync($"/api/v1/customers/{line.Customer}/balance")).ShouldHave(HttpStatusCode.OK);
        balance["reserved"].GetDecimal().ShouldBe(6.00m);
        balance["available"].GetDecimal().ShouldBe(0m);

        // Asking again for a call already allowed answers the same, holding nothing more.
        var again = await AskAsync(line, $"parallel-{Array.FindIndex(decisions, d => d.Allowed)}");
        again.ShouldBe(new ChargingDecision(true, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task ResellerCredit_LimitsItsCustomersCalls_AtTheWholesaleRate()
    {
        await using var app = await StartAsync(kind);
        var line = await LineAsync(app);
        (await line.Admin.PatchAsync($"/api/v1/resellers/{line.Reseller}/balance", new { creditLimit = 0.50m })).ShouldHave(HttpStatusCode.OK);
        (await AskAsync(line, "r-1")).MaxDuration.ShouldBe(TimeSpan.FromSeconds(151),
            "0.50 at the wholesale 0.20/min: 151 s cost 0.5033, which the charge line rounds to 0.50; 152 s would be 0.51");
        (await line.Admin.GetAsync($"/api/v1/resellers/{line.Reseller}/balance")).ShouldHave(HttpStatusCode.OK)["reserved"].GetDecimal().ShouldBe(0.50m);
        (await line.Admin.GetAsync($"/api/v1/customers/{line.Customer}/balance")).ShouldHave(HttpStatusCode.OK)["reserved"].GetDecimal()
            .ShouldBe(0m, "the customer has no limit");
        (await AskAsync(line, "r-2")).SipStatus.ShouldBe(402);
    }

    [Fact]
    public async Task Refusals_CarryTheSipStatusAndReasonAPhoneShows()
    {
        await using var app = await StartAsync(kind);
        var line = await LineAsync(app);
        (await AskAsync(line, "no-rate", number: "4420712345")).ShouldBe(new ChargingDecision(false, null, 403, CallCharging.NoRate));
        (await AskAsync(line, "on-net", number: "4420712345", vendor: null)).Allowed.ShouldBeTrue("a call to another account, without a rate, is free");
        var productless = line with { Account = await line.Admin.CreateAccountAsync(line.Customer) };
        (await AskAsync(productless, "no-product-on-net", vendor: null)).Allowed.ShouldBeTrue("an account without a product may call the provider's other accounts");
        (await AskAsync(productless, "no-product-out")).ShouldBe(new ChargingDecision(false, null, 403, CallCharging.NoTariff), "but not call out by a vendor");
        (await line.Admin.PatchAsync($"/api/v1/customers/{line.Customer}/balance", new { creditLimit = 0m })).ShouldHave(HttpStatusCode.OK);
        (await AskAsync(line, "no-credit")).ShouldBe(new ChargingDecision(false, null, 402, CallCharging.InsufficientFunds));
        (await line.Charging.ReserveAsync(new ChargingRequest("unknown", 987_654_321, 3, "12095550100", Now), CancellationToken.None)).SipStatus.ShouldBe(403);
    }

    [Fact]
    public async Task AnExpiredReservation_NoLongerHoldsCredit()
    {
        await using var app = await StartAsync(kind, maxCall: "00:01:00");
        var line = await LineAsync(app);
        (await line.Admin.PatchAsync($"/api/v1/customers/{line.Customer}/balance", new { creditLimit = 0.60m })).ShouldHave(HttpStatusCode.OK);
        (await AskAsync(line, "lost")).MaxDuration.ShouldBe(TimeSpan.FromSeconds(60));
        (await AskAsync(line, "next")).Allowed.ShouldBeFalse();
        // The switch never settled "lost": once its longest duration and the slack (10 minutes) have passed, its credit is free again.
        app.Clock.Advance(TimeSpan.FromMinutes(11) + TimeSpan.FromSeconds(1));
        (await AskAsync(line, "next")).Allowed.ShouldBeTrue();
    }
}

public sealed class CallChargingTestsOnSqlite() : CallChargingTests(DbKind.Sqlite);

public sealed class CallChargingTestsOnPostgres() : CallChargingTests(DbKind.Postgres);
