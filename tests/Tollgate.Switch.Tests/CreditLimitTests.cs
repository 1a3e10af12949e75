using Microsoft.EntityFrameworkCore;
using Tollgate.Data.Billing;
using Tollgate.Data.Calls;
using Tollgate.Domain.Billing;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests;

/// <summary>Real-time authorisation through the switch: the credit a customer (or its reseller) has decides whether a call goes and how long it lasts.</summary>
/// <remarks>
/// A customer's account calls out through a vendor connection (a sipp gateway). Calls cost 0.60 a minute, charged per
/// second, so a credit of 1.00 buys exactly 100 s. Both the caller's account and the connection keep their legs quiet
/// (one keep-alive an hour): whatever ends the call here is the credit, at an instant of the test's clock.
/// </remarks>
[Collection(SippCollection.Name)]
public abstract class CreditLimitTests(SwitchFixture f)
{
    /// <summary>
    /// A customer's line whose calls to <c>prefix</c>5 cost 0.60/min per second, and a vendor connection for the prefix at
    /// <paramref name="vendorPort"/> whose tariff costs the provider EUR 0.06/min per second.
    /// </summary>
    private async Task<(Line Line, string Prefix, long Connection)> RatedLineAsync(int vendorPort)
    {
        var admin = await f.App.AdminAsync();
        var prefix = "8" + Lines.Digits(7);
        var product = await f.RatedProductAsync(await f.TariffAsync(prefix + "5", 0.60m));
        var cost = await f.TariffAsync(prefix, 0.06m, "EUR");
        var quiet = await f.QuietPolicyAsync();
        var line = await f.AccountAsync(await f.CustomerAsync(), new Dictionary<string, object?> { ["productId"] = product, ["servicePolicyId"] = quiet });
        return (line, prefix, await VendorAsync(prefix, cost, quiet, vendorPort));
    }

    /// <summary>An outgoing vendor connection for <paramref name="prefix"/> at <paramref name="port"/>, whose tariff is the provider's cost.</summary>
    private async Task<long> VendorAsync(string prefix, long costTariff, long policy, int port) =>
        (await (await f.App.AdminAsync()).PostAsync("/api/v1/connections", new
        {
            name = TestData.Unique("Carrier out"), direction = "outgoing", address = $"127.0.0.1:{port}", prefixes = new[] { prefix },
            servicePolicyId = policy, tariffId = costTariff,
        })).ShouldHave(HttpStatusCode.Created).Id;

    /// <summary>
    /// Places a call from <paramref name="line"/> to <paramref name="number"/> through the sipp gateway at <paramref name="gateway"/>,
    /// checks it is still up 99 s after the answer and that the switch sends BYE to both sides at 100 s, and returns its CDR.
    /// </summary>
    private async Task<Cdr> CutOffAfter100SecondsAsync(Line line, string number, int gateway, Func<Task>? whileUp = null)
    {
        await using var vendor = Sipp.Start(new SippScript(number).ReceiveInvite().Ring().Answer().ReceiveBye().ToXml(), port: gateway);
        await using var caller = f.Call(new SippScript(line.AccountId).Invite("+" + number, line.Password).ExpectAnswer().ReceiveBye(), "+" + number);
        var call = await f.ConnectedAsync(line.AccountId, vendor, caller);
        var connected = f.Now;
        if (whileUp is not null) await whileUp();

        f.Advance(TimeSpan.FromSeconds(99));
        f.Call(call.CallId).ShouldNotBeNull("99 s are covered by the credit");
        vendor.HasExited.ShouldBeFalse();
        caller.HasExited.ShouldBeFalse();

        f.Advance(TimeSpan.FromSeconds(1));
        var vendorRun = await vendor.SucceedsAsync("the gateway, sent BYE by the switch");
        var callerRun = await caller.SucceedsAsync("the caller, sent BYE by the switch");
        vendorRun.ReceivedSummary.ShouldBe(["INVITE", "ACK", "BYE"]);
        callerRun.ReceivedRequests("BYE").Count.ShouldBe(1);

        var cdr = await f.CdrAsync(call.CallId);
        (cdr.DisconnectReason, cdr.DisconnectSide).ShouldBe(("max-duration", "switch"));
        cdr.ConnectAt.ShouldBe(connected);
        cdr.BilledEnd.ShouldBe(connected + TimeSpan.FromSeconds(100));
        cdr.DisconnectAt.ShouldBe(connected + TimeSpan.FromSeconds(100), "ended at the very second the credit ran out");
        cdr.BilledSeconds.ShouldBe(100);
        return cdr;
    }

