using Tollgate.Api.Tests.Billing;
using Tollgate.Hosting;
using static Tollgate.Api.Tests.Rating.RatingTestKit;

namespace Tollgate.Api.Tests.Rating;

/// <summary><c>tollgate up --demo</c> prices calls: John Doe's line pays the Voice tariff, ABC Shuttle its wholesale one, within credit limits.</summary>
public abstract class RatingDemoTests(DbKind kind)
{
    [Fact]
    public async Task Demo_RatesACallOfJohnDoesLine_AtRetailAndWholesale()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var demo = await Bootstrap.SeedDemoAsync(app.App, CancellationToken.None);
        demo.ShouldNotBeNull();
        demo.Notes.ShouldContain(n => n.Contains("Panda Voice", StringComparison.Ordinal));
        var admin = await app.AdminAsync();
        var call = Lasting("12095550101", "16045550100", "2026-05-01T10:00:00Z", 90);
        (await admin.ImportAsync(call)).ShouldHave(HttpStatusCode.OK)["chargesWritten"].GetInt32().ShouldBe(2);
        var charges = await admin.UsageChargesAsync(await app.CdrIdAsync(call.CallId));
        charges.Amount("customer").ShouldBe(0.03m, "90 s at 0.02/min in 60/6 intervals");
        charges.Amount("reseller").ShouldBe(0.02m, "90 s at the wholesale 0.01/min, per second: 0.015, rounded half away from zero");
        var balance = (await admin.GetAsync($"/api/v1/customers/{demo.Customers["John Doe"]}/balance")).ShouldHave(HttpStatusCode.OK);
        (balance["balance"].GetDecimal(), balance["creditLimit"].GetDecimal(), balance["available"].GetDecimal()).ShouldBe((-0.03m, 50m, 49.97m));
    }
}

public sealed class RatingDemoTestsOnSqlite() : RatingDemoTests(DbKind.Sqlite);

public sealed class RatingDemoTestsOnPostgres() : RatingDemoTests(DbKind.Postgres);
