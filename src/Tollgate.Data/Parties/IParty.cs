using Tollgate.Data.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Data.Parties;

/// <summary>What resellers and customers share: both are billed parties with a sign-in, a currency, a period and a zone.</summary>
public interface IParty
{
    long Id { get; }
    string Name { get; set; }
    long? CredentialId { get; set; }
    Credential? Credential { get; set; }
    string? Email { get; set; }
    string Currency { get; set; }
    BillingPeriodKind BillingPeriod { get; set; }
    string TimeZone { get; set; }
    PartyStatus Status { get; set; }
    DateTime CreatedAt { get; set; }
    DateTime? ClosedAt { get; set; }
}
