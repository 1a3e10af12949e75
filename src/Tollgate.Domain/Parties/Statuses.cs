namespace Tollgate.Domain.Parties;

/// <summary>Whether a reseller or customer is still in business with the provider.</summary>
/// <remarks>Closed parties are kept, not deleted: invoices and charges refer to them.</remarks>
public enum PartyStatus
{
    Active,
    Closed,
}

/// <summary>The state of an account (a subscriber line).</summary>
public enum AccountStatus
{
    /// <summary>May sign in and make calls.</summary>
    Active,

    /// <summary>Kept, but may not make calls; see who blocked it.</summary>
    Blocked,

    /// <summary>Ended for good; charges stop from the day it was closed.</summary>
    Closed,
}
