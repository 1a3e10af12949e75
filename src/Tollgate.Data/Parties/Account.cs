using Tollgate.Data.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Data.Parties;

/// <summary>A subscriber line of a customer, named by <see cref="AccountId"/> (a phone number or a generated id).</summary>
public sealed class Account
{
    public long Id { get; set; }

    /// <summary>The account's name on the network and its login in the account realm; unique in the installation.</summary>
    public required string AccountId { get; set; }

    public long CustomerId { get; set; }
    public Customer Customer { get; set; } = null!;

    /// <summary>The reseller above the account's customer, copied from it so tenant filters need no join.</summary>
    public long? ResellerId { get; set; }

    public long? CredentialId { get; set; }
    public Credential? Credential { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public AccountStatus Status { get; set; }

    /// <summary>Who blocked it, while <see cref="Status"/> is blocked: a lower party cannot lift a higher one's block.</summary>
    public BlockedBy? BlockedBy { get; set; }

    public DateTime? BlockedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>The service policy for this account's calls; overrides its products' policy.</summary>
    public long? ServicePolicyId { get; set; }
}
