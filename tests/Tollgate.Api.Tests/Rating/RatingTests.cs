using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Tests.Billing;
using Tollgate.Data.Billing;
using Tollgate.Domain.Switching;
using static Tollgate.Api.Tests.Rating.RatingTestKit;

namespace Tollgate.Api.Tests.Rating;

/// <summary>Rating calls: rounding to the rate's intervals, prefixes and effective dates, the three derived charges, duplicates.</summary>
public abstract class RatingTests(DbKind kind)
{
    /// <summary>A direct customer with one account whose product is rated at a tariff with <paramref name="rates"/>.</summary>
    private static async Task<(ApiClient Admin, long Customer, long Account, string AccountName, long Tariff)> DirectAsync(
        TollgateTestApp app, string timeZone = "UTC", params Rate[] rates)
    {
        var admin = await app.AdminAsync();
        var tariff = await admin.CreateTariffAsync(timeZone: timeZone, shared: true, rates: rates);
        var product = await admin.CreateRatedProductAsync(tariff);
        var customer = await admin.CreateCustomerAsync();
        var name = TestData.Unique("1209");
        var account = await admin.CreateAccountWithProductAsync(customer, product, accountId: name);
        return (admin, customer, account, name, tariff);
    }

    [Fact]
    public async Task Import_RoundsEachCallToItsRatesIntervals_WithConnectFeeAndGrace()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var (admin, _, _, name, _) = await DirectAsync(app, "UTC",
            new Rate("44", 9.99m),
            new Rate("441", 0.60m, FirstInterval: 60, NextInterval: 6),
            new Rate("442", 0.60m, FirstInterval: 1, NextInterval: 1),
            new Rate("443", 0.60m, FirstInterval: 30, NextInterval: 30),
            new Rate("444", 0.60m, ConnectFee: 0.10m, FirstInterval: 60, NextInterval: 60, GraceSeconds: 5));
        var calls = new (Call Call, decimal? Expected)[]
        {
            (Lasting(name, "4411234", "2026-05-10T10:00:00Z", 61), 0.66m), // 66 s at 0.60/min
            (Lasting(name, "4421234", "2026-05-10T10:05:00Z", 61), 0.61m), // every second
            (Lasting(name, "4431234", "2026-05-10T10:10:00Z", 31), 0.60m), // two half minutes
            (Lasting(name, "4441234", "2026-05-10T10:15:00Z", 5), null), // within the grace period: free, connect fee waived
            (Lasting(name, "+4441234", "2026-05-10T10:20:00Z", 6), 0.70m), // connect fee + one minute
            (Lasting(name, "4451234", "2026-05-10T10:25:00Z", 60), 9.99m), // no longer prefix: 44
        };
        var result = (await admin.ImportAsync(calls.Select(c => c.Call).ToArray())).ShouldHave(HttpStatusCode.OK);
        result["imported"].GetInt32().ShouldBe(6);
        result["rated"].GetInt32().ShouldBe(6);
        result["unratable"].GetInt32().ShouldBe(0);
        result["chargesWritten"].GetInt32().ShouldBe(5);

