using Tollgate.Data.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Data.Parties;

/// <summary>A company that sells the provider's products to its own customers and is billed by the provider.</summary>
public sealed class Reseller : IParty
{
    public long Id { get; set; }
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

    /// <summary>The wholesale tariff the reseller pays for its customers' calls (voice, the one service rated by usage).</summary>
    public long? TariffId { get; set; }
}