    /// <summary>The usage charges of <paramref name="cdr"/> once rating has written them, as (payer, amount, currency), by payer.</summary>
    private async Task<List<(string? Payer, decimal Amount, string? Currency)>> ChargesAsync(Cdr cdr)
    {
        // The switch hands the CDR to rating once it is stored.
        await SwitchFixture.UntilAsync(() =>
        {
            using var db = f.App.Database();
            return db.Set<Xdr>().AsNoTracking().Any(x => x.Kind == XdrKind.Usage && x.SourceId == cdr.Id);
        }, $"the charge of CDR {cdr.Id}");
        return (await (await f.App.AdminAsync()).GetAsync($"/api/v1/xdrs?kind=usage&cdrId={cdr.Id}")).ShouldHave(HttpStatusCode.OK).Items
            .Select(c => (c.GetProperty("payer").GetString(), c.GetProperty("amount").GetDecimal(), c.GetProperty("currency").GetString()))
            .OrderBy(c => c.Item1).ToList();
    }

    /// <summary>The next call to <paramref name="number"/> is refused with 402 before anybody is called.</summary>
    private async Task NextCallRefusedAsync(Line line, string number)
    {
        await using var next = f.Call(new SippScript(line.AccountId).Invite("+" + number, line.Password).ExpectFailure(402), "+" + number);
        (await next.SucceedsAsync("the caller, refused")).Received.Single(m => m.Status == 402).StartLine
            .ShouldBe("SIP/2.0 402 Insufficient funds");
    }

