using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Transactions;

/// <summary>Responses the stack makes up for its user when the network gives none (RFC 3261 §8.1.3.1, §17.1.4).</summary>
internal static class LocalResponse
{
    /// <summary>408 Request Timeout: Timer B or F fired.</summary>
    public static SipResponse Timeout(SipRequest request) => Make(request, SipStatusCodes.RequestTimeout, "Request Timeout");

    /// <summary>503 Service Unavailable: the transport could not send the request.</summary>
    public static SipResponse TransportError(SipRequest request) =>
        Make(request, SipStatusCodes.ServiceUnavailable, "Service Unavailable (transport error)");

    public static SipResponse Make(SipRequest request, int status, string reason)
    {
        var response = SipResponseBuilder.ForRequest(request, status, reason).Build();
        response.IsLocallyGenerated = true;
        return response;
    }
}
