using Tollgate.Hosting;

namespace Tollgate.Api.Tests.Billing;

/// <summary><c>tollgate up --demo</c> includes the ABC Shuttle example, ready to bill.</summary>
public abstract class BillingDemoTests(DbKind kind)
{
    [Fact]
    public async Task Demo_HasTheAbcShuttleExample_AndBillsIt()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var demo = await Bootstrap.SeedDemoAsync(app.App, CancellationToken.None);
        demo.ShouldNotBeNull();
        demo.Notes.ShouldContain(n => n.Contains("ABC Shuttle pays the provider $10/month", StringComparison.Ordinal));
        var admin = await app.AdminAsync();
        var johnsLine = demo.Accounts["12095550101"];
        var subscriptions = await admin.ListAsync($"/api/v1/accounts/{johnsLine}/subscriptions");
        var johns = subscriptions.Single(s => s.Str("kind") == "account");
        (johns.Decimal("fee"), johns.Decimal("effectiveFee"), johns.Str("status")).ShouldBe((20m, 25m, "active"));
        subscriptions.Single(s => s.Str("kind") == "reseller").Decimal("effectiveFee").ShouldBe(10m);

        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        (await admin.InvoicesAsync("reseller", demo.Resellers["ABC Shuttle"])).ShouldHaveSingleItem().Decimal("total").ShouldBe(10m);
        (await admin.InvoicesAsync("customer", demo.Customers["John Doe"])).ShouldHaveSingleItem().Decimal("total").ShouldBe(25m);
        (await admin.InvoicesAsync("customer", demo.Customers["Mary Smith"])).ShouldHaveSingleItem().Decimal("total").ShouldBe(25m);
    }
}

public sealed class BillingDemoTestsOnSqlite() : BillingDemoTests(DbKind.Sqlite);

public sealed class BillingDemoTestsOnPostgres() : BillingDemoTests(DbKind.Postgres);
