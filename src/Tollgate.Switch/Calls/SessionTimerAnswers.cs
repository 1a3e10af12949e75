using Tollgate.Sip.Messages;
using Tollgate.Sip.SessionTimers;

namespace Tollgate.Switch.Calls;

/// <summary>The Session-Expires the switch puts in a 2xx (RFC 4028 §9), when the request asked for session timers.</summary>
/// <remarks>
/// The switch watches calls with its own keep-alives, so it never asks for session timers itself; when a party does,
/// it agrees (never below its Min-SE, at most its preferred interval) and lets the party refresh when the party can
/// (refresher=uac). When the switch is made the refresher, its keep-alives on that leg come at least every half
/// interval, and they are the refreshes.
/// </remarks>
internal static class SessionTimerAnswers
{
    public static SessionExpires? Negotiate(SipRequest request, uint preferredSeconds) =>
        request.SessionExpires is null ? null : SessionTimer.NegotiateAsUas(request, preferredSeconds, SessionRefresher.Unspecified);
}
