using System.Net;

namespace Tollgate.Sip.Transport;

/// <summary>The path a message travelled: the local transport it arrived on and the remote endpoint it came from.</summary>
/// <remarks>
/// Responses to a request go back along its flow (RFC 3261 §18.2.2, RFC 3581): over the same TCP connection, or
/// over UDP to the source address and port when the request asked for rport.
/// </remarks>
public sealed record SipFlow(ISipTransport Transport, IPEndPoint RemoteEndPoint)
{
    public SipTransportKind Kind => Transport.Kind;

    public IPEndPoint LocalEndPoint => Transport.LocalEndPoint;

    public override string ToString() => $"{Kind.ViaName()} {LocalEndPoint} <-> {RemoteEndPoint}";
}
