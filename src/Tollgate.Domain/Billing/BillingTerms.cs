namespace Tollgate.Domain.Billing;

/// <summary>Who pays a subscription plan: the account's customer, or the reseller above that customer.</summary>
public enum SubscriptionKind
{
    /// <summary>Charged to the customer that owns the account.</summary>
    Account,

    /// <summary>Charged to the reseller above the account's customer (the provider's fee per account it signs up).</summary>
    Reseller,
}

/// <summary>When an assigned subscription starts to be charged.</summary>
public enum ActivationMode
{
    /// <summary>From its start date.</summary>
    StartDate,

    /// <summary>Pending until the account is first used (its first rated call), then from that day.</summary>
    FirstUsage,
}

/// <summary>How a subscription's fee becomes charges (Kill Bill's billing mode).</summary>
public enum ChargeMode
{
    /// <summary>The whole (prorated) period is charged when the period starts or the subscription activates.</summary>
    InAdvance,

    /// <summary>Accrues day by day; one record per period keeps only the running total ("keep total charge only").</summary>
    Progressive,
}

/// <summary>A main product (one per account) or an add-on product (any number, next to a main product).</summary>
public enum ProductKind
{
    Main,
    Addon,
}

/// <summary>The kinds of party that receive charges and invoices.</summary>
/// <remarks>
/// <see cref="Provider"/> is the provider itself, for the cost of a call to a vendor (usage rating's third derived
/// charge); its payer id is the vendor connection the call left by. The provider gets no invoice and no balance.
/// </remarks>
public enum PayerKind
{
    Customer,
    Reseller,
    Provider,
}

/// <summary>What an assigned subscription was assigned to directly.</summary>
public enum AssignmentTarget
{
    Account,
    Customer,
    Reseller,
}

/// <summary>The life of an assigned subscription.</summary>
public enum AssignedSubscriptionStatus
{
    /// <summary>Waiting for its start date or for the account's first usage; not charged yet.</summary>
    Pending,

    /// <summary>Charged on every billing period it overlaps.</summary>
    Active,

    /// <summary>Ended; charges stopped from its finish date.</summary>
    Closed,
}

/// <summary>What a charge record (xDR) is for; part of its natural key.</summary>
/// <remarks>For usage the key is (payer, <see cref="Usage"/>, the CDR, the call's UTC start date): one charge per call and payer.</remarks>
public enum XdrKind
{
    /// <summary>A recurring subscription fee for one billing period (or one prepaid cycle).</summary>
    Subscription,

    /// <summary>The refund of days charged in advance that a subscription no longer covers (it ended mid-period).</summary>
    SubscriptionCredit,

    /// <summary>A rated call: what the customer, the reseller above it, or (as cost) the provider pays for it.</summary>
    Usage,
}
