using Tollgate.Data.Parties;

namespace Tollgate.Data.Access;

/// <summary>A role a customer may give its individuals (decided by the provider or the customer's reseller).</summary>
public sealed class CustomerAllowedRole
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;

    /// <summary>The customer's reseller, copied so the tenant filter needs no join.</summary>
    public long? ResellerId { get; set; }

    public long RoleId { get; set; }
    public Role Role { get; set; } = null!;
}
