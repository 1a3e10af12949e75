namespace Tollgate.Switch.Calls;

/// <summary>Why a call attempt ended, as written in its CDR.</summary>
public static class DisconnectReasons
{
    /// <summary>A party hung up (BYE).</summary>
    public const string Normal = "normal";

    /// <summary>The caller cancelled before the answer.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The callee was busy (486, 600).</summary>
    public const string Busy = "busy";

    /// <summary>Nobody answered in time (the ring limit, or 408/480 from the callee).</summary>
    public const string NoAnswer = "no-answer";

    /// <summary>The callee refused the call with another final response.</summary>
    public const string Rejected = "rejected";

    /// <summary>Billing refused the call (blocked account, unknown number, no credit...).</summary>
    public const string Refused = "refused";

    /// <summary>The callee is an account with no registered contact.</summary>
    public const string NotRegistered = "not-registered";

    /// <summary>The callee could not be reached (no route, transport failure, no response at all).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A party stopped answering keep-alives; the switch ended the call.</summary>
    public const string KeepAliveFailed = "keepalive-failed";

    /// <summary>The call reached the longest duration billing allowed.</summary>
    public const string MaxDuration = "max-duration";

    /// <summary>The caller never acknowledged the answer (no ACK for the 200).</summary>
    public const string NoAck = "no-ack";

    /// <summary>The switch was shut down while the call was up.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>Something went wrong in the switch itself.</summary>
    public const string Failed = "failed";

    /// <summary>Ended through the call control API (<c>DELETE /api/v1/calls/{id}</c>).</summary>
    public const string CallControl = "call-control";

    /// <summary>The call control API transferred a party to a new call (which has its own CDR); this part ended there.</summary>
    public const string Transferred = "transferred";
}

/// <summary>Which side ended a call, as written in its CDR.</summary>
public static class DisconnectSides
{
    public const string Caller = "caller";
    public const string Callee = "callee";
    public const string Switch = "switch";
}