    private async Task<ApiResponse> BalanceAsync(Line line) =>
        (await (await f.App.AdminAsync()).GetAsync($"/api/v1/customers/{line.CustomerId}/balance")).ShouldHave(HttpStatusCode.OK);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Credit_EndsTheCallAtTheLastSecondItCovers_OnBothSides_AndTheChargeStaysWithinIt(bool prepaid)
    {
        var admin = await f.App.AdminAsync();
        var gateway = Sipp.FreePort();
        var (line, prefix, connection) = await RatedLineAsync(gateway);
        var number = prefix + "5" + Lines.Digits(4);
        if (prepaid)
        {
            (await admin.PatchAsync($"/api/v1/customers/{line.CustomerId}/balance", new { prepaid = true })).ShouldHave(HttpStatusCode.OK);
            (await admin.PostAsync($"/api/v1/customers/{line.CustomerId}/payments", new { amount = 1.00m })).ShouldHave(HttpStatusCode.Created);
        }
        else
        {
            (await admin.PatchAsync($"/api/v1/customers/{line.CustomerId}/balance", new { creditLimit = 1.00m })).ShouldHave(HttpStatusCode.OK);
        }

        var cdr = await CutOffAfter100SecondsAsync(line, number, gateway, async () =>
        {
            var held = await BalanceAsync(line);
            (held["reserved"].GetDecimal(), held["available"].GetDecimal()).ShouldBe((1.00m, 0m), "the call holds what its 100 s would cost");
        });
        cdr.OutgoingConnectionId.ShouldBe(connection);

        // The reservation becomes the customer's charge, of exactly the credit, and the connection's tariff gives the
        // provider's cost of the same 100 s.
        (await ChargesAsync(cdr)).ShouldBe([("customer", 1.00m, "USD"), ("provider", 0.10m, "EUR")]);
        var after = await BalanceAsync(line);
        after["balance"].GetDecimal().ShouldBe(prepaid ? 0m : -1.00m, "the charge does not go past the credit");
        (after["reserved"].GetDecimal(), after["available"].GetDecimal()).ShouldBe((0m, 0m));

        // With nothing left, the next call is refused before anybody is called.
        await NextCallRefusedAsync(line, number);
        (await admin.DeleteAsync($"/api/v1/connections/{connection}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task ResellerCredit_EndsItsCustomersCall_WhenTheWholesaleChargeReachesIt()
    {
        // The customer has no limit; its reseller may owe 0.60, which at the wholesale 0.36/min per second is 100 s (101 s would
        // cost 0.606, rounded 0.61).
        var admin = await f.App.AdminAsync();
        var gateway = Sipp.FreePort();
        var prefix = "8" + Lines.Digits(7);
        var number = prefix + "5" + Lines.Digits(4);
        var retail = (await admin.PostAsync("/api/v1/tariffs", new { name = TestData.Unique("Retail"), currency = "USD", sharedWithResellers = true }))
            .ShouldHave(HttpStatusCode.Created).Id;
        (await admin.PostAsync($"/api/v1/tariffs/{retail}/rates", new { prefix = prefix + "5", pricePerMinute = 0.60m, firstInterval = 1, nextInterval = 1 }))
            .ShouldHave(HttpStatusCode.Created);
        var product = (await admin.PostAsync("/api/v1/products", new { name = TestData.Unique("Voice"), kind = "main", sharedWithResellers = true, tariffId = retail }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var reseller = await admin.CreateResellerAsync();
        (await admin.PatchAsync($"/api/v1/resellers/{reseller}", new { tariffId = await f.TariffAsync(prefix, 0.36m) })).ShouldHave(HttpStatusCode.OK);
        (await admin.PatchAsync($"/api/v1/resellers/{reseller}/balance", new { creditLimit = 0.60m })).ShouldHave(HttpStatusCode.OK);
        var quiet = await f.QuietPolicyAsync();
        var line = await f.AccountAsync(await admin.CreateCustomerAsync(reseller),
            new Dictionary<string, object?> { ["productId"] = product, ["servicePolicyId"] = quiet });
        var connection = await VendorAsync(prefix, await f.TariffAsync(prefix, 0.06m, "EUR"), quiet, gateway);

        var cdr = await CutOffAfter100SecondsAsync(line, number, gateway, async () =>
        {
            var held = (await admin.GetAsync($"/api/v1/resellers/{reseller}/balance")).ShouldHave(HttpStatusCode.OK);
            (held["reserved"].GetDecimal(), held["available"].GetDecimal()).ShouldBe((0.60m, 0m), "the reseller's credit is held for the call");
            (await BalanceAsync(line))["reserved"].GetDecimal().ShouldBe(0m, "the customer has no limit, so nothing is held of its balance");
        });

        // Each level pays its own price for the same 100 s: the customer 1.00 at retail, the reseller exactly its credit
        // at wholesale, the provider its vendor's cost.
        (await ChargesAsync(cdr)).ShouldBe([("customer", 1.00m, "USD"), ("provider", 0.10m, "EUR"), ("reseller", 0.60m, "USD")]);
        var owed = (await admin.GetAsync($"/api/v1/resellers/{reseller}/balance")).ShouldHave(HttpStatusCode.OK);
        (owed["balance"].GetDecimal(), owed["reserved"].GetDecimal(), owed["available"].GetDecimal()).ShouldBe((-0.60m, 0m, 0m));
        (await BalanceAsync(line))["balance"].GetDecimal().ShouldBe(-1.00m);

        // The reseller's customers may not call out again until it pays, though the customer itself has no limit.
        await NextCallRefusedAsync(line, number);
        (await admin.DeleteAsync($"/api/v1/connections/{connection}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Refusals_NoCredit402_NoRate403_AreWhatThePhoneSees_AndNobodyIsCalled()
    {
        var admin = await f.App.AdminAsync();
        var gateway = Sipp.FreePort();
        var (line, prefix, connection) = await RatedLineAsync(gateway);
        await using var vendor = Sipp.Start(new SippScript(prefix).ReceiveInvite().Ring().Answer().ReceiveBye().ToXml(), port: gateway);

        // The tariff prices prefix…5 only: …6 is a destination without a rate, whatever the credit.
        var unpriced = prefix + "6" + Lines.Digits(4);
        await using (var caller = f.Call(new SippScript(line.AccountId).Invite("+" + unpriced, line.Password).ExpectFailure(403), "+" + unpriced))
        {
            var run = await caller.SucceedsAsync("the caller, to a destination without a rate");
            run.Received.Single(m => m.Status == 403).StartLine.ShouldBe("SIP/2.0 403 No rate for destination");
            var cdr = await f.CdrAsync(run.Sent[0].Header("Call-ID")!);
            (cdr.DisconnectReason, cdr.DisconnectSide, cdr.FinalSipStatus, cdr.ConnectAt, cdr.BilledSeconds).ShouldBe(("refused", "switch", 403, null, 0));
        }

        (await admin.PatchAsync($"/api/v1/customers/{line.CustomerId}/balance", new { creditLimit = 0m })).ShouldHave(HttpStatusCode.OK);
        var priced = prefix + "5" + Lines.Digits(4);
        await using (var caller = f.Call(new SippScript(line.AccountId).Invite("+" + priced, line.Password).ExpectFailure(402), "+" + priced))
        {
            var run = await caller.SucceedsAsync("the caller, without credit");
            run.Received.Single(m => m.Status == 402).StartLine.ShouldBe("SIP/2.0 402 Insufficient funds");
            var cdr = await f.CdrAsync(run.Sent[0].Header("Call-ID")!);
            (cdr.DisconnectReason, cdr.FinalSipStatus, cdr.BilledSeconds).ShouldBe(("refused", 402, 0));
        }

        vendor.HasExited.ShouldBeFalse("the gateway was never called");
        (await BalanceAsync(line))["reserved"].GetDecimal().ShouldBe(0m, "a refused call holds nothing");
        (await admin.DeleteAsync($"/api/v1/connections/{connection}")).ShouldHave(HttpStatusCode.NoContent);
    }
}

public sealed class CreditLimitTestsOnSqlite(SqliteSwitch f) : CreditLimitTests(f), IClassFixture<SqliteSwitch>;

public sealed class CreditLimitTestsOnPostgres(PostgresSwitch f) : CreditLimitTests(f), IClassFixture<PostgresSwitch>;
