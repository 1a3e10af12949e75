using Tollgate.Sip.Messages;

namespace Tollgate.Switch.Calls;

/// <summary>What the caller hears when the callee's leg fails, and how the CDR names it.</summary>
/// <param name="Status">The status the caller gets.</param>
/// <param name="Reason">Its reason phrase.</param>
/// <param name="DisconnectReason">The CDR's reason (see <see cref="DisconnectReasons"/>).</param>
public readonly record struct CallerFailure(int Status, string Reason, string DisconnectReason);

/// <summary>Maps a failed outgoing INVITE to the response the caller gets (the two legs are independent dialogs).</summary>
/// <remarks>
/// <list type="bullet">
/// <item>Most final responses are passed on with their reason phrase: busy, declined, not found, not acceptable...</item>
/// <item>401/407: the callee wants credentials the switch does not have; the caller could not supply them either, so it
/// gets 403.</item>
/// <item>3xx: redirects are not followed (they would take the call around billing); the caller gets 480.</item>
/// <item>503 from the callee becomes 500, as RFC 3261 §16.7 asks of a proxy: the caller must not think the switch itself
/// is overloaded. A 503 the stack generated (no route, transport failure) becomes 502 Bad Gateway.</item>
/// <item>A 408 the stack generated (nobody answered the INVITE at all) is passed on as 408.</item>
/// </list>
/// </remarks>
public static class FailureMapping
{
    public static CallerFailure ForCallee(int status, string reasonPhrase, bool locallyGenerated)
    {
        if (locallyGenerated)
        {
            return status == SipStatusCodes.RequestTimeout
                ? new CallerFailure(SipStatusCodes.RequestTimeout, "Request Timeout", DisconnectReasons.Unreachable)
                : new CallerFailure(SipStatusCodes.BadGateway, "Bad Gateway", DisconnectReasons.Unreachable);
        }

        return status switch
        {
            SipStatusCodes.Unauthorized or SipStatusCodes.ProxyAuthenticationRequired =>
                new CallerFailure(SipStatusCodes.Forbidden, "Forbidden", DisconnectReasons.Rejected),
            >= 300 and < 400 => new CallerFailure(SipStatusCodes.TemporarilyUnavailable, "Temporarily Unavailable", DisconnectReasons.Rejected),
            SipStatusCodes.ServiceUnavailable => new CallerFailure(SipStatusCodes.ServerInternalError, "Server Internal Error", DisconnectReasons.Rejected),
            SipStatusCodes.BusyHere or SipStatusCodes.BusyEverywhere => new CallerFailure(status, reasonPhrase, DisconnectReasons.Busy),
            SipStatusCodes.RequestTimeout or SipStatusCodes.TemporarilyUnavailable => new CallerFailure(status, reasonPhrase, DisconnectReasons.NoAnswer),
            _ => new CallerFailure(status, reasonPhrase, DisconnectReasons.Rejected),
        };
    }
}
