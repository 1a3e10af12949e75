using Tollgate.Data.Audit;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Access;

/// <summary>A sign-in: a login unique within its realm and the hash of its password.</summary>
/// <remarks>
/// Every party that can sign in (administrator, reseller, customer, customer individual, account) points at one
/// credential, so logins are unique per realm in one index and sign-in is the same code for all of them.
/// </remarks>
[Unscoped("reached only through its owner (which is scoped) or by the sign-in service")]
public sealed class Credential
{
    public long Id { get; set; }
    public Realm Realm { get; set; }
    public required string Login { get; set; }

    /// <summary>The login in lower case: uniqueness and look-up ignore letter case.</summary>
    [AuditIgnore]
    public required string LoginKey { get; set; }

    /// <summary>Null while no password has been set yet (the owner cannot sign in).</summary>
    [AuditSecret]
    public string? PasswordHash { get; set; }

    public CredentialOwner Owner { get; set; }
    public long OwnerId { get; set; }

    [AuditIgnore]
    public int FailedAttempts { get; set; }

    [AuditIgnore]
    public DateTime? LockedUntil { get; set; }

    public DateTime? PasswordChangedAt { get; set; }

    public static string KeyOf(string login) => login.Trim().ToLowerInvariant();
}

/// <summary>What kind of party a <see cref="Credential"/> belongs to.</summary>
public enum CredentialOwner
{
    Administrator,
    Reseller,
    Customer,
    Individual,
    Account,
}
