using System.Net;

namespace Tollgate.Sip.Transport;

/// <summary>A bound transport that sends bytes to a remote endpoint and reports the messages it receives.</summary>
/// <remarks>
/// Implementations deliver each complete message (a datagram, or one Content-Length framed message from a stream)
/// to the receiver given to <see cref="Start"/>. The span is only valid during the call; the receiver copies what it
/// keeps. Sending never blocks on the network for long; a failure surfaces as an exception from the returned task.
/// </remarks>
public interface ISipTransport : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    /// <summary>The bound local endpoint (with the real port when bound to port 0).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Begins receiving; messages are handed to <paramref name="receiver"/> from transport threads.</summary>
    void Start(SipReceiver receiver);

    /// <summary>Sends one complete message to <paramref name="remote"/>.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken = default);
}

/// <summary>Receives one complete message from a transport.</summary>
public delegate void SipReceiver(ISipTransport transport, ReadOnlySpan<byte> message, IPEndPoint remote);
