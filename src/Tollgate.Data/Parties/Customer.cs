using Tollgate.Data.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Data.Parties;

/// <summary>A paying customer: a person or a business, of the provider directly or of a reseller.</summary>
public sealed class Customer : IParty
{
    public long Id { get; set; }

    /// <summary>The reseller that owns this customer; null when the provider serves it directly.</summary>
    public long? ResellerId { get; set; }

    public Reseller? Reseller { get; set; }
    public required string Name { get; set; }
    public long? CredentialId { get; set; }
    public Credential? Credential { get; set; }
    public string? Email { get; set; }
    public required string Currency { get; set; }
    public BillingPeriodKind BillingPeriod { get; set; }
    public required string TimeZone { get; set; }
    public PartyStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
}
