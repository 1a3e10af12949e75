using Tollgate.Domain.Money;

namespace Tollgate.Domain.Billing;

/// <summary>Computes the recurring charges that should exist for a payer, compares them with the stored ones, and says what to write.</summary>
/// <remarks>
/// <para>
/// Pure code, in the manner of Kill Bill's invoice generator: given the payer's open billing period, a target date
/// (the latest day to consider, Kill Bill's TargetDate) and its subscriptions, it closes every period that ends on or
/// before the target date and plans, for each period, the charges that should exist; it never removes or rewrites a
/// charged amount, it adds what is missing and keeps running totals current. Calling it again with the same inputs and
/// the stored result plans nothing.
/// </para>
/// <para>Per subscription and billing period:</para>
/// <list type="bullet">
/// <item><b>In advance</b>: once the subscription has started (activation on or before the target date), one charge for
/// all the days of the period it covers, prorated by day at the effective fee of that moment. If it later ends inside
/// a charged period, a credit refunds the days after its finish date at the fee that was charged.</item>
/// <item><b>Progressive</b>: one charge per period holding the running total of the days accrued up to the target date
/// (days before it), at the current effective fee; final when the period closes.</item>
/// <item><b>Multi-month prepaid</b> (prepaid months N &gt; 1, always in advance): cycles of N months from the activation
/// date; each cycle is charged N × the monthly fee on the day it starts, in the period containing that day. No
/// proration and no refund.</item>
/// </list>
/// <para>
/// Nothing is charged before activation, from the finish date on, or from the day the payer was closed. Amounts are
/// rounded once, to the currency's minor unit, when the line is made.
/// </para>
/// </remarks>
public static class ChargePlanner
{
    /// <summary>Plans one payer from its open period up to <paramref name="target"/>.</summary>
    /// <param name="payer">The payer's calendar, currency and closing day.</param>
    /// <param name="open">The payer's open period as stored (it may end before the target: then it closes now).</param>
    /// <param name="target">The latest day to consider: periods ending on or before it close.</param>
    /// <param name="subscriptions">The payer's subscriptions that may be charged in these periods.</param>
    /// <param name="stored">The payer's stored charges of the open period and later, by key.</param>
    public static PayerPlan Plan(PayerTerms payer, DateRange open, DateOnly target, IReadOnlyCollection<SubscriptionTerms> subscriptions,
        IReadOnlyDictionary<ChargeKey, StoredCharge> stored)
    {
        var closing = new List<DateRange>();
        var current = open;
        while (current.End <= target)
        {
            closing.Add(current);
            current = new DateRange(current.End, payer.Calendar.NextBoundaryAfter(current.End));
        }
        var plan = new PayerPlan(closing, current);
        foreach (var period in closing.Append(current))
        {
            foreach (var subscription in subscriptions) PlanPeriod(payer, period, target, subscription, stored, plan);
        }
        return plan;
    }

    /// <summary>Plans one subscription in one billing period.</summary>
    public static void PlanPeriod(PayerTerms payer, DateRange period, DateOnly target, SubscriptionTerms subscription,
        IReadOnlyDictionary<ChargeKey, StoredCharge> stored, PayerPlan plan)
    {
        if (subscription.ActivatedOn is not { } activatedOn) return;
        var finish = Earliest(subscription.FinishedOn, payer.ClosedOn);
        var active = new DateRange(activatedOn, finish ?? DateOnly.MaxValue);
        if (subscription.PrepaidMonths > 1)
        {
            PlanPrepaid(payer.Currency, period, target, subscription, activatedOn, finish, stored, plan);
            return;
        }

        var inPeriod = period.Intersect(active);
        var key = new ChargeKey(subscription.Id, XdrKind.Subscription, period.Start);
        stored.TryGetValue(key, out var existing);
        if (subscription.ChargeMode == ChargeMode.Progressive)
        {
            var accrued = new DateRange(inPeriod.Start, inPeriod.End < target ? inPeriod.End : target);
            if (accrued.IsEmpty && existing is null) return;
            var fee = subscription.MonthlyFee;
            var charge = new Charge(key, period.Start, accrued, fee, Round(payer.Calendar.Prorate(fee, accrued), payer.Currency));
            Put(charge, existing, plan);
            return;
        }

        if (existing is null)
        {
            if (activatedOn > target || inPeriod.IsEmpty) return;
            var fee = subscription.MonthlyFee;
            plan.Inserts.Add(new Charge(key, period.Start, inPeriod, fee, Round(payer.Calendar.Prorate(fee, inPeriod), payer.Currency)));
            return;
        }

        // Charged in advance already: refund the charged days the subscription no longer covers.
        var charged = existing.Charge;
        var lost = finish is { } f ? charged.Service.Intersect(DateRange.From(f)) : new DateRange(charged.Service.End, charged.Service.End);
        var creditKey = key with { Kind = XdrKind.SubscriptionCredit };
        stored.TryGetValue(creditKey, out var existingCredit);
        if (lost.IsEmpty && existingCredit is null) return;
        var credit = new Charge(creditKey, period.Start, lost, charged.Fee, -Round(payer.Calendar.Prorate(charged.Fee, lost), payer.Currency));
        Put(credit, existingCredit, plan);
    }

    private static void PlanPrepaid(Currency currency, DateRange period, DateOnly target, SubscriptionTerms subscription,
        DateOnly activatedOn, DateOnly? finish, IReadOnlyDictionary<ChargeKey, StoredCharge> stored, PayerPlan plan)
    {
        var months = subscription.PrepaidMonths;
        // Start a cycle or so before the period; cycles are counted from the activation date so clamped days do not drift.
        var monthsBefore = (period.Start.Year - activatedOn.Year) * 12 + period.Start.Month - activatedOn.Month;
        for (var k = Math.Max(0, monthsBefore / months - 1); ; k++)
        {
            var cycleStart = activatedOn.AddMonths(k * months);
            if (cycleStart >= period.End) break;
            if (cycleStart < period.Start || cycleStart > target || (finish is { } f && cycleStart >= f)) continue;
            var key = new ChargeKey(subscription.Id, XdrKind.Subscription, cycleStart);
            if (stored.ContainsKey(key)) continue;
            var cycle = new DateRange(cycleStart, activatedOn.AddMonths((k + 1) * months));
            plan.Inserts.Add(new Charge(key, period.Start, cycle, subscription.MonthlyFee, Round(subscription.MonthlyFee * months, currency)));
        }
    }

    private static void Put(Charge wanted, StoredCharge? existing, PayerPlan plan)
    {
        if (existing is null) plan.Inserts.Add(wanted);
        else if (existing.Charge != wanted) plan.Updates.Add(new StoredCharge(existing.Id, wanted));
    }

    private static decimal Round(decimal amount, Currency currency) => new Money.Money(amount, currency).RoundToMinorUnit().Amount;

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
