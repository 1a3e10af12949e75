using Tollgate.Domain.Switching;
using Tollgate.Switch.KeepAlive;

namespace Tollgate.Switch.Calls;

/// <summary>What the CDR of a call attempt will say about who called whom and when; filled in as the call goes.</summary>
internal sealed class CallFacts
{
    public required string CallId { get; init; }
    public required string CallingNumber { get; init; }
    public required string CalledNumber { get; set; }
    public DateTime SetupAt { get; init; }
    public DateTime? ConnectAt { get; set; }
    public long? CallerAccountKey { get; set; }
    public long? CalleeAccountKey { get; set; }
    public long? IncomingConnectionId { get; set; }
    public long? OutgoingConnectionId { get; set; }

    /// <summary>The callee account's <c>accountId</c>, when the call goes to an account (for call control).</summary>
    public string? CalleeAccountId { get; set; }

    /// <summary>Set when call control disconnects the call while it rings: the CDR then says so.</summary>
    public bool DisconnectedByControl { get; set; }

    /// <summary>Whether the caller is known (an authenticated account or a trusted connection): only then is a CDR written.</summary>
    public bool CallerIdentified => CallerAccountKey is not null || IncomingConnectionId is not null;

    public CallRecord ToRecord(DateTime disconnectAt, DateTime? billedEnd, int? finalStatus, string reason, string side,
        KeepAliveMethod callerKeepAlive = KeepAliveMethod.None, KeepAliveMethod calleeKeepAlive = KeepAliveMethod.None) =>
        new(CallId, CallerAccountKey, CalleeAccountKey, IncomingConnectionId, OutgoingConnectionId, CallingNumber, CalledNumber,
            SetupAt, ConnectAt, disconnectAt, ConnectAt is null ? null : billedEnd ?? disconnectAt, finalStatus, reason, side,
            callerKeepAlive.ToRecordName(), calleeKeepAlive.ToRecordName());
}
