using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tollgate.Billing.Balances;
using Tollgate.Billing.Parties;
using Tollgate.Billing.Runs;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Calls;
using Tollgate.Data.Parties;
using Tollgate.Data.Rating;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Rating;

namespace Tollgate.Billing.Rating;

/// <summary>How a set of calls was rated.</summary>
public sealed record RatingSummary(int Calls, int Rated, int Unratable, int ChargesWritten)
{
    public static RatingSummary Empty { get; } = new(0, 0, 0, 0);

    public RatingSummary Add(RatingSummary other) =>
        new(Calls + other.Calls, Rated + other.Rated, Unratable + other.Unratable, ChargesWritten + other.ChargesWritten);
}

/// <summary>Rates stored CDRs: writes their charges (xDRs) exactly once, moves balances, records first usage and rating state.</summary>
/// <remarks>
/// <para>
/// Everything happens in the caller's transaction, so a CDR is rated together with whatever stored it (an import) or
/// settled it (the switch), or not at all. Each charge has its natural key (payer, usage, CDR, call date) in the
/// ledger's unique index: rating a CDR again inserts only the charges that are missing, and only an inserted charge
/// moves its payer's balance. That is what makes re-rating after a fix safe.
/// </para>
/// <para>
/// A charge goes to its payer's open billing period, with the payer's billing cycle held <c>FOR SHARE</c> (the
/// convention of docs/billing.md), and it is charged in the payer's currency, rounded once.
/// </para>
/// </remarks>
public sealed class CdrRater(FirstUsage firstUsage, TollgateDbFactory databases, TimeProvider clock)
{
    private static readonly Expression<Func<Cdr, CallFacts>> FactsOf = c => new CallFacts(
        c.Id, c.CallId, c.AccountId, c.CallerAccountId, c.CalleeAccountId, c.OutgoingConnectionId, c.CalledNumber, c.ConnectAt ?? c.SetupAt,
        c.BilledSeconds);

    private static readonly Func<Cdr, CallFacts> FactsOfCdr = FactsOf.Compile();

    /// <summary>The facts rating reads, as a projection of stored CDRs.</summary>
    public static IQueryable<CallFacts> Facts(IQueryable<Cdr> cdrs) => cdrs.Select(FactsOf);

    /// <summary>The facts rating reads from a CDR in hand (one just stored).</summary>
    public static CallFacts Facts(Cdr cdr) => FactsOfCdr(cdr);

