namespace Tollgate.Data.Access;

/// <summary>A single-use link to set a credential's password, as sent in a credentials e-mail.</summary>
/// <remarks>
/// Only the SHA-256 of the token is stored; the token itself exists only in the e-mail. Issuing and using links is
/// audited (the hash shows as ***), so the trail tells who sent whom a link and when it was used.
/// </remarks>
[Unscoped("looked up by the hash of its token by the anonymous set-password endpoint; never listed")]
public sealed class SetPasswordToken
{
    public long Id { get; set; }
    public long CredentialId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>When it was used, or made unusable by a newer link or a password change.</summary>
    public DateTime? UsedAt { get; set; }
}
