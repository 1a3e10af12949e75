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
public enum PayerKind
{
    Customer,
    Reseller,
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
/// <remarks>Usage (rated calls) will be another member; the key shape (payer, kind, source, key date) already fits it.</remarks>
public enum XdrKind
{
    /// <summary>A recurring subscription fee for one billing period (or one prepaid cycle).</summary>
    Subscription,

    /// <summary>The refund of days charged in advance that a subscription no longer covers (it ended mid-period).</summary>
    SubscriptionCredit,
}
