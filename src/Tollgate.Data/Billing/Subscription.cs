using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>A subscription plan of the catalog: a monthly fee charged to an account's customer or to the reseller above it.</summary>
/// <remarks>
/// Assigning it (directly, or through a product) makes an <see cref="AssignedSubscription"/>, which is what gets charged.
/// <see cref="ManagedBy"/> null means the provider's administrators manage it; a reseller id means that reseller does.
/// </remarks>
public sealed class Subscription
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public SubscriptionKind Kind { get; set; }

    /// <summary>The fee per calendar month, in <see cref="Currency"/>.</summary>
    public decimal Fee { get; set; }

    public required string Currency { get; set; }
    public ActivationMode ActivationMode { get; set; }
    public ChargeMode ChargeMode { get; set; }

    /// <summary>1 for a normal plan; N &gt; 1 for a plan charged N months at a time in advance.</summary>
    public int PrepaidMonths { get; set; } = 1;

    /// <summary>Whether the same account, customer or reseller may hold it more than once at a time.</summary>
    public bool CanBeAppliedMoreThanOnce { get; set; }

    /// <summary>The reseller that manages it, or null for the provider's administrators.</summary>
    public long? ManagedBy { get; set; }

    /// <summary>For a plan of the administrators: whether resellers may see and use it.</summary>
    public bool SharedWithResellers { get; set; }

    public DateTime CreatedAt { get; set; }
}