    /// <summary>Rates <paramref name="calls"/> in the caller's transaction; <paramref name="context"/> keeps what it read for later batches.</summary>
    /// <param name="imported">The calls were imported in this very transaction: only those that could not be rated get a rating row (see <see cref="CdrRating"/>).</param>
    public async Task<RatingSummary> RateAsync(TollgateDb db, RatingContext context, IReadOnlyList<CallFacts> calls, CancellationToken ct, bool imported = false)
    {
        if (calls.Count == 0) return RatingSummary.Empty;
        await context.LoadAsync(db, calls.Select(c => c.AccountId).OfType<long>(), calls.Select(c => c.OutgoingConnectionId).OfType<long>(), ct);
        await context.Rates.LoadAsync(db, CallPricer.Needs(context, calls), ct);
        var ratings = calls.Select(c => CallPricer.Rate(context, c)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;

        var payers = ratings.SelectMany(r => r.Charges).Where(c => c.PayerKind != PayerKind.Provider)
            .Select(c => (c.PayerKind, c.PayerId)).Distinct()
            .Select(k => k.PayerKind == PayerKind.Customer ? context.Customer(k.PayerId)! : context.Reseller(k.PayerId)!.Value.Payer)
            .ToList();
        var open = await RatingStore.OpenPeriodsAsync(db, databases, payers, now, ct);
        var calendars = payers.ToDictionary(p => (p.Kind, p.Id), p => p.Calendar);
        var xdrs = new List<Xdr>(ratings.Count * 2);
        foreach (var rating in ratings)
        {
            foreach (var charge in rating.Charges)
            {
                var periodStart = charge.PayerKind == PayerKind.Provider
                    ? new DateOnly(charge.Day.Year, charge.Day.Month, 1)
                    : UsagePeriod.StartFor(open[(charge.PayerKind, charge.PayerId)], calendars[(charge.PayerKind, charge.PayerId)], charge.Day);
                xdrs.Add(ToXdr(rating.Call, charge, periodStart, now));
            }
        }
        var inserted = await ChargeStore.For(db).InsertAsync(db, xdrs, ct);
        await RatingStore.SaveRatingsAsync(db, ratings, now, imported, ct);
        await RecordFirstUsagesAsync(db, context, ratings, ct);
        // Last: a balance row stays locked until the transaction ends and every batch of an import moves the same
        // payers' balances, so the next batch waits as short a time as can be. First usage locks customers and
        // accounts before it, as creating an account locks its customer first.
        await BalanceLedger.MoveAsync(db, inserted.Select(x => new BalanceMove(x.PayerKind, x.PayerId, -x.Amount)), now, ct);
        var unratable = ratings.Count(r => r.Status == CdrRatingStatus.Unratable);
        return new RatingSummary(ratings.Count, ratings.Count - unratable, unratable, inserted.Count);
    }

    /// <summary>
    /// Rates again the CDRs of <paramref name="cdrs"/> (the caller's scope) that are unratable or were never rated, in
    /// batches of <paramref name="batchSize"/>, each its own transaction. Charges that exist are not written again.
    /// </summary>
    /// <remarks>Never rated: a switch CDR without a rating row (its settlement did not happen). Imported CDRs are rated as they are stored.</remarks>
    public async Task<RatingSummary> RerateAsync(TollgateDb db, IQueryable<Cdr> cdrs, int batchSize, CancellationToken ct)
    {
        var context = new RatingContext(RateBook.ForMany());
        var ratings = db.Set<CdrRating>();
        var total = RatingSummary.Empty;
        long after = 0;
        while (true)
        {
            await using var tx = await db.BeginWriteAsync(ct);
            var pending = cdrs.Where(c => c.Id > after
                                          && (ratings.Any(r => r.CdrId == c.Id && r.Status == CdrRatingStatus.Unratable)
                                              || (c.Source == CdrSource.Switch && !ratings.Any(r => r.CdrId == c.Id))));
            var calls = await Facts(pending.OrderBy(c => c.Id).Take(batchSize)).ToListAsync(ct);
            if (calls.Count == 0) return total;
            total = total.Add(await RateAsync(db, context, calls, ct));
            await tx.CommitAsync(ct);
            after = calls[^1].CdrId;
        }
    }

    private static Xdr ToXdr(CallFacts call, UsageCharge charge, DateOnly periodStart, DateTime now) => new()
    {
        Kind = XdrKind.Usage,
        PayerKind = charge.PayerKind,
        PayerId = charge.PayerId,
        SourceId = call.CdrId,
        // The call's own UTC date: a fact of the CDR, so the key is the same however often (and in whatever zone) it is rated.
        KeyDate = DateOnly.FromDateTime(call.Start),
        PeriodStart = periodStart,
        AccountId = charge.AccountId,
        CustomerId = charge.CustomerId,
        ResellerId = charge.ResellerId,
        ServiceFrom = charge.Day,
        ServiceTo = charge.Day.AddDays(1),
        Fee = charge.PricePerMinute,
        Amount = charge.Amount,
        Currency = charge.Currency,
        CreatedAt = now,
    };

    /// <summary>The first rated usage of an account activates its first-usage subscriptions, as of the call's start.</summary>
    /// <remarks>
    /// The context remembers each account's first usage once read or recorded, so an account that keeps calling costs
    /// nothing after the first batch that saw it: only a call earlier than the first usage known needs the database.
    /// </remarks>
    private async Task RecordFirstUsagesAsync(TollgateDb db, RatingContext context, List<CallRating> ratings, CancellationToken ct)
    {
        // One pass, no grouping: almost every call is of an account whose first usage is known and earlier.
        var earliestOf = new Dictionary<long, (RatedAccount Account, DateTime At)>();
        foreach (var r in ratings)
        {
            if (r.UsedAccount is not { } used || context.FirstUsedAt(used.Id) is { } known && known <= r.Call.Start) continue;
            if (!earliestOf.TryGetValue(used.Id, out var seen) || r.Call.Start < seen.At) earliestOf[used.Id] = (used, r.Call.Start);
        }
        if (earliestOf.Count == 0) return;
        var earliest = earliestOf.Values.ToList();
        var ids = earliest.Select(u => u.Account.Id).ToList();
        var recorded = await db.Set<AccountFirstUsage>().IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.AccountId))
            .ToDictionaryAsync(u => u.AccountId, u => u.FirstUsedAt, ct);
        foreach (var (id, at) in recorded) context.UsedAt(id, at);
        // A closed account, or a call stamped in the future, is charged but activates nothing (FirstUsage passes it over).
        var usages = earliest.Where(u => !recorded.TryGetValue(u.Account.Id, out var first) || u.At < first)
            .Select(u => (new Account
            {
                Id = u.Account.Id, AccountId = u.Account.Name, CustomerId = u.Account.CustomerId, ResellerId = u.Account.ResellerId,
                Status = u.Account.Status,
            }, new DateTimeOffset(u.At, TimeSpan.Zero)))
            .ToList();
        if (usages.Count == 0) return;
        await firstUsage.RecordManyAsync(db, usages, ct);
        await db.SaveChangesAsync(ct);
        foreach (var (account, at) in usages) context.UsedAt(account.Id, at.UtcDateTime);
    }
}
