using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Billing.Balances;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Time;

namespace Tollgate.Billing.Runs;

/// <summary>Runs billing: closes every payer's periods that have ended, writes the charges that are missing, issues invoices.</summary>
/// <remarks>
/// <para>
/// A run goes through the payers (customers and resellers) whose day has turned since they were last charged, a batch
/// at a time. Each batch is one transaction: it claims its payers' <see cref="BillingCycle"/> rows (on PostgreSQL
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent runs take different payers), lets <see cref="ChargePlanner"/> work out
/// the charges that should exist, inserts the missing ones, issues an invoice for every closed period that has lines,
/// and advances the cycle rows. A run that is killed loses at most the batch in flight, which a later run redoes; the
/// unique natural keys of charges and invoices make a second write of the same thing impossible even if two runs met.
/// </para>
/// <para>
/// The target date of a payer is the run's <c>through</c> date, but never later than today in the payer's own time
/// zone: a period is closed only once it has ended where the payer is.
/// </para>
/// </remarks>
public sealed partial class BillingEngine(
    TollgateDbFactory databases, TimeProvider clock, IOptions<BillingOptions> options, IBillingRunProbe probe, ILogger<BillingEngine> log)
{
    /// <summary>The time zone whose date is furthest ahead (UTC+14): no billing period has ended anywhere after its today.</summary>
    public const string FurthestAheadZone = "Pacific/Kiritimati";

    private static readonly DateTime Never = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Runs billing up to <paramref name="through"/> (null: today in each payer's time zone).</summary>
    public async Task<Outcome<BillingRunSummary>> RunAsync(DateOnly? through, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        var latest = TimeZones.DateAt(started, FurthestAheadZone);
        if (through is { } t && t > latest)
            return BillingError.Unprocessable($"Billing cannot run through {t:yyyy-MM-dd}: no billing period can have ended anywhere after {latest:yyyy-MM-dd}.", "through");

        await EnsureCyclesAsync(started, ct);
        var totals = new RunTotals();
        var runId = Guid.NewGuid();
        var batches = 0;
        var workers = databases.Settings.Provider == DatabaseProvider.PostgreSql ? Math.Max(1, options.Value.Workers) : 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            // Each worker walks the cycles in id order; rows another worker holds are skipped, not waited for.
            long after = 0;
            while (true)
            {
                var number = Interlocked.Increment(ref batches);
                var last = await RunBatchAsync(new BatchContext(runId, number, started, through ?? DateOnly.MaxValue, after), totals, ct);
                if (last is null) break;
                after = last.Value;
            }
        }));
        var summary = new BillingRunSummary(through, started.UtcDateTime, clock.GetUtcNow().UtcDateTime, totals.Payers, totals.PeriodsClosed,
            totals.ChargesWritten, totals.ChargesUpdated, totals.Invoices);
        LogRun(log, through?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "today", summary.Describe());
        return summary;
    }

    private sealed record BatchContext(Guid RunId, int Number, DateTimeOffset Now, DateOnly Through, long AfterId);

    private sealed class RunTotals
    {
        private readonly Lock _gate = new();
        public int Payers, PeriodsClosed, ChargesWritten, ChargesUpdated, Invoices;

        public void Add(int payers, int periodsClosed, int chargesWritten, int chargesUpdated, int invoices)
        {
            lock (_gate)
            {
                Payers += payers;
                PeriodsClosed += periodsClosed;
                ChargesWritten += chargesWritten;
                ChargesUpdated += chargesUpdated;
                Invoices += invoices;
            }
        }
    }

    /// <summary>The subscription terms of one assigned subscription, with what its charge lines must say about it.</summary>
    private sealed record SubscriptionRow(
        long Id, PayerKind PayerKind, long PayerId, long? AccountId, long? CustomerId, long? ResellerId, long SubscriptionId, decimal Fee,
        ChargeMode ChargeMode, int PrepaidMonths, AdjustmentType? AdjustmentType, decimal? AdjustmentValue, DateOnly? ActivationDate, DateOnly? FinishDate)
    {
        public SubscriptionTerms Terms => new(Id,
            FeeAdjustment.Effective(Fee, AdjustmentType is { } type && AdjustmentValue is { } value ? new FeeAdjustment(type, value) : null),
            ChargeMode, PrepaidMonths, ActivationDate, FinishDate);
    }

    /// <returns>The id of the last cycle row taken, or null when no payer was due.</returns>
    private async Task<long?> RunBatchAsync(BatchContext context, RunTotals totals, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        var store = ChargeStore.For(db);
        await using var tx = await db.BeginWriteAsync(ct);
        var cycles = await store.ClaimAsync(db, context.Now.UtcDateTime, context.Through, context.AfterId, Math.Max(1, options.Value.BatchSize), ct);
        if (cycles.Count == 0) return null;
        var minStart = cycles.Min(c => c.PeriodStart);
        cycles = await KeepWithinSubscriptionCapAsync(db, cycles, minStart, ct);
        var batch = new BillingBatch(context.RunId, context.Number, cycles.Select(c => (c.PayerKind, c.PayerId)).ToList());
        await probe.ClaimedAsync(batch, ct);
        var payers = new Dictionary<(PayerKind, long), Payer>();
        var subscriptions = new List<SubscriptionRow>();
        var stored = new List<(long PayerId, PayerKind Kind, StoredCharge Charge)>();
        foreach (var kind in new[] { PayerKind.Customer, PayerKind.Reseller })
        {
            var ids = cycles.Where(c => c.PayerKind == kind).Select(c => c.PayerId).ToList();
            if (ids.Count == 0) continue;
            foreach (var payer in await Payers.ListAsync(db, kind, ids, ct)) payers[(kind, payer.Id)] = payer;
            subscriptions.AddRange(await LoadSubscriptionsAsync(db, kind, ids, minStart, ct));
            stored.AddRange((await LoadChargesAsync(db, kind, ids, minStart, ct)).Select(c => (c.PayerId, kind, c.Charge)));
        }
        var subscriptionsByPayer = subscriptions.ToLookup(s => (s.PayerKind, s.PayerId));
        var subscriptionsById = subscriptions.ToDictionary(s => s.Id);
        var storedByPayer = stored.ToLookup(s => (s.Kind, s.PayerId), s => s.Charge);

        var inserts = new List<Xdr>();
        var updates = new List<StoredCharge>();
        var storedAmounts = stored.ToDictionary(s => s.Charge.Id, s => s.Charge.Charge.Amount);
        var rewrites = new List<BalanceMove>();
        var closing = new List<(Payer Payer, DateRange Period)>();
        foreach (var cycle in cycles)
        {
            cycle.UpdatedAt = context.Now.UtcDateTime;
            if (!payers.TryGetValue((cycle.PayerKind, cycle.PayerId), out var payer))
            {
                cycle.DueAt = Never;
                continue;
            }
            var today = payer.DateAt(context.Now);
            var target = context.Through < today ? context.Through : today;
            var closedOn = payer.ClosedAt is { } closedAt ? payer.DateAt(new DateTimeOffset(closedAt, TimeSpan.Zero)) : (DateOnly?)null;
            var terms = new PayerTerms(payer.Calendar, Currency.Of(payer.Currency), closedOn);
            var plan = ChargePlanner.Plan(terms, new DateRange(cycle.PeriodStart, cycle.PeriodEnd), target,
                subscriptionsByPayer[(cycle.PayerKind, cycle.PayerId)].Select(s => s.Terms).ToList(),
                storedByPayer[(cycle.PayerKind, cycle.PayerId)].ToDictionary(c => c.Charge.Key));
            inserts.AddRange(plan.Inserts.Select(c => ToXdr(c, payer, subscriptionsById[c.Key.SourceId], context.Now.UtcDateTime)));
            updates.AddRange(plan.Updates);
            rewrites.AddRange(plan.Updates.Select(u => new BalanceMove(cycle.PayerKind, cycle.PayerId, storedAmounts[u.Id] - u.Charge.Amount)));
            closing.AddRange(plan.Closing.Select(p => (payer, p)));

            cycle.PeriodStart = plan.Open.Start;
            cycle.PeriodEnd = plan.Open.End;
            cycle.ChargedThrough = target;
            // Nothing can change for a payer closed before its open period: it is not visited again.
            cycle.DueAt = closedOn is { } closed && closed < plan.Open.Start
                ? Never
                : TimeZones.StartOf(target.AddDays(1), payer.TimeZone).UtcDateTime;
        }
        var inserted = await store.InsertAsync(db, inserts, ct);
        var written = inserted.Count;
        await store.UpdateAsync(db, updates, context.Now.UtcDateTime, ct);
        await BalanceLedger.MoveAsync(db, inserted.Select(x => new BalanceMove(x.PayerKind, x.PayerId, -x.Amount)).Concat(rewrites),
            context.Now.UtcDateTime, ct);
        await probe.ChargesWrittenAsync(batch, ct);
        var invoices = await IssueInvoicesAsync(db, store, closing, context.Now.UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        totals.Add(cycles.Count, closing.Count, written, updates.Count, invoices);
        await probe.CommittedAsync(batch, ct);
        return cycles[^1].Id;
    }

    /// <summary>The first claimed payers (in id order) whose subscriptions stay within the batch cap; always at least one.</summary>
    /// <remarks>The payers left out stay untouched and due; the worker's next claim starts after the last one kept and takes them.</remarks>
    private async Task<List<BillingCycle>> KeepWithinSubscriptionCapAsync(TollgateDb db, List<BillingCycle> cycles, DateOnly from, CancellationToken ct)
    {
        if (cycles.Count == 1) return cycles;
        var counts = new Dictionary<(PayerKind, long), int>();
        foreach (var kind in new[] { PayerKind.Customer, PayerKind.Reseller })
        {
            var ids = cycles.Where(c => c.PayerKind == kind).Select(c => c.PayerId).ToList();
            if (ids.Count == 0) continue;
            foreach (var row in await Chargeable(db, kind, ids, from).GroupBy(s => s.PayerId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                counts[(kind, row.Key)] = row.Count;
        }
        var kept = new List<BillingCycle>();
        var total = 0;
        foreach (var cycle in cycles)
        {
            total += counts.GetValueOrDefault((cycle.PayerKind, cycle.PayerId));
            if (kept.Count > 0 && total > options.Value.MaxSubscriptionsPerBatch) break;
            kept.Add(cycle);
        }
        return kept;
    }

    /// <summary>The subscriptions of these payers that may still be charged from <paramref name="from"/> on.</summary>
    /// <remarks>One that finished on the open period's first day may still owe a credit for that period, hence "on or after".</remarks>
    private static IQueryable<AssignedSubscription> Chargeable(TollgateDb db, PayerKind kind, List<long> ids, DateOnly from) =>
        db.Set<AssignedSubscription>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.PayerKind == kind && ids.Contains(s.PayerId) && s.ActivationDate != null && (s.FinishDate == null || s.FinishDate >= from));

    private static Task<List<SubscriptionRow>> LoadSubscriptionsAsync(TollgateDb db, PayerKind kind, List<long> ids, DateOnly from, CancellationToken ct) =>
        Chargeable(db, kind, ids, from)
            .Select(s => new SubscriptionRow(s.Id, s.PayerKind, s.PayerId, s.AccountId, s.CustomerId, s.ResellerId, s.SubscriptionId, s.Subscription.Fee,
                s.Subscription.ChargeMode, s.Subscription.PrepaidMonths, s.AdjustmentType, s.AdjustmentValue, s.ActivationDate, s.FinishDate))
            .ToListAsync(ct);

    private static async Task<List<(long PayerId, StoredCharge Charge)>> LoadChargesAsync(TollgateDb db, PayerKind kind, List<long> ids, DateOnly from,
        CancellationToken ct)
    {
        var rows = await db.Set<Xdr>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.PayerKind == kind && ids.Contains(x.PayerId) && x.PeriodStart >= from
                        && (x.Kind == XdrKind.Subscription || x.Kind == XdrKind.SubscriptionCredit))
            .Select(x => new { x.Id, x.PayerId, x.Kind, x.SourceId, x.KeyDate, x.PeriodStart, x.ServiceFrom, x.ServiceTo, x.Fee, x.Amount })
            .ToListAsync(ct);
        return rows.Select(x => (x.PayerId, new StoredCharge(x.Id,
            new Charge(new ChargeKey(x.SourceId, x.Kind, x.KeyDate), x.PeriodStart, new DateRange(x.ServiceFrom, x.ServiceTo), x.Fee, x.Amount)))).ToList();
    }

    private static Xdr ToXdr(Charge charge, Payer payer, SubscriptionRow subscription, DateTime now) => new()
    {
        Kind = charge.Key.Kind,
        PayerKind = payer.Kind,
        PayerId = payer.Id,
        SourceId = charge.Key.SourceId,
        KeyDate = charge.Key.KeyDate,
        PeriodStart = charge.PeriodStart,
        AccountId = subscription.AccountId,
        CustomerId = subscription.CustomerId,
        ResellerId = subscription.ResellerId,
        SubscriptionId = subscription.SubscriptionId,
        ServiceFrom = charge.Service.Start,
        ServiceTo = charge.Service.End,
        Fee = charge.Fee,
        Amount = charge.Amount,
        Currency = payer.Currency,
        CreatedAt = now,
    };

    /// <summary>Issues one invoice per closed period that has lines, numbered per issuer without gaps; returns how many.</summary>
    private async Task<int> IssueInvoicesAsync(TollgateDb db, ChargeStore store, List<(Payer Payer, DateRange Period)> closing, DateTime now,
        CancellationToken ct)
    {
        if (closing.Count == 0) return 0;
        var invoices = new List<Invoice>();
        foreach (var group in closing.GroupBy(c => c.Payer.Kind))
        {
            var ids = group.Select(c => c.Payer.Id).Distinct().ToList();
            var lines = await store.TotalsAsync(db, group.Key, ids, group.Min(c => c.Period.Start), group.Max(c => c.Period.End), ct);
            foreach (var (payer, period) in group)
            {
                if (!lines.TryGetValue((payer.Id, period.Start), out var sum) || sum.Lines == 0) continue;
                invoices.Add(new Invoice
                {
                    IssuerKey = payer.Kind == PayerKind.Customer && payer.ResellerId is { } r ? r : Invoice.ProviderIssuer,
                    IssuerName = "",
                    PayerKind = payer.Kind,
                    PayerId = payer.Id,
                    PayerName = payer.Name,
                    CustomerId = payer.Kind == PayerKind.Customer ? payer.Id : null,
                    ResellerId = payer.Kind == PayerKind.Customer ? payer.ResellerId : payer.Id,
                    PeriodStart = period.Start,
                    PeriodEnd = period.End,
                    Currency = payer.Currency,
                    Total = sum.Total,
                    LineCount = sum.Lines,
                    IssuedAt = now,
                });
            }
        }
        var resellerIssuers = invoices.Select(i => i.IssuerKey).Where(k => k != Invoice.ProviderIssuer).Distinct().ToList();
        var names = await db.Resellers.IgnoreQueryFilters().Where(r => resellerIssuers.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        // Counters are locked in one order (by issuer) so concurrent batches cannot deadlock on them.
        foreach (var issuer in invoices.GroupBy(i => i.IssuerKey).OrderBy(g => g.Key))
        {
            var ordered = issuer.OrderBy(i => i.PayerKind).ThenBy(i => i.PayerId).ThenBy(i => i.PeriodStart).ToList();
            var last = await store.ReserveInvoiceNumbersAsync(db, issuer.Key, ordered.Count, ct);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Number = last - ordered.Count + 1 + i;
                ordered[i].IssuerName = issuer.Key == Invoice.ProviderIssuer ? options.Value.ProviderName : names[issuer.Key];
            }
        }
        db.Set<Invoice>().AddRange(invoices);
        return invoices.Count;
    }

    /// <summary>Gives every payer without one a billing cycle, opened on the period that contains the day it was created.</summary>
    private async Task EnsureCyclesAsync(DateTimeOffset now, CancellationToken ct)
    {
        foreach (var kind in new[] { PayerKind.Customer, PayerKind.Reseller })
        {
            while (true)
            {
                await using var db = databases.CreateSystem();
                var cycles = db.Set<BillingCycle>();
                var missing = kind == PayerKind.Customer
                    ? await db.Customers.IgnoreQueryFilters().Where(c => !cycles.Any(b => b.PayerKind == PayerKind.Customer && b.PayerId == c.Id))
                        .OrderBy(c => c.Id).Select(c => c.Id).Take(5000).ToListAsync(ct)
                    : await db.Resellers.IgnoreQueryFilters().Where(r => !cycles.Any(b => b.PayerKind == PayerKind.Reseller && b.PayerId == r.Id))
                        .OrderBy(r => r.Id).Select(r => r.Id).Take(5000).ToListAsync(ct);
                if (missing.Count == 0) break;
                foreach (var payer in await Payers.ListAsync(db, kind, missing, ct)) cycles.Add(BillingCycles.First(payer, now.UtcDateTime));
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                {
                    // A concurrent run opened some of these cycles first; look again for the ones still missing.
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing run through {Through}: {Summary}")]
    private static partial void LogRun(ILogger logger, string through, string summary);
}
