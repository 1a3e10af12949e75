using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Transport;

/// <summary>SIP over TCP (RFC 3261 §18): a listener, and one connection per remote endpoint in each direction.</summary>
/// <remarks>
/// <para>Connections are found by remote endpoint, so a response to a request goes back over the connection the
/// request came on (§18.2.2), and requests to a peer reuse the connection to it. A connection is opened on the
/// first send to an unknown endpoint; concurrent first sends share one connect.</para>
/// <para>Not done: idle-connection reaping, and reopening a connection to the Via sent-by when the one a request
/// came on has closed; the send then fails and the transaction reports 503.</para>
/// </remarks>
public sealed class SipTcpTransport : ISipTransport
{
    private readonly Socket _listener;
    private readonly int _maxMessageSize;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _connections = new();
    private readonly ConcurrentDictionary<IPEndPoint, Lazy<Task<SipTcpConnection>>> _connecting = new();
    private readonly CancellationTokenSource _stop = new();
    private SipReceiver? _receiver;
    private Task _accepting = Task.CompletedTask;

    private SipTcpTransport(Socket listener, int maxMessageSize, ILogger logger)
    {
        _listener = listener;
        _maxMessageSize = maxMessageSize;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Tcp;

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Open connections, accepted and initiated.</summary>
    public int ConnectionCount => _connections.Count;

    public static SipTcpTransport Bind(IPEndPoint endPoint, int maxMessageSize = SipParserOptions.DefaultMaxMessageSize,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listener.DualMode = false;
            }

            listener.Bind(endPoint);
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new SipTcpTransport(listener, maxMessageSize, logger ?? NullLogger.Instance);
    }

    public void Start(SipReceiver receiver)
    {
        _receiver = receiver ?? throw new ArgumentNullException(nameof(receiver));
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (!_connections.TryGetValue(remote, out var connection))
        {
            var connecting = _connecting.GetOrAdd(remote, r => new Lazy<Task<SipTcpConnection>>(() => ConnectAsync(r)));
            try
            {
                connection = await connecting.Value.WaitAsync(cancellationToken);
            }
            finally
            {
                _connecting.TryRemove(new KeyValuePair<IPEndPoint, Lazy<Task<SipTcpConnection>>>(remote, connecting));
            }
        }

        await connection.SendAsync(message, cancellationToken);
    }

    internal void Deliver(SipTcpConnection connection, ReadOnlySpan<byte> message)
    {
        try
        {
            _receiver?.Invoke(this, message, connection.Remote);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Handling a message from {Remote} failed", connection.Remote);
        }
    }

    internal void Forget(SipTcpConnection connection) =>
        _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.Remote, connection));

    private async Task<SipTcpConnection> ConnectAsync(IPEndPoint remote)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(remote, _stop.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return Register(socket, remote);
    }

    private SipTcpConnection Register(Socket socket, IPEndPoint remote)
    {
        var connection = new SipTcpConnection(this, socket, remote, _maxMessageSize, _logger);
        if (_connections.TryGetValue(remote, out var old))
        {
            old.Close();
        }

        _connections[remote] = connection;
        connection.Start();
        return connection;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e)
            {
                _logger.LogWarning(e, "Accepting a TCP connection failed");
                continue;
            }

            socket.NoDelay = true;
            Register(socket, (IPEndPoint)socket.RemoteEndPoint!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        foreach (var connection in _connections.Values)
        {
            connection.Close();
        }

        _stop.Dispose();
    }

    public override string ToString() => $"tcp:{LocalEndPoint}";
}
