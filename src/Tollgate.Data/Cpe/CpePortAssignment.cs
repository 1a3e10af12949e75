using Tollgate.Data.Parties;

namespace Tollgate.Data.Cpe;

/// <summary>One port (line) of a device given to an account, so the phone is provisioned with that account's line.</summary>
/// <remarks>A port holds at most one account and an account at most one port: both are unique indexes.</remarks>
public sealed class CpePortAssignment
{
    public long Id { get; set; }
    public long DeviceId { get; set; }
    public CpeDevice Device { get; set; } = null!;
    public int Port { get; set; }
    public long AccountId { get; set; }
    public Account Account { get; set; } = null!;

    /// <summary>The account's customer and reseller, copied so tenant filters need no join.</summary>
    public long CustomerId { get; set; }

    public long? ResellerId { get; set; }
    public DateTime AssignedAt { get; set; }
}
