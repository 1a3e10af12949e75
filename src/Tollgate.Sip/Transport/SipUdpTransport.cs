using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Tollgate.Sip.Transport;

/// <summary>SIP over UDP (RFC 3261 §18): one socket, a few receive loops, one datagram per message.</summary>
/// <remarks>
/// Each receive loop is a thread of its own that owns one 64 KiB buffer for its whole life and waits in the
/// allocation-free <c>ReceiveFrom(Span, SocketFlags, SocketAddress)</c>. Dedicated threads, not async loops on the
/// thread pool: when the application's work keeps the pool busy (database calls that block, a burst of call set-ups),
/// an async loop's continuation waits in the pool's queue, 100 Trying goes out late and the peers retransmit, which
/// makes it worse. The receiver runs on the loop, so it must hand slow work elsewhere. ICMP errors reported on the
/// socket are ignored: UDP has no connection to lose.
/// </remarks>
public sealed class SipUdpTransport : ISipTransport
{
    private const int DatagramSize = 65536;

    private readonly Socket _socket;
    private readonly int _loops;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Thread> _running = [];

    private SipUdpTransport(Socket socket, int loops, ILogger logger)
    {
        _socket = socket;
        _loops = loops;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds a UDP socket; <paramref name="receiveLoops"/> concurrent receives keep both cores busy.</summary>
    public static SipUdpTransport Bind(IPEndPoint endPoint, int receiveLoops = 2, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            socket.ReceiveBufferSize = 4 * 1024 * 1024;
            socket.SendBufferSize = 4 * 1024 * 1024;
            socket.Bind(endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new SipUdpTransport(socket, Math.Max(1, receiveLoops), logger ?? NullLogger.Instance);
    }

    public void Start(SipReceiver receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        for (var i = 0; i < _loops; i++)
        {
            var thread = new Thread(() => ReceiveLoop(receiver, _stop.Token)) { IsBackground = true, Name = $"SIP {this} receive {i + 1}" };
            _running.Add(thread);
            thread.Start();
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        var sending = _socket.SendToAsync(message, SocketFlags.None, remote, cancellationToken);
        return sending.IsCompletedSuccessfully ? ValueTask.CompletedTask : AwaitSend(sending);
    }

    private static async ValueTask AwaitSend(ValueTask<int> sending) => await sending;

    private void ReceiveLoop(SipReceiver receiver, CancellationToken stop)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(DatagramSize, pinned: true);
        var address = new SocketAddress(LocalEndPoint.AddressFamily);
        while (!stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                // Closing the socket interrupts the receive; an exception must not end the thread (nor the process) otherwise.
                if (stop.IsCancellationRequested) break;
                if (e.SocketErrorCode is not (SocketError.ConnectionReset or SocketError.MessageSize))
                    _logger.LogWarning(e, "Receiving on {Transport} failed", this);
                continue;
            }

            var remote = (IPEndPoint)LocalEndPoint.Create(address);
            try
            {
                receiver(this, buffer.AsSpan(0, received), remote);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogError(e, "Handling a datagram from {Remote} failed", remote);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Closing the socket ends the blocked receives.
        _socket.Dispose();
        foreach (var thread in _running) thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    public override string ToString() => $"udp:{LocalEndPoint}";
}
