using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>A subscription plan assigned to an account, a customer or a reseller: what billing charges, to its payer.</summary>
/// <remarks>
/// <para>
/// The payer is the customer for account subscriptions and the reseller above the customer for reseller subscriptions
/// (also when the reseller subscription belongs to one account, the provider's fee per account). Dates are calendar
/// dates in the payer's time zone: charges run from <see cref="ActivationDate"/> (included) to <see cref="FinishDate"/>
/// (excluded, "charges stop from that day").
/// </para>
/// <para>
/// <see cref="AccountId"/>, <see cref="CustomerId"/> and <see cref="ResellerId"/> say whom it concerns and keep the tenant
/// filter free of joins: the reseller sees every row under it, a customer only the rows it pays.
/// </para>
/// </remarks>
public sealed class AssignedSubscription
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }
    public Subscription Subscription { get; set; } = null!;
    public AssignmentTarget Target { get; set; }
    public long? AccountId { get; set; }
    public long? CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public PayerKind PayerKind { get; set; }
    public long PayerId { get; set; }

    /// <summary>The product that brought it, or null when assigned directly.</summary>
    public long? ProductId { get; set; }

    public AssignedSubscriptionStatus Status { get; set; }
    public DateOnly StartDate { get; set; }

    /// <summary>The first day charged; null while waiting for the account's first usage.</summary>
    public DateOnly? ActivationDate { get; set; }

    /// <summary>The first day no longer charged; null while open-ended.</summary>
    public DateOnly? FinishDate { get; set; }

    public AdjustmentType? AdjustmentType { get; set; }
    public decimal? AdjustmentValue { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    public FeeAdjustment? Adjustment =>
        AdjustmentType is { } type && AdjustmentValue is { } value ? new FeeAdjustment(type, value) : null;
}
