using Tollgate.Domain.Money;

namespace Tollgate.Domain.Billing;

/// <summary>The natural key of a charge within one payer: what it is for, from which source, for which date.</summary>
/// <remarks>
/// For a recurring fee the source is the assigned subscription and the key date the start of the payer's billing period
/// (for a multi-month prepaid plan, the start of the prepaid cycle). The database holds the same key, with the payer, in a
/// unique index, so a charge can exist only once however often, or however concurrently, billing runs.
/// </remarks>
public readonly record struct ChargeKey(long SourceId, XdrKind Kind, DateOnly KeyDate);

/// <summary>A charge line as billing computes it: which period's invoice it belongs to, which days it covers, at what fee.</summary>
/// <param name="Key">Its natural key.</param>
/// <param name="PeriodStart">The start of the payer's billing period whose invoice carries it.</param>
/// <param name="Service">The days it pays for (for a credit: the days refunded).</param>
/// <param name="Fee">The effective monthly fee it was computed from.</param>
/// <param name="Amount">The amount, rounded to the currency's minor unit (negative for a credit).</param>
public sealed record Charge(ChargeKey Key, DateOnly PeriodStart, DateRange Service, decimal Fee, decimal Amount);

/// <summary>A charge already stored, with its database id.</summary>
public sealed record StoredCharge(long Id, Charge Charge);

/// <summary>What one assigned subscription's charges depend on.</summary>
/// <param name="Id">The assigned subscription (the charge's source).</param>
/// <param name="MonthlyFee">The effective monthly fee: the plan's fee after the fee adjustment.</param>
/// <param name="ChargeMode">In advance or progressive.</param>
/// <param name="PrepaidMonths">1 for a normal plan; N &gt; 1 for a plan prepaid N months at a time.</param>
/// <param name="ActivatedOn">The first day charged; null while pending.</param>
/// <param name="FinishedOn">The first day no longer charged; null while open-ended.</param>
public sealed record SubscriptionTerms(
    long Id, decimal MonthlyFee, ChargeMode ChargeMode, int PrepaidMonths, DateOnly? ActivatedOn, DateOnly? FinishedOn);

/// <summary>What a payer's charges depend on besides its subscriptions.</summary>
/// <param name="Calendar">The payer's billing periods.</param>
/// <param name="Currency">The payer's currency: charges are rounded to its minor unit.</param>
/// <param name="ClosedOn">The day the payer was closed (in its time zone): nothing is charged from that day on.</param>
public sealed record PayerTerms(BillingCalendar Calendar, Currency Currency, DateOnly? ClosedOn = null);

/// <summary>The result of planning one payer up to a target date: periods to close, the new open period, and the writes.</summary>
public sealed class PayerPlan(IReadOnlyList<DateRange> closing, DateRange open)
{
    /// <summary>Periods that have ended by the target date, oldest first: each gets its invoice.</summary>
    public IReadOnlyList<DateRange> Closing { get; } = closing;

    /// <summary>The period in progress on the target date.</summary>
    public DateRange Open { get; } = open;

    /// <summary>Charges that should exist and do not.</summary>
    public List<Charge> Inserts { get; } = [];

    /// <summary>Running totals (progressive charges, credits) whose stored value is out of date.</summary>
    public List<StoredCharge> Updates { get; } = [];

    public bool IsEmpty => Closing.Count == 0 && Inserts.Count == 0 && Updates.Count == 0;
}
