using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Tests.Billing;
using Tollgate.Billing.Parties;
using Tollgate.Billing.Rating;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Tests.Rating;

/// <summary>
/// A payer's first billing cycle, opened by rating, is committed by itself on PostgreSQL: another batch charging the
/// same payer does not wait for the batch that opened it (two import workers did, at the start of every import).
/// </summary>
public sealed class FirstCycleTestsOnPostgres
{
    [Fact]
    public async Task AnotherTransaction_OpensTheSamePeriod_WhileTheFirstIsStillOpen_AndTheCycleOutlivesARollback()
    {
        var now = BillingTestKit.Utc("2026-05-20T12:00:00Z");
        await using var app = await BillingTestKit.StartAsync(DbKind.Postgres, now);
        var customer = await (await app.AdminAsync()).CreateCustomerAsync();
        var databases = app.Service<TollgateDbFactory>();

        await using var first = databases.CreateSystem();
        var payer = (await Payers.ListAsync(first, PayerKind.Customer, [customer], CancellationToken.None)).Single();
        await using var batch = await first.BeginWriteAsync();
        var opened = await RatingStore.OpenPeriodsAsync(first, databases, [payer], now.UtcDateTime, CancellationToken.None);

        await using var second = databases.CreateSystem();
        await using (var other = await second.BeginWriteAsync())
        {
            // A guard, not a wait: without its own transaction the first cycle's insert holds this one until the first ends.
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var seen = await RatingStore.OpenPeriodsAsync(second, databases, [payer], now.UtcDateTime, guard.Token);
            seen[(PayerKind.Customer, customer)].ShouldBe(opened[(PayerKind.Customer, customer)]);
            await other.CommitAsync();
        }

        await batch.RollbackAsync();
        await using var check = databases.CreateSystem();
        (await check.Set<BillingCycle>().CountAsync(c => c.PayerKind == PayerKind.Customer && c.PayerId == customer))
            .ShouldBe(1, "the payer's next charge would open the same cycle");
    }
}