        foreach (var (call, expected) in calls)
        {
            var charges = await admin.UsageChargesAsync(await app.CdrIdAsync(call.CallId));
            if (expected is null) charges.ShouldBeEmpty(call.Callee);
            else charges.ShouldHaveSingleItem().Decimal("amount").ShouldBe(expected.Value, call.Callee);
        }
    }

    [Fact]
    public async Task EffectiveDates_ChangeAtMidnightInTheTariffsTimeZone()
    {
        // Vancouver is UTC-7 in summer: its 1 June starts at 07:00 UTC.
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-06-05T12:00:00Z"));
        var (admin, _, _, name, tariff) = await DirectAsync(app, "America/Vancouver",
            new Rate("1", 0.60m, FirstInterval: 60, NextInterval: 60, EffectiveTo: "2026-06-01"),
            new Rate("1", 1.20m, FirstInterval: 60, NextInterval: 60, EffectiveFrom: "2026-06-01"));
        var before = Lasting(name, "12095550100", "2026-06-01T06:59:59Z", 60);
        var after = Lasting(name, "12095550100", "2026-06-01T07:00:00Z", 60);
        (await admin.ImportAsync(before, after)).ShouldHave(HttpStatusCode.OK)["rated"].GetInt32().ShouldBe(2);
        (await admin.UsageChargesAsync(await app.CdrIdAsync(before.CallId))).ShouldHaveSingleItem().Decimal("amount").ShouldBe(0.60m);
        (await admin.UsageChargesAsync(await app.CdrIdAsync(after.CallId))).ShouldHaveSingleItem().Decimal("amount").ShouldBe(1.20m);

        var lookup = await admin.GetAsync($"/api/v1/tariffs/{tariff}/lookup?number=12095550100&at=2026-06-01T06:59:59Z");
        lookup.ShouldHave(HttpStatusCode.OK)["pricePerMinute"].GetDecimal().ShouldBe(0.60m);
        (await admin.GetAsync($"/api/v1/tariffs/{tariff}/lookup?number=12095550100&at=2026-06-01T07:00:00Z")).ShouldHave(HttpStatusCode.OK)
            ["effectiveFrom"].GetString().ShouldBe("2026-06-01");
    }

    [Fact]
    public async Task OneCall_GivesThreeCharges_CustomerResellerAndCost_EachWrittenOnce()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var admin = await app.AdminAsync();
        var retail = await admin.CreateTariffAsync(shared: true, rates: new Rate("4420", 0.30m, FirstInterval: 1, NextInterval: 1));
        var wholesale = await admin.CreateTariffAsync(rates: new Rate("44", 0.12m, FirstInterval: 1, NextInterval: 1));
        var vendor = await admin.CreateTariffAsync(currency: "EUR", rates: new Rate("442", 0.05m, FirstInterval: 60, NextInterval: 60));
        var reseller = await admin.CreateResellerAsync();
        await admin.SetWholesaleTariffAsync(reseller, wholesale);
        var connection = (await admin.PostAsync("/api/v1/connections", new
        {
            name = TestData.Unique("Vendor"), direction = "outgoing", address = "192.0.2.40", tariffId = vendor,
        })).ShouldHave(HttpStatusCode.Created).Id;
        var customer = await admin.CreateCustomerAsync(reseller);
        var account = await admin.CreateAccountWithProductAsync(customer, await admin.CreateRatedProductAsync(retail));

        var charging = app.Service<ICallCharging>();
        var callId = TestData.Unique("sw");
        var connect = new DateTime(2026, 5, 10, 9, 0, 0, DateTimeKind.Utc);
        (await charging.ReserveAsync(new ChargingRequest(callId, account, connection, "442071234567", connect), CancellationToken.None))
            .ShouldBe(ChargingDecision.Unlimited, "no balance has a limit");
        var cdr = await app.StoreSwitchCdrAsync(callId, account, customer, reseller, "442071234567", connect, 90, outgoingConnectionId: connection);
        await charging.SettleAsync(cdr, CancellationToken.None);

        var charges = await admin.UsageChargesAsync(cdr);
        charges.Count.ShouldBe(3);
        charges.Amount("customer").ShouldBe(0.45m, "90 s at 0.30/min");
        charges.Amount("reseller").ShouldBe(0.18m, "90 s at the wholesale 0.12/min");
        var cost = charges.Single(c => c.Str("payer") == "provider");
        cost.Decimal("amount").ShouldBe(0.10m, "two started minutes at the vendor's 0.05/min");
        cost.Str("currency").ShouldBe("EUR");
        cost.Long("payerId").ShouldBe(connection, "the provider's cost is filed under the vendor connection");
        charges.ShouldAllBe(c => c.Long("cdrId") == cdr && c.Str("kind") == "usage");

        // Settled again (a retry), re-rated on request: nothing more is written and balances moved once.
        await charging.SettleAsync(cdr, CancellationToken.None);
        (await admin.PostAsync("/api/v1/cdrs/rerate", new { cdrIds = new[] { cdr } })).ShouldHave(HttpStatusCode.OK)["chargesWritten"].GetInt32().ShouldBe(0);
        (await admin.UsageChargesAsync(cdr)).Count.ShouldBe(3);
        (await admin.GetAsync($"/api/v1/customers/{customer}/balance")).ShouldHave(HttpStatusCode.OK)["balance"].GetDecimal().ShouldBe(-0.45m);
        (await admin.GetAsync($"/api/v1/resellers/{reseller}/balance")).ShouldHave(HttpStatusCode.OK)["balance"].GetDecimal().ShouldBe(-0.18m);

        // The ledger itself refuses a second usage charge with the same natural key.
        await using var db = app.Database();
        var stored = await db.Set<Xdr>().AsNoTracking().FirstAsync(x => x.SourceId == cdr && x.PayerId == customer);
        db.Add(new Xdr
        {
            Kind = stored.Kind, PayerKind = stored.PayerKind, PayerId = stored.PayerId, SourceId = stored.SourceId, KeyDate = stored.KeyDate,
            PeriodStart = stored.PeriodStart, ServiceFrom = stored.ServiceFrom, ServiceTo = stored.ServiceTo, Fee = 1m, Amount = 1m,
            Currency = stored.Currency, CreatedAt = stored.CreatedAt,
        });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SwitchCdr_NeverSettled_IsPending_AndRatingItAgainChargesIt()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var (admin, customer, account, _, _) = await DirectAsync(app, "UTC", new Rate("1", 0.60m));
        // The switch stored the call, then its process stopped before asking rating to settle it.
        var cdr = await app.StoreSwitchCdrAsync(TestData.Unique("sw"), account, customer, null, "12095550100",
            new DateTime(2026, 5, 10, 9, 0, 0, DateTimeKind.Utc), 120);
        (await admin.GetAsync($"/api/v1/cdrs/{cdr}/rating")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("pending");
        (await admin.PostAsync("/api/v1/cdrs/rerate", new { })).ShouldHave(HttpStatusCode.OK)["chargesWritten"].GetInt32().ShouldBe(1);
        (await admin.GetAsync($"/api/v1/cdrs/{cdr}/rating")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("rated");
        (await admin.UsageChargesAsync(cdr)).ShouldHaveSingleItem().Decimal("amount").ShouldBe(1.20m);
        await app.Service<ICallCharging>().SettleAsync(cdr, CancellationToken.None);
        (await admin.PostAsync("/api/v1/cdrs/rerate", new { })).ShouldHave(HttpStatusCode.OK)["calls"].GetInt32().ShouldBe(0);
        (await admin.UsageChargesAsync(cdr)).Count.ShouldBe(1, "a late settlement finds the call rated and charges nothing more");
    }

    [Fact]
    public async Task Reseller_WithoutWholesaleTariff_IsNotChargedPerMinute_AndTheCallIsNotUnratable()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var admin = await app.AdminAsync();
        var retail = await admin.CreateTariffAsync(shared: true, rates: new Rate("1", 0.60m));
        var reseller = await admin.CreateResellerAsync();
        var customer = await admin.CreateCustomerAsync(reseller);
        var name = TestData.Unique("acc");
        await admin.CreateAccountWithProductAsync(customer, await admin.CreateRatedProductAsync(retail), accountId: name);
        var call = Lasting(name, "12095550100", "2026-05-10T10:00:00Z", 60);
        var result = (await admin.ImportAsync(call)).ShouldHave(HttpStatusCode.OK);
        result["unratable"].GetInt32().ShouldBe(0);
        (await admin.UsageChargesAsync(await app.CdrIdAsync(call.CallId))).ShouldHaveSingleItem().Str("payer").ShouldBe("customer");
    }

    [Fact]
    public async Task Import_AKnownCallId_IsReportedAsADuplicate_AndNotChargedAgain()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var (admin, customer, _, name, _) = await DirectAsync(app, "UTC", new Rate("1", 0.60m));
        var first = Lasting(name, "12095550100", "2026-05-10T10:00:00Z", 60);
        var second = Lasting(name, "12095550101", "2026-05-10T11:00:00Z", 120);
        (await admin.ImportAsync(first, second)).ShouldHave(HttpStatusCode.OK)["chargesWritten"].GetInt32().ShouldBe(2);

        // The same file again, with a new call and a call listed twice: only the new call is stored and charged.
        var third = Lasting(name, "12095550102", "2026-05-10T12:00:00Z", 60);
        var again = (await admin.ImportAsync(first, third, second, third)).ShouldHave(HttpStatusCode.OK);
        again["rows"].GetInt32().ShouldBe(4);
        again["imported"].GetInt32().ShouldBe(1);
        again["duplicates"].GetInt32().ShouldBe(3);
        again["chargesWritten"].GetInt32().ShouldBe(1);
        var duplicates = again["duplicateRows"].EnumerateArray().Select(d => (d.GetProperty("row").GetInt32(), d.Str("callId"))).ToList();
        duplicates.ShouldBe([(1, first.CallId), (3, second.CallId), (4, third.CallId)], ignoreOrder: true);

        (await admin.UsageChargesAsync(await app.CdrIdAsync(first.CallId))).Count.ShouldBe(1);
        (await admin.GetAsync($"/api/v1/customers/{customer}/balance")).ShouldHave(HttpStatusCode.OK)["balance"].GetDecimal()
            .ShouldBe(-2.40m, "0.60 + 1.20 + 0.60, each call once");
    }

    [Fact]
    public async Task Import_InManySmallBatches_ReportsEveryRowOnceInRowOrder_AndChargesEachCallOnce()
    {
        // Batches of two: on PostgreSQL two batches are in flight at once, and a call repeated three batches later is
        // caught by the database, not by the batch.
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"),
            settings: new Dictionary<string, string?> { ["Tollgate:Rating:BatchSize"] = "2" });
        var (admin, customer, _, name, _) = await DirectAsync(app, "UTC", new Rate("1", 0.60m));
        var calls = Enumerable.Range(0, 9).Select(i => Lasting(name, "12095550100", $"2026-05-10T10:{i:00}:00Z", 60)).ToList();
        calls.Insert(7, calls[1]);
        calls.Insert(4, Lasting($"nobody-{name}", "12095550100", "2026-05-10T11:00:00Z", 60));
        var result = (await admin.ImportAsync([.. calls])).ShouldHave(HttpStatusCode.OK);
        (result["rows"].GetInt32(), result["imported"].GetInt32(), result["duplicates"].GetInt32(), result["failed"].GetInt32())
            .ShouldBe((11, 9, 1, 1));
        result["chargesWritten"].GetInt32().ShouldBe(9);
        result["duplicateRows"].EnumerateArray().ShouldHaveSingleItem().GetProperty("row").GetInt32().ShouldBe(9);
        result["errors"].EnumerateArray().ShouldHaveSingleItem().GetProperty("row").GetInt32().ShouldBe(5);
        (await admin.GetAsync($"/api/v1/customers/{customer}/balance")).ShouldHave(HttpStatusCode.OK)["balance"].GetDecimal().ShouldBe(-5.40m);
    }

    [Fact]
    public async Task Import_BadRowsAreReportedByRowAndColumn_TheGoodOnesStored_AndCsvWorksLikeJson()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-20T12:00:00Z"));
        var (admin, _, _, name, _) = await DirectAsync(app, "UTC", new Rate("1", 0.60m));
        var csv = string.Join("\n",
            "callId;accountId;callee;connectTime;disconnectTime",
            $"ok-{name};{name};12095550100;2026-05-10T10:00:00Z;2026-05-10T10:01:00Z",
            $"bad-1;nobody-{name};12095550100;2026-05-10T10:00:00Z;2026-05-10T10:01:00Z",
            $"bad-2;{name};12-09;2026-05-10 10:00;2026-05-10T09:00:00Z",
            $"bad-3;{name};12095550100;2026-05-10T10:00:00Z;2026-06-10T10:00:00Z",
            $";{name};12095550100;2026-05-10T10:00:00Z;2026-05-10T10:00:30+02:00",
            $"ok-2-{name};{name};12095550100;2026-05-10T12:00:00+0200;2026-05-10T10:01:00.5Z",
            $"ok-3-{name};{name};12095550100;2026-05-10T12:00:00+02;2026-05-10T12:01:00+02");
        var result = (await admin.ImportCsvAsync(csv)).ShouldHave(HttpStatusCode.OK);
        result["imported"].GetInt32().ShouldBe(3, "offsets written without a colon, or as hours only, are offsets too");
        result["failed"].GetInt32().ShouldBe(4);
        var errors = result["errors"].EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.Str("column"))).ToList();
        errors.ShouldContain((3, "accountId"));
        errors.ShouldContain((4, "callee"));
        errors.ShouldContain((4, "connectTime"));
        errors.ShouldContain((5, "disconnectTime"), "the call would end in the future");
        errors.ShouldContain((6, "callId"));
        errors.ShouldContain((6, "disconnectTime"), "08:00:30Z is before the connect time");
        result["errors"].EnumerateArray().ShouldAllBe(e => e.Str("reason").Length > 0);

        (await admin.ImportCsvAsync("callId,account,callee\n1,2,3\n")).ShouldBeProblem(HttpStatusCode.BadRequest,
            Tollgate.Api.Features.Rating.RatingProblems.CdrFileInvalid);
        (await admin.SendRawAsync(HttpMethod.Post, "/api/v1/cdrs/import", "[{\"callId\": ", "application/json"))
            .ShouldBeProblem(HttpStatusCode.BadRequest, Tollgate.Api.Features.Rating.RatingProblems.CdrFileInvalid);
        await using var db = app.Database();
        db.Set<Tollgate.Data.Calls.Cdr>().Count().ShouldBe(3, "refused files store nothing");
        db.Set<Tollgate.Data.Calls.Cdr>().Single(c => c.CallId == $"ok-2-{name}").BilledSeconds.ShouldBe(61, "a started second counts");
    }
}

public sealed class RatingTestsOnSqlite() : RatingTests(DbKind.Sqlite);

public sealed class RatingTestsOnPostgres() : RatingTests(DbKind.Postgres);
