using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>A product an account holds now: its main product or one of its add-ons.</summary>
/// <remarks>Removing a product deletes this row; the subscriptions it brought stay, closed, as the history of charges.</remarks>
public sealed class AccountProduct
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long ProductId { get; set; }
    public ProductKind Kind { get; set; }

    /// <summary>Copied from the account so tenant filters need no join.</summary>
    public long CustomerId { get; set; }

    /// <summary>Copied from the account so tenant filters need no join.</summary>
    public long? ResellerId { get; set; }

    /// <summary>The day the product's subscriptions started from.</summary>
    public DateOnly StartDate { get; set; }

    public DateTime AssignedAt { get; set; }
}

/// <summary>When an account was first used (its first rated call): what activates its first-usage subscriptions.</summary>
public sealed class AccountFirstUsage
{
    public long AccountId { get; set; }
    public long CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public DateTime FirstUsedAt { get; set; }
}
