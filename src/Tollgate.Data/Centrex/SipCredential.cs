using Tollgate.Data.Audit;
using Tollgate.Data.Parties;

namespace Tollgate.Data.Centrex;

/// <summary>The SIP digest password an account's phone registers with; the user name is the account's <c>accountId</c>.</summary>
/// <remarks>
/// Stored as the password itself, not a hash: digest authentication (RFC 3261 §22) needs it, or a hash that depends on
/// the switch's realm. It leaves the database only to the switch and, once, to whoever created or reset it.
/// </remarks>
public sealed class SipCredential
{
    public long AccountId { get; set; }
    public Account Account { get; set; } = null!;

    [AuditSecret]
    public required string Password { get; set; }

    /// <summary>The account's customer and reseller, copied so tenant filters need no join.</summary>
    public long CustomerId { get; set; }

    public long? ResellerId { get; set; }
    public DateTime ChangedAt { get; set; }
}
