using Tollgate.Domain.Access;

namespace Tollgate.Data.Access;

/// <summary>One signed-in session: what its access tokens stand for and the refresh token that renews them.</summary>
/// <remarks>
/// Only hashes of refresh tokens are stored. A refresh rotates the token and remembers the previous hash, so a stolen
/// token that is replayed after rotation is recognised and the whole session revoked. Once revoked, access tokens
/// that carry this session's id are refused too.
/// </remarks>
[Unscoped("internal to sign-in; never listed through the API")]
[Audit.NotAudited("sign-in bookkeeping, not a change of business data")]
public sealed class Session
{
    public Guid Id { get; set; }
    public long CredentialId { get; set; }
    public Realm Realm { get; set; }
    public CredentialOwner Owner { get; set; }
    public long OwnerId { get; set; }
    public long? ResellerId { get; set; }
    public long? CustomerId { get; set; }
    public long? AccountId { get; set; }
    public required string RefreshTokenHash { get; set; }
    public string? PreviousRefreshTokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime RefreshedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>When the owner's own validity ends (an individual's expiration), tokens stop working even if not revoked.</summary>
    public DateTime? ValidUntil { get; set; }
    public string? RevokedReason { get; set; }
}
