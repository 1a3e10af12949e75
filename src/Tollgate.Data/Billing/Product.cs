using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

/// <summary>A package sold to accounts: the subscriptions it brings and the voice features it turns on.</summary>
/// <remarks>An account has one main product and any number of add-on products allowed with it.</remarks>
public sealed class Product
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public ProductKind Kind { get; set; }

    /// <summary>The reseller that manages it, or null for the provider's administrators.</summary>
    public long? ManagedBy { get; set; }

    public bool SharedWithResellers { get; set; }

    /// <summary>For an add-on: whether it may join any main product (otherwise only those in <see cref="AllowedMainProducts"/>).</summary>
    public bool AllowedWithAnyMainProduct { get; set; }

    /// <summary>Voice feature: calls of accounts with this product are recorded.</summary>
    public bool CallRecording { get; set; }

    /// <summary>The service policy for the calls of accounts holding this product (an account's own policy overrides it).</summary>
    public long? ServicePolicyId { get; set; }
    /// <summary>The tariff the accounts' customers pay their calls at (a main product's; usage rating reads it).</summary>
    public long? TariffId { get; set; }

    public DateTime CreatedAt { get; set; }
    public List<ProductSubscription> Subscriptions { get; set; } = [];
    public List<ProductAllowedMain> AllowedMainProducts { get; set; } = [];
}

/// <summary>One subscription plan in a product (an account or a reseller subscription, by the plan's kind).</summary>
[Unscoped("reached only through its product, whose filter decides who sees it")]
public sealed class ProductSubscription
{
    public long ProductId { get; set; }
    public long SubscriptionId { get; set; }
    public Subscription Subscription { get; set; } = null!;
}

/// <summary>A main product an add-on product may be combined with.</summary>
[Unscoped("reached only through its add-on product, whose filter decides who sees it")]
public sealed class ProductAllowedMain
{
    public long AddonProductId { get; set; }
    public long MainProductId { get; set; }
}
