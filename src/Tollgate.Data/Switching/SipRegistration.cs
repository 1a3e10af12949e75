using Tollgate.Data.Audit;

namespace Tollgate.Data.Switching;

/// <summary>A contact an account registered with the switch, until it expires.</summary>
/// <remarks>Customer and reseller are copied from the account so tenant filters need no join.</remarks>
[NotAudited("phones re-register every few minutes; a registration is operational state, not a change someone made")]
public sealed class SipRegistration
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long CustomerId { get; set; }
    public long? ResellerId { get; set; }
    public required string ContactUri { get; set; }
    public required string Source { get; set; }
    public string? UserAgent { get; set; }
    public required string CallId { get; set; }
    public long CSeq { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
