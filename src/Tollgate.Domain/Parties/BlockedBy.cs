namespace Tollgate.Domain.Parties;

/// <summary>Who blocked an account; a higher one's block cannot be lifted by a lower one.</summary>
/// <remarks>Declared from the lowest rank to the highest: the administrator outranks the reseller, the reseller the customer.</remarks>
public enum BlockedBy
{
    Customer,
    Reseller,
    Administrator,
}
