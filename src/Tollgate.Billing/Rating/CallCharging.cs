using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Calls;
using Tollgate.Data.Rating;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Money;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Rating;

/// <summary>Real-time authorisation and settlement of calls: the money side the switch asks before and after each call.</summary>
/// <remarks>
/// <para>
/// <see cref="ReserveAsync"/> refuses a call that has no rate for its destination (403), at the customer's or at the
/// reseller's level, or whose payer has no credit left (402 "Insufficient funds"). Otherwise it allows the call for the
/// longest duration the credit of each limited payer covers at its own rate (at most
/// <see cref="RatingOptions.MaxCallDuration"/>), and holds what that duration would cost as a reservation until the
/// call is settled. Payers without a limit are not checked and hold nothing. A limited payer with no credit left
/// refuses every call; one the call costs nothing (a reseller billed by subscriptions only, an on-net call without a
/// rate) sets no time limit. A call that stays on the network (no outgoing vendor connection) is not refused for want
/// of a main product, a tariff or a rate: it is free, as rating will find.
/// </para>
/// <para>
/// Reservations of one payer are taken one at a time (its balance row is locked for the check and the insert), so
/// however many calls start at once, the sum of what they hold never passes what the payer has: 20 parallel calls
/// against credit for 10 minutes get 10 minutes between them. <see cref="SettleAsync(long, CancellationToken)"/> releases the reservation and
/// rates the CDR in one transaction, so credit is never counted both as held and as spent.
/// </para>
/// </remarks>
public sealed partial class CallCharging(
    TollgateDbFactory databases, CdrRater rater, TimeProvider clock, IOptions<RatingOptions> options, ILogger<CallCharging> log) : ICallCharging
{
    public const string InsufficientFunds = "Insufficient funds";
    public const string NoRate = "No rate for destination";
    public const string NoTariff = "No tariff";

    public async Task<ChargingDecision> ReserveAsync(ChargingRequest request, CancellationToken ct)
    {
        if (request.AccountKey is not { } accountId) return ChargingDecision.Unlimited;
        // Most calls are decided without the write lock (no credit limit, or refused for want of a rate); only a call
        // that must hold credit is decided again under it. On SQLite every writer waits for the one lock by sleeping
        // its thread, so a write transaction per call starved the switch's thread pool at a few hundred calls a second.
        return await DecideAsync(request, accountId, reserving: false, ct) ?? (await DecideAsync(request, accountId, reserving: true, ct))!;
    }

    /// <returns>The decision; without <paramref name="reserving"/>, null when credit must be reserved (decide again with it).</returns>
    private async Task<ChargingDecision?> DecideAsync(ChargingRequest request, long accountId, bool reserving, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        await using var tx = reserving ? await db.BeginWriteAsync(ct) : null;
        var held = await db.Set<CreditReservation>().AsNoTracking().FirstOrDefaultAsync(r => r.CallId == request.CallId, ct);
        if (held is not null) return new ChargingDecision(true, TimeSpan.FromSeconds(held.MaxSeconds));

        var context = new RatingContext(RateBook.ForFew());
        await context.LoadAsync(db, [accountId], [], ct);
        var account = context.Account(accountId);
        var customer = account is null ? null : context.Customer(account.CustomerId);
        if (account is null || customer is null) return Refuse(request, 403, "Unknown account");
        if (account.Status == AccountStatus.Closed || customer.Status == PartyStatus.Closed) return Refuse(request, 403, "Account closed");
        var reseller = customer.ResellerId is { } r ? context.Reseller(r) : null;

        var needs = new List<(long, string)>();
        if (account.TariffId is { } retail) needs.Add((retail, request.CalledNumber));
        if (reseller?.TariffId is { } wholesale) needs.Add((wholesale, request.CalledNumber));
        await context.Rates.LoadAsync(db, needs, ct);
        var at = request.At.ToUniversalTime();
        var onNet = request.OutgoingConnectionId is null;
        var (customerRate, problem) = account.ProductId is null
            ? (null, RatingContext.Problem(RatedParties.Customer, UnratableReason.NoProduct, "no main product"))
            : context.Resolve(RatedParties.Customer, new TariffHolder("the product"), account.TariffId, customer.Currency, request.CalledNumber, at);
        if (problem is not null && !(onNet && OnNetMayPass(problem))) return Refuse(request, 403, ReasonFor(problem));
        PartyRate? resellerRate = null;
        if (reseller is { TariffId: not null } above)
        {
            (resellerRate, problem) = context.Resolve(RatedParties.Reseller, new TariffHolder("the reseller"), above.TariffId, above.Payer.Currency,
                request.CalledNumber, at);
            if (problem is not null && !(onNet && OnNetMayPass(problem))) return Refuse(request, 403, ReasonFor(problem));
        }

        var balances = await LockBalancesAsync(db, customer, reseller?.Payer, reserving, ct);
        var limited = balances.Where(b => b.IsLimited).ToList();
        if (limited.Count == 0) return ChargingDecision.Unlimited;
        if (!reserving) return null;

        var now = clock.GetUtcNow().UtcDateTime;
        var cap = (int)Math.Min(int.MaxValue, options.Value.MaxCallDuration.TotalSeconds);
        var seconds = cap;
        foreach (var balance in limited)
        {
            var rate = balance.PayerKind == PayerKind.Customer ? customerRate : resellerRate;
            var available = balance.Amount - balance.Floor!.Value - await HeldAsync(db, balance, now, ct);
            if (available <= 0) return Refuse(request, 402, InsufficientFunds);
            if (rate is not null) seconds = Math.Min(seconds, rate.Rate.Terms.MaxSeconds(available, Currency.Of(balance.Currency), cap));
        }
        if (seconds <= 0) return Refuse(request, 402, InsufficientFunds);

        var customerLimited = customerRate is not null && limited.Any(b => b.PayerKind == PayerKind.Customer);
        var resellerLimited = resellerRate is not null && limited.Any(b => b.PayerKind == PayerKind.Reseller);
        if (!customerLimited && !resellerLimited) return ChargingDecision.Unlimited;
        db.Set<CreditReservation>().Add(new CreditReservation
        {
            CallId = request.CallId,
            AccountId = account.Id,
            CustomerId = customer.Id,
            ResellerId = customer.ResellerId,
            CustomerAmount = customerLimited ? customerRate!.Rate.Terms.Price(seconds, Currency.Of(customer.Currency)).Amount : 0m,
            ResellerAmount = resellerLimited ? resellerRate!.Rate.Terms.Price(seconds, Currency.Of(reseller!.Value.Payer.Currency)).Amount : 0m,
            MaxSeconds = seconds,
            CreatedAt = now,
            ExpiresAt = now + TimeSpan.FromSeconds(seconds) + options.Value.ReservationSlack,
        });
        await db.SaveChangesAsync(ct);
        await tx!.CommitAsync(ct);
        return new ChargingDecision(true, TimeSpan.FromSeconds(seconds));
    }

    public Task SettleAsync(long cdrId, CancellationToken ct) => SettleAsync([cdrId], ct);

    /// <summary>
    /// Settles the calls of a batch of CDRs the switch stored together, in one transaction: one write and one rating
    /// context for hundreds of calls, where one each would make settlement the limit of the switch's call rate.
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<long> cdrIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cdrIds);
        if (cdrIds.Count == 0) return;
        var ids = cdrIds.Distinct().ToList();
        await using var db = databases.CreateSystem();
        await using var tx = await db.BeginWriteAsync(ct);
        var calls = await CdrRater.Facts(db.Set<Cdr>().Where(c => ids.Contains(c.Id))).ToListAsync(ct);
        foreach (var missing in ids.Except(calls.Select(c => c.CdrId))) LogUnknownCdr(log, missing);
        var callIds = calls.Select(c => c.CallId).ToList();
        await db.Set<CreditReservation>().Where(r => callIds.Contains(r.CallId)).ExecuteDeleteAsync(ct);
        var rated = (await db.Set<CdrRating>().Where(r => ids.Contains(r.CdrId) && r.Status != CdrRatingStatus.Unratable)
            .Select(r => r.CdrId).ToListAsync(ct)).ToHashSet();
        await rater.RateAsync(db, new RatingContext(RateBook.ForFew()), calls.Where(c => !rated.Contains(c.CdrId)).ToList(), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The balance rows of the payers, with <paramref name="locked"/> locked until the transaction ends (customer first, then reseller: the ledger's order).</summary>
    private static async Task<List<PartyBalance>> LockBalancesAsync(TollgateDb db, Payer customer, Payer? reseller, bool locked, CancellationToken ct)
    {
        var resellerId = reseller?.Id ?? -1;
        if (locked && db.Provider == DatabaseProvider.PostgreSql)
        {
            return await db.Set<PartyBalance>().FromSql($"""
                SELECT * FROM balances
                WHERE (payer_kind = 'Customer' AND payer_id = {customer.Id}) OR (payer_kind = 'Reseller' AND payer_id = {resellerId})
                ORDER BY payer_kind, payer_id
                FOR UPDATE
                """).AsNoTracking().ToListAsync(ct);
        }
        return await db.Set<PartyBalance>().AsNoTracking()
            .Where(b => (b.PayerKind == PayerKind.Customer && b.PayerId == customer.Id) || (b.PayerKind == PayerKind.Reseller && b.PayerId == resellerId))
            .ToListAsync(ct);
    }

    /// <summary>What the payer's calls in progress hold; reservations past their expiry are dropped on the way.</summary>
    private static async Task<decimal> HeldAsync(TollgateDb db, PartyBalance balance, DateTime now, CancellationToken ct)
    {
        var all = db.Set<CreditReservation>();
        var payerId = balance.PayerId;
        var mine = balance.PayerKind == PayerKind.Customer ? all.Where(r => r.CustomerId == payerId) : all.Where(r => r.ResellerId == payerId);
        await mine.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        // Added up here: SQLite keeps decimals as text and would sum them as floating point.
        var amounts = balance.PayerKind == PayerKind.Customer
            ? await mine.Select(r => r.CustomerAmount).ToListAsync(ct)
            : await mine.Select(r => r.ResellerAmount).ToListAsync(ct);
        return amounts.Sum();
    }

    /// <summary>
    /// A call between the provider's own accounts leaves no vendor's network, so a missing price is no risk: it goes
    /// through when the tariff has no rate for the number, or there is no tariff or no main product at all (a line
    /// billed by subscriptions only), and its CDR is rated, or listed as unratable, afterwards. A limited balance still
    /// bounds it through the rates that do exist.
    /// </summary>
    private static bool OnNetMayPass(RatingProblem problem) =>
        problem.Code is UnratableReason.NoRate or UnratableReason.NoTariff or UnratableReason.NoProduct;

    private static string ReasonFor(RatingProblem problem) => problem.Code == UnratableReason.NoRate ? NoRate : NoTariff;

    private ChargingDecision Refuse(ChargingRequest request, int status, string reason)
    {
        LogRefused(log, request.CallId, request.AccountKey, request.CalledNumber, status, reason);
        return new ChargingDecision(false, null, status, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} of account {AccountKey} to {Number} refused: {Status} {Reason}")]
    private static partial void LogRefused(ILogger logger, string callId, long? accountKey, string number, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asked to settle CDR {CdrId}, which does not exist")]
    private static partial void LogUnknownCdr(ILogger logger, long cdrId);
}
