using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Billing.Runs;
using Tollgate.Data.Billing;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Tests.Billing;

/// <summary>A run killed halfway, and two runs at once, never charge twice and never miss a charge.</summary>
public abstract class RunSafetyTests(DbKind kind)
{
    private sealed class SimulatedCrash : Exception;

    /// <summary>Stops a run the way a crash would: inside a batch's transaction, or just after a batch committed.</summary>
    private sealed class CrashProbe : IBillingRunProbe
    {
        public int? CrashInBatch { get; set; }
        public bool AfterCommit { get; set; }

        public ValueTask ChargesWrittenAsync(BillingBatch batch, CancellationToken ct) =>
            !AfterCommit && batch.Number == CrashInBatch ? throw new SimulatedCrash() : ValueTask.CompletedTask;

        public ValueTask CommittedAsync(BillingBatch batch, CancellationToken ct) =>
            AfterCommit && batch.Number == CrashInBatch ? throw new SimulatedCrash() : ValueTask.CompletedTask;
    }

    /// <summary>Records which run took which payers; optionally holds the first two claims until both are made.</summary>
    private sealed class MeetingProbe(bool meet) : IBillingRunProbe
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public ConcurrentBag<(Guid Run, PayerKind Kind, long Id)> Claims { get; } = [];

        public async ValueTask ClaimedAsync(BillingBatch batch, CancellationToken ct)
        {
            foreach (var (k, id) in batch.Payers) Claims.Add((batch.RunId, k, id));
            if (!meet) return;
            var arrived = Interlocked.Increment(ref _arrived);
            if (arrived > 2) return;
            if (arrived == 2) _both.TrySetResult();
            await _both.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
    }

    private static Action<IServiceCollection> With(IBillingRunProbe probe) => s =>
    {
        s.RemoveAll<IBillingRunProbe>();
        s.AddSingleton(probe);
    };

