using Microsoft.EntityFrameworkCore;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;

namespace Tollgate.Billing.Subscriptions;

/// <summary>What a subscription is assigned to: an account, a customer or a reseller, as found in the caller's scope.</summary>
/// <param name="IsNew">
/// The holder was created in the caller's transaction: it has no history yet (no first usage), so nothing is read about it.
/// </param>
public sealed record AssignmentHolder(AssignmentTarget Kind, long Id, long? AccountId, long? CustomerId, long? ResellerId, bool IsClosed, bool IsNew = false)
{
    public static AssignmentHolder Of(Account a) =>
        new(AssignmentTarget.Account, a.Id, a.Id, a.CustomerId, a.ResellerId, a.Status == AccountStatus.Closed);

    public static AssignmentHolder Of(Customer c) =>
        new(AssignmentTarget.Customer, c.Id, null, c.Id, c.ResellerId, c.Status == PartyStatus.Closed);

    public static AssignmentHolder Of(Reseller r) =>
        new(AssignmentTarget.Reseller, r.Id, null, null, r.Id, r.Status == PartyStatus.Closed);

    public string Describe() => $"{Kind.ToString().ToLowerInvariant()} {Id}";
}

/// <summary>Creates, adjusts and closes assigned subscriptions: the one place their rules live.</summary>
/// <remarks>
/// <para>
/// Used by the API and by other features (a product given to an account, an account closing). Methods change the
/// context they are given and never save: the caller commits them with its own transaction, so an assignment and
/// whatever caused it succeed or fail together. Realm rights (what a reseller may do) are the caller's business; the
/// rules here hold for everybody.
/// </para>
/// <para>
/// Dates are the payer's calendar dates: "today" is today in the payer's time zone. A finish date is the first day no
/// longer charged.
/// </para>
/// </remarks>
public sealed class SubscriptionAssigner(TimeProvider clock)
{
    /// <summary>Assigns a plan to a holder; the payer follows from the plan's kind.</summary>
    /// <param name="db">The caller's context; the new row is added to it, not saved.</param>
    /// <param name="holder">The account, customer or reseller, found in the caller's scope.</param>
    /// <param name="plan">The subscription plan, found in the caller's scope.</param>
    /// <param name="startDate">The first day it runs; today in the payer's time zone when null.</param>
    /// <param name="finishDate">The first day it no longer runs; open-ended when null.</param>
    /// <param name="productId">The product that brings it, or null for a direct assignment (which refuses duplicates).</param>
    /// <param name="ct">Cancels the reads.</param>
    public Task<Outcome<AssignedSubscription>> AssignAsync(TollgateDb db, AssignmentHolder holder, Subscription plan,
        DateOnly? startDate, DateOnly? finishDate, long? productId, CancellationToken ct) =>
        AssignAsync(db, holder, plan, startDate, finishDate, productId, new PayerCache(db), ct);

