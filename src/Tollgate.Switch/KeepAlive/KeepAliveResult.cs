using Tollgate.Sip.Messages;

namespace Tollgate.Switch.KeepAlive;

/// <summary>What one keep-alive request came back with, reduced to what decides the leg's fate.</summary>
public enum KeepAliveResult
{
    /// <summary>The party answered: it is there.</summary>
    Alive,

    /// <summary>The party answered 405 or 501 to UPDATE: it is there, but must be checked with re-INVITE from now on.</summary>
    AliveButNoUpdate,

    /// <summary>No answer, or 408/481: the party may be gone; retried before the call is ended.</summary>
    Failed,

    /// <summary>No answer to UPDATE: a failure, and the leg falls back to re-INVITE (the party may only mishandle UPDATE).</summary>
    FailedUpdate,

    /// <summary>Not sent because another offer or re-INVITE is under way on the leg: the leg is busy, hence alive.</summary>
    Busy,

    /// <summary>Not sent because the dialog has ended (a BYE crossed it): nothing to judge.</summary>
    DialogEnded,
}

/// <summary>Turns a keep-alive's final response into a <see cref="KeepAliveResult"/>.</summary>
/// <remarks>
/// Locally generated responses stand for what the network did not say: 408 is a timeout, 503 a transport failure
/// (both failures); 491 means the stack did not send the request because an offer was pending; 481 that the dialog had
/// already ended. From the party itself only 408 and 481 count as failures (RFC 3261 §12.2.1.2), and 405/501 to UPDATE
/// as "alive, but does not do UPDATE"; any other answer, even 500, proves the party is there.
/// </remarks>
public static class KeepAliveResults
{
    public static KeepAliveResult Classify(KeepAliveMethod method, int status, bool locallyGenerated)
    {
        var update = method == KeepAliveMethod.Update;
        if (locallyGenerated)
        {
            return status switch
            {
                SipStatusCodes.RequestPending => KeepAliveResult.Busy,
                SipStatusCodes.CallOrTransactionDoesNotExist => KeepAliveResult.DialogEnded,
                SipStatusCodes.RequestTimeout => update ? KeepAliveResult.FailedUpdate : KeepAliveResult.Failed,
                _ => KeepAliveResult.Failed,
            };
        }

        return status switch
        {
            SipStatusCodes.RequestTimeout or SipStatusCodes.CallOrTransactionDoesNotExist => KeepAliveResult.Failed,
            SipStatusCodes.MethodNotAllowed or SipStatusCodes.NotImplemented when update => KeepAliveResult.AliveButNoUpdate,
            _ => KeepAliveResult.Alive,
        };
    }
}