    /// <summary>Direct customers of the provider, each with two plans from 1 May.</summary>
    private static async Task<long[]> CustomersAsync(TollgateTestApp app, int count)
    {
        var admin = await app.AdminAsync();
        var cheap = await admin.CreatePlanAsync("account", 10m);
        var progressive = await admin.CreatePlanAsync("account", 31m, chargeMode: "progressive");
        var customers = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var customer = await admin.CreateCustomerAsync();
            var account = await admin.CreateAccountAsync(customer);
            foreach (var plan in new[] { cheap, progressive })
                (await admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = plan })).ShouldHave(HttpStatusCode.Created);
            customers.Add(customer);
        }
        return [.. customers];
    }

    /// <summary>Every customer billed exactly once for May (10 + 31) and charged once for June in advance; numbers 1..n without gaps.</summary>
    private static async Task ShouldBeBilledExactlyOnceAsync(TollgateTestApp app, long[] customers)
    {
        await using var db = app.Database();
        var invoices = await db.Set<Invoice>().Where(i => customers.Contains(i.PayerId) && i.PayerKind == PayerKind.Customer).ToListAsync();
        invoices.Count.ShouldBe(customers.Length);
        invoices.ShouldAllBe(i => i.Total == 41m && i.LineCount == 2 && i.PeriodStart == new DateOnly(2026, 5, 1));
        invoices.Select(i => i.Number).Order().ShouldBe(Enumerable.Range(1, customers.Length).Select(n => (long)n), "numbers are sequential, without gaps");
        var xdrs = await db.Set<Xdr>().Where(x => customers.Contains(x.PayerId)).ToListAsync();
        xdrs.Count.ShouldBe(customers.Length * 3);
        xdrs.GroupBy(x => (x.PayerId, x.SourceId, x.Kind, x.KeyDate)).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public async Task RunKilledInsideACustomersTransaction_LeavesThatCustomerUntouched_AndTheNextRunFinishes()
    {
        var probe = new CrashProbe { CrashInBatch = 2 };
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"), batchSize: 1, workers: 1, services: With(probe));
        var customers = await CustomersAsync(app, 3);
        app.Clock.SetUtcNow(BillingTestKit.Utc("2026-06-01T12:00:00Z"));
        var engine = app.Service<BillingEngine>();

        await Should.ThrowAsync<SimulatedCrash>(() => engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None));
        await using (var db = app.Database())
        {
            (await db.Set<Invoice>().Select(i => i.PayerId).ToListAsync()).ShouldBe([customers[0]], "only the batch that committed is there");
            (await db.Set<Xdr>().AnyAsync(x => x.PayerId == customers[1])).ShouldBeFalse("the charges written before the crash were rolled back");
        }

        probe.CrashInBatch = null;
        var again = await engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None);
        again.Value!.Payers.ShouldBe(2, "the payer finished before the crash is not due again");
        await ShouldBeBilledExactlyOnceAsync(app, customers);
    }

    [Fact]
    public async Task RunKilledBetweenTwoCustomers_IsFinishedByTheNextRun_WithoutChargingTheFirstAgain()
    {
        var probe = new CrashProbe { CrashInBatch = 1, AfterCommit = true };
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"), batchSize: 1, workers: 1, services: With(probe));
        var customers = await CustomersAsync(app, 3);
        app.Clock.SetUtcNow(BillingTestKit.Utc("2026-06-01T12:00:00Z"));
        var engine = app.Service<BillingEngine>();
        await Should.ThrowAsync<SimulatedCrash>(() => engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None));
        probe.CrashInBatch = null;
        await engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None);
        await engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None);
        await ShouldBeBilledExactlyOnceAsync(app, customers);
    }

    [Fact]
    public async Task TwoRunsAtOnce_SplitThePayers_AndChargeEachOnce()
    {
        // On PostgreSQL both runs hold claims at the same moment (SKIP LOCKED gives each other payers). SQLite has one
        // writer: the second run waits for the first one's batch, then finds those payers done.
        var probe = new MeetingProbe(meet: kind == DbKind.Postgres);
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"), batchSize: 1, workers: 1, services: With(probe));
        var customers = await CustomersAsync(app, 6);
        app.Clock.SetUtcNow(BillingTestKit.Utc("2026-06-01T12:00:00Z"));
        var engine = app.Service<BillingEngine>();

        var runs = await Task.WhenAll(
            Task.Run(() => engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None)),
            Task.Run(() => engine.RunAsync(new DateOnly(2026, 6, 1), CancellationToken.None)));

        runs.Sum(r => r.Value!.Payers).ShouldBe(6, "each payer was billed by exactly one of the runs");
        runs.Sum(r => r.Value!.Invoices).ShouldBe(6);
        var claims = probe.Claims.Where(c => c.Kind == PayerKind.Customer).ToList();
        claims.GroupBy(c => c.Id).ShouldAllBe(g => g.Count() == 1, "no payer was taken by both runs");
        if (kind == DbKind.Postgres) claims.Select(c => c.Run).Distinct().Count().ShouldBe(2, "both runs did part of the work");
        await ShouldBeBilledExactlyOnceAsync(app, customers);
    }

    [Fact]
    public async Task ChargeStore_GivenAChargeThatExists_SkipsItAndWritesTheRest()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var customers = await CustomersAsync(app, 1);
        await (await app.AdminAsync()).RunBillingAsync(null);
        await using var db = app.Database();
        var existing = await db.Set<Xdr>().AsNoTracking().FirstAsync(x => x.PayerId == customers[0]);
        var fresh = new Xdr
        {
            Kind = existing.Kind, PayerKind = existing.PayerKind, PayerId = existing.PayerId, SourceId = existing.SourceId,
            KeyDate = existing.KeyDate.AddMonths(1), PeriodStart = existing.PeriodStart.AddMonths(1), AccountId = existing.AccountId,
            CustomerId = existing.CustomerId, SubscriptionId = existing.SubscriptionId, ServiceFrom = existing.ServiceFrom.AddMonths(1),
            ServiceTo = existing.ServiceTo.AddMonths(1), Fee = existing.Fee, Amount = existing.Amount, Currency = existing.Currency,
            CreatedAt = existing.CreatedAt,
        };
        var again = new Xdr
        {
            Kind = existing.Kind, PayerKind = existing.PayerKind, PayerId = existing.PayerId, SourceId = existing.SourceId, KeyDate = existing.KeyDate,
            PeriodStart = existing.PeriodStart, ServiceFrom = existing.ServiceFrom, ServiceTo = existing.ServiceTo, Fee = 999m, Amount = 999m,
            Currency = existing.Currency, CreatedAt = existing.CreatedAt,
        };
        await using (var tx = await db.BeginWriteAsync())
        {
            (await ChargeStore.For(db).InsertAsync(db, [fresh, again], CancellationToken.None)).ShouldBe([fresh], "the existing charge is skipped, the new one written");
            await tx.CommitAsync();
        }
        var stored = await db.Set<Xdr>().AsNoTracking().Where(x => x.PayerId == customers[0] && x.SourceId == existing.SourceId).ToListAsync();
        stored.Count.ShouldBe(2);
        stored.ShouldAllBe(x => x.Amount == existing.Amount, "the charge that existed kept its amount");
    }

    [Fact]
    public async Task UniqueKeys_RefuseASecondChargeForTheSamePeriod_EvenWrittenBehindBillingsBack()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var customers = await CustomersAsync(app, 1);
        var admin = await app.AdminAsync();
        await admin.RunBillingAsync(null);
        await using var db = app.Database();
        var charge = await db.Set<Xdr>().AsNoTracking().FirstAsync(x => x.PayerId == customers[0]);
        charge.Id = 0;
        db.Set<Xdr>().Add(charge);
        var refused = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Data.DbErrors.IsUniqueViolation(refused).ShouldBeTrue();
        db.ChangeTracker.Clear();
        var invoice = new Invoice
        {
            IssuerKey = Invoice.ProviderIssuer, Number = 99, IssuerName = "x", PayerName = "x", PayerKind = PayerKind.Customer, PayerId = customers[0],
            PeriodStart = new DateOnly(2026, 4, 1), PeriodEnd = new DateOnly(2026, 5, 1), Currency = "USD",
        };
        db.Set<Invoice>().AddRange(invoice, new Invoice
        {
            IssuerKey = Invoice.ProviderIssuer, Number = 99, IssuerName = "x", PayerName = "x", PayerKind = PayerKind.Customer, PayerId = customers[0],
            PeriodStart = new DateOnly(2026, 3, 1), PeriodEnd = new DateOnly(2026, 4, 1), Currency = "USD",
        });
        Data.DbErrors.IsUniqueViolation(await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync())).ShouldBeTrue("invoice numbers are unique per issuer");
    }
}

public sealed class RunSafetyTestsOnSqlite() : RunSafetyTests(DbKind.Sqlite);

public sealed class RunSafetyTestsOnPostgres() : RunSafetyTests(DbKind.Postgres);
