using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Access;

/// <summary>A customer's employee with a personal sign-in in the customer realm, a role, and dates between which it works.</summary>
public sealed class Individual
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;

    /// <summary>The customer's reseller, copied so the tenant filter needs no join.</summary>
    public long? ResellerId { get; set; }

    public long CredentialId { get; set; }
    public Credential Credential { get; set; } = null!;
    public required string Email { get; set; }
    public required string FirstName { get; set; }
    public string? LastName { get; set; }
    public long RoleId { get; set; }
    public Role Role { get; set; } = null!;

    /// <summary>The IANA zone the activation and expiration dates are read in.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The first day the credentials work (inclusive), or null.</summary>
    public DateOnly? ActivationDate { get; set; }

    /// <summary>The last day the credentials work (inclusive), or null.</summary>
    public DateOnly? ExpirationDate { get; set; }

    public DateTime CreatedAt { get; set; }

    public ValidityPeriod Validity() => new(ActivationDate, ExpirationDate, TimeZone);
}
