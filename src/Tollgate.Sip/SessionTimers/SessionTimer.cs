using System.Globalization;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.SessionTimers;

/// <summary>RFC 4028 session-timer rules: the 422 check, negotiation in the answer, and the refresh deadlines.</summary>
public static class SessionTimer
{
    /// <summary>The smallest interval RFC 4028 §4 allows anyone to ask for.</summary>
    public const uint MinimumSeconds = 90;

    /// <summary>The interval RFC 4028 recommends (§4).</summary>
    public const uint RecommendedSeconds = 1800;

    /// <summary>The option tag in Supported/Require.</summary>
    public const string OptionTag = "timer";

    /// <summary>
    /// Answers a request whose Session-Expires is below the floor (the larger of <paramref name="minSE"/> and 90 s)
    /// with 422 and a Min-SE header (RFC 4028 §8.1, §9); returns null when the request is acceptable.
    /// </summary>
    public static SipResponseBuilder? RejectIfTooSmall(SipRequest request, uint minSE, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var floor = Math.Max(minSE, MinimumSeconds);
        var se = request.SessionExpires;
        if (se is null || se.DeltaSeconds >= floor)
        {
            return null;
        }

        return SipResponseBuilder.ForRequest(request, SipStatusCodes.SessionIntervalTooSmall, null, toTag)
            .AddHeader(KnownHeader.MinSE, floor.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Decides the Session-Expires a UAS puts in its 2xx (RFC 4028 §9).</summary>
    /// <param name="request">The INVITE or UPDATE being answered; call <see cref="RejectIfTooSmall"/> first.</param>
    /// <param name="preferredSeconds">The interval this UAS wants; it may shorten the request's, never below Min-SE.</param>
    /// <param name="preferred">Who should refresh when the request leaves it open.</param>
    /// <returns>The header for the answer, or null when the UAC does not support timers and none is wanted.</returns>
    public static SessionExpires? NegotiateAsUas(SipRequest request, uint preferredSeconds, SessionRefresher preferred)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uacSupports = UacSupportsTimer(request);
        var floor = Math.Max(request.MinSE ?? MinimumSeconds, MinimumSeconds);
        var requested = request.SessionExpires;
        var interval = Math.Max(floor, Math.Min(requested?.DeltaSeconds ?? preferredSeconds, preferredSeconds));
        var refresher = requested?.Refresher ?? SessionRefresher.Unspecified;
        if (refresher == SessionRefresher.Unspecified)
        {
            // A UAC that does not support timers cannot refresh (RFC 4028 §9): then the UAS must.
            refresher = uacSupports ? (preferred == SessionRefresher.Unspecified ? SessionRefresher.Uac : preferred)
                : SessionRefresher.Uas;
        }

        return new SessionExpires(interval, refresher);
    }

    /// <summary>Adds Session-Expires to a 2xx, with Require: timer when the UAC supports it (RFC 4028 §9).</summary>
    public static SipResponseBuilder ApplyToResponse(SipResponseBuilder response, SipRequest request, SessionExpires sessionExpires)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(sessionExpires);
        response.SetHeader(KnownHeader.SessionExpires, sessionExpires.ToString());
        if (UacSupportsTimer(request))
        {
            response.AddHeader(KnownHeader.Require, OptionTag);
        }

        return response;
    }

    /// <summary>Asks for a session timer in a request: Supported: timer, Session-Expires and optionally Min-SE.</summary>
    public static SipRequestBuilder ApplyToRequest(SipRequestBuilder request, SessionExpires sessionExpires, uint? minSE = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sessionExpires);
        if (request.GetHeaderValue(KnownHeader.Supported) is not { } supported
            || !supported.Split(',').Any(t => t.Trim().Equals(OptionTag, StringComparison.OrdinalIgnoreCase)))
        {
            request.AddHeader(KnownHeader.Supported, OptionTag);
        }

        request.SetHeader(KnownHeader.SessionExpires, sessionExpires.ToString());
        if (minSE is { } min)
        {
            request.SetHeader(KnownHeader.MinSE, min.ToString(CultureInfo.InvariantCulture));
        }

        return request;
    }

    /// <summary>After a 422, the interval to retry with: the response's Min-SE if larger (RFC 4028 §8.1).</summary>
    public static uint IntervalAfterTooSmall(SipResponse response, uint previousSeconds)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Math.Max(previousSeconds, response.MinSE ?? MinimumSeconds);
    }

    /// <summary>When the refresher sends its refresh: half the interval (RFC 4028 §10).</summary>
    public static TimeSpan RefreshAfter(SessionExpires sessionExpires) =>
        TimeSpan.FromSeconds(sessionExpires.DeltaSeconds / 2.0);

    /// <summary>When the other side gives up without a refresh: SE - min(32, SE/3) seconds (RFC 4028 §10).</summary>
    public static TimeSpan ExpiryAfter(SessionExpires sessionExpires)
    {
        var se = sessionExpires.DeltaSeconds;
        return TimeSpan.FromSeconds(se - Math.Min(32.0, se / 3.0));
    }

    private static bool UacSupportsTimer(SipRequest request) =>
        request.Supported.Any(t => t.Equals(OptionTag, StringComparison.OrdinalIgnoreCase))
        || request.Require.Any(t => t.Equals(OptionTag, StringComparison.OrdinalIgnoreCase));
}
