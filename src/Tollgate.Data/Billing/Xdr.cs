using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>A charge record (xDR): one line of a payer's invoice.</summary>
/// <remarks>
/// <para>
/// Its natural key is (payer, <see cref="Kind"/>, <see cref="SourceId"/>, <see cref="KeyDate"/>) and the database holds it
/// in a unique index: for a subscription fee the source is the assigned subscription and the key date the start of the
/// payer's billing period, so no run, repeated, concurrent or interrupted, can charge a period twice. Usage charges (rated
/// calls) will use the same shape with the call as source.
/// </para>
/// <para>
/// <see cref="PeriodStart"/> is the payer's billing period whose invoice carries the line. The table has no foreign keys:
/// it is the ledger that grows fastest, written in bulk and, on a large installation, partitioned.
/// </para>
/// </remarks>
public sealed class Xdr
{
    public long Id { get; set; }
    public XdrKind Kind { get; set; }
    public PayerKind PayerKind { get; set; }
    public long PayerId { get; set; }
    public long SourceId { get; set; }
    public DateOnly KeyDate { get; set; }
    public DateOnly PeriodStart { get; set; }
    public long? AccountId { get; set; }
    public long? CustomerId { get; set; }
    public long? ResellerId { get; set; }

    /// <summary>The subscription plan charged (for subscription fees).</summary>
    public long? SubscriptionId { get; set; }

    public DateOnly ServiceFrom { get; set; }

    /// <summary>The first day after the days charged.</summary>
    public DateOnly ServiceTo { get; set; }

    /// <summary>The effective monthly fee the amount was computed from.</summary>
    public decimal Fee { get; set; }

    /// <summary>Rounded to the currency's minor unit; negative for a credit.</summary>
    public decimal Amount { get; set; }

    public required string Currency { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