    /// <summary>Assigns a plan to a holder, reading its payer through <paramref name="payers"/> (one read for many plans).</summary>
    public async Task<Outcome<AssignedSubscription>> AssignAsync(TollgateDb db, AssignmentHolder holder, Subscription plan,
        DateOnly? startDate, DateOnly? finishDate, long? productId, PayerCache payers, CancellationToken ct)
    {
        if (holder.IsClosed) return BillingError.Conflict($"The {holder.Describe()} is closed.");
        PayerKind payerKind;
        long payerId;
        if (plan.Kind == SubscriptionKind.Account)
        {
            if (holder.CustomerId is not { } customerId)
                return BillingError.Unprocessable("An account subscription is charged to a customer; it cannot be assigned to a reseller.", "subscriptionId");
            (payerKind, payerId) = (PayerKind.Customer, customerId);
        }
        else
        {
            if (holder.ResellerId is not { } resellerId)
                return BillingError.Unprocessable($"The {holder.Describe()} has no reseller to charge a reseller subscription to.", "subscriptionId");
            (payerKind, payerId) = (PayerKind.Reseller, resellerId);
        }
        if (plan.ActivationMode == ActivationMode.FirstUsage && holder.Kind == AssignmentTarget.Reseller)
            return BillingError.Unprocessable("A first-usage subscription needs an account or a customer whose accounts can be used.", "subscriptionId");

        var payer = await payers.GetAsync(payerKind, payerId, ct);
        if (payer.Status == PartyStatus.Closed) return BillingError.Conflict($"The {payerKind.ToString().ToLowerInvariant()} {payerId} that would pay it is closed.");
        if (!string.Equals(plan.Currency, payer.Currency, StringComparison.Ordinal))
            return BillingError.Unprocessable(
                $"Subscription {plan.Id} is priced in {plan.Currency} but its payer ({payerKind.ToString().ToLowerInvariant()} {payerId}) is billed in {payer.Currency}.",
                "subscriptionId");

        var today = payer.DateAt(clock.GetUtcNow());
        var start = startDate ?? today;
        if (finishDate is { } finish)
        {
            if (finish <= start) return BillingError.Unprocessable("The finish date must be after the start date.", "finishDate");
            if (finish < today) return BillingError.Unprocessable($"The finish date must not be in the past (today is {today:yyyy-MM-dd} for the payer).", "finishDate");
        }
        if (productId is null && !plan.CanBeAppliedMoreThanOnce && await HoldsAsync(db, holder, plan.Id, today, ct))
            return BillingError.Duplicate(
                $"The {holder.Describe()} already has subscription {plan.Id}, which cannot be applied more than once.", "subscriptionId");

        var assigned = new AssignedSubscription
        {
            SubscriptionId = plan.Id,
            Target = holder.Kind,
            AccountId = holder.AccountId,
            CustomerId = holder.CustomerId,
            ResellerId = holder.ResellerId,
            PayerKind = payerKind,
            PayerId = payerId,
            ProductId = productId,
            StartDate = start,
            FinishDate = finishDate,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (plan.ActivationMode == ActivationMode.StartDate) Activate(assigned, start);
        else if (!holder.IsNew && await FirstUsedAtAsync(db, holder, ct) is { } usedAt) Activate(assigned, Max(start, payer.DateAt(usedAt)));
        else assigned.Status = AssignedSubscriptionStatus.Pending;
        db.Set<AssignedSubscription>().Add(assigned);
        return assigned;
    }

    /// <summary>Closes an assigned subscription: charges stop from <paramref name="finishDate"/> (today for the payer when null).</summary>
    /// <remarks>A finish date already earlier is kept. Closing is final: a closed subscription is never charged again.</remarks>
    public async Task CloseAsync(TollgateDb db, AssignedSubscription assigned, DateOnly? finishDate, CancellationToken ct)
    {
        if (assigned.Status == AssignedSubscriptionStatus.Closed) return;
        var finish = finishDate ?? await TodayForPayerAsync(db, assigned, ct);
        if (assigned.FinishDate is null || assigned.FinishDate > finish) assigned.FinishDate = finish;
        assigned.Status = AssignedSubscriptionStatus.Closed;
        assigned.ClosedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Stops every subscription of an account that closed; charges stop from the day it closed, in each payer's time zone.</summary>
    public async Task StopForClosedAccountAsync(TollgateDb db, Account account, DateTime closedAt, CancellationToken ct)
    {
        var open = await db.Set<AssignedSubscription>().IgnoreQueryFilters()
            .Where(s => s.AccountId == account.Id && s.Status != AssignedSubscriptionStatus.Closed).ToListAsync(ct);
        var payers = new PayerCache(db);
        foreach (var s in open)
        {
            var payer = await payers.GetAsync(s.PayerKind, s.PayerId, ct);
            await CloseAsync(db, s, payer.DateAt(new DateTimeOffset(closedAt, TimeSpan.Zero)), ct);
        }
    }

    /// <summary>Sets or removes (null) the fee adjustment of an assigned subscription of <paramref name="plan"/>.</summary>
    public static BillingError? Adjust(AssignedSubscription assigned, Subscription plan, FeeAdjustment? adjustment)
    {
        if (assigned.Status == AssignedSubscriptionStatus.Closed) return BillingError.Conflict($"Assigned subscription {assigned.Id} is closed.");
        if (adjustment?.RefusalFor(plan.ChargeMode, plan.PrepaidMonths) is { } refusal)
            return BillingError.Unprocessable($"Subscription {plan.Id} cannot take this adjustment: {refusal}.", "adjustment");
        assigned.AdjustmentType = adjustment?.Type;
        assigned.AdjustmentValue = adjustment?.Value;
        return null;
    }

    /// <summary>Activates the first-usage subscriptions of an account (and of its customer) once it is first used.</summary>
    internal static void Activate(AssignedSubscription assigned, DateOnly activation)
    {
        assigned.ActivationDate = activation;
        assigned.Status = AssignedSubscriptionStatus.Active;
    }

    /// <summary>The status a person reads: closed from the finish date, pending until activation, else active.</summary>
    public static AssignedSubscriptionStatus StatusOn(AssignedSubscription assigned, DateOnly today)
    {
        if (assigned.FinishDate is { } finish ? finish <= today : assigned.Status == AssignedSubscriptionStatus.Closed)
            return AssignedSubscriptionStatus.Closed;
        return assigned.ActivationDate is { } activation && activation <= today ? AssignedSubscriptionStatus.Active : AssignedSubscriptionStatus.Pending;
    }

    /// <summary>Today in the time zone of the party that pays this subscription.</summary>
    public async Task<DateOnly> TodayForPayerAsync(TollgateDb db, AssignedSubscription assigned, CancellationToken ct)
    {
        var payer = await Payers.FindAsync(db, assigned.PayerKind, assigned.PayerId, ct)
                    ?? throw new InvalidOperationException($"Payer {assigned.PayerKind} {assigned.PayerId} is missing.");
        return payer.DateAt(clock.GetUtcNow());
    }

    private static Task<bool> HoldsAsync(TollgateDb db, AssignmentHolder holder, long planId, DateOnly today, CancellationToken ct) =>
        db.Set<AssignedSubscription>().IgnoreQueryFilters().AnyAsync(s =>
            s.SubscriptionId == planId && s.Target == holder.Kind
            && (holder.Kind == AssignmentTarget.Account ? s.AccountId == holder.Id
                : holder.Kind == AssignmentTarget.Customer ? s.CustomerId == holder.Id && s.AccountId == null
                : s.ResellerId == holder.Id && s.CustomerId == null)
            && s.Status != AssignedSubscriptionStatus.Closed && (s.FinishDate == null || s.FinishDate > today), ct);

    private static async Task<DateTime?> FirstUsedAtAsync(TollgateDb db, AssignmentHolder holder, CancellationToken ct)
    {
        var usages = db.Set<AccountFirstUsage>().IgnoreQueryFilters();
        return holder.Kind == AssignmentTarget.Account
            ? await usages.Where(u => u.AccountId == holder.Id).Select(u => (DateTime?)u.FirstUsedAt).FirstOrDefaultAsync(ct)
            : await usages.Where(u => u.CustomerId == holder.Id).MinAsync(u => (DateTime?)u.FirstUsedAt, ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
