namespace Tollgate.Domain.Access;

/// <summary>Who a role is for: a customer's self-care users, or the staff of the provider or of a reseller.</summary>
/// <remarks>
/// Only <see cref="CustomerSelfCare"/> roles can be allowed for customers and given to customer individuals. The staff
/// types are carried by the model so that staff roles can be defined; nothing assigns them to staff members yet.
/// </remarks>
public enum RoleType
{
    CustomerSelfCare,
    Administrator,
    Reseller,
}
