using System.Net;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Transport;

/// <summary>Where a response to a request goes (RFC 3261 §18.2.2 with the rport of RFC 3581).</summary>
internal static class ResponseRouting
{
    /// <summary>
    /// Over a reliable transport: back over the connection the request came on. Over UDP: to maddr if the top Via
    /// has one; else to the source address, at the source port when the request asked for rport and at the
    /// sent-by port (default 5060) when it did not. The response always leaves from the transport the request
    /// arrived on, so it comes from the address the peer sent to.
    /// </summary>
    public static SipFlow For(SipRequest request)
    {
        var flow = request.Flow ?? throw new InvalidOperationException("The request did not come from the network.");
        if (flow.Kind.IsReliable())
        {
            return flow;
        }

        var via = request.TopVia;
        var port = via.Port ?? 5060;
        if (via.MAddr is { } maddr && IPAddress.TryParse(maddr.Trim('[', ']'), out var multicast))
        {
            return flow with { RemoteEndPoint = new IPEndPoint(multicast, port) };
        }

        if (via.HasRPort)
        {
            return flow;
        }

        return flow.RemoteEndPoint.Port == port ? flow : flow with { RemoteEndPoint = new IPEndPoint(flow.RemoteEndPoint.Address, port) };
    }
}
