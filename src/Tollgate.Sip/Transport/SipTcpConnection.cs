using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Transport;

/// <summary>One TCP connection: a read loop that frames messages by Content-Length, and serialized sends.</summary>
/// <remarks>
/// The read buffer comes from the shared pool and grows only as far as the largest message allowed. Between
/// messages a CRLFCRLF ping is answered with CRLF (RFC 5626 §4.4.1) and a lone CRLF is skipped. A stream that
/// cannot be framed is closed: there is no way to find the next message in it.
/// </remarks>
internal sealed class SipTcpConnection
{
    private const int InitialBuffer = 8 * 1024;

    private readonly SipTcpTransport _owner;
    private readonly Socket _socket;
    private readonly int _maxMessageSize;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private int _isClosed;

    public SipTcpConnection(SipTcpTransport owner, Socket socket, IPEndPoint remote, int maxMessageSize, ILogger logger)
    {
        _owner = owner;
        _socket = socket;
        Remote = remote;
        _maxMessageSize = maxMessageSize;
        _logger = logger;
    }

    public IPEndPoint Remote { get; }

    public void Start() => _ = Task.Run(ReadLoopAsync);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
                data = data[sent..];
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close();
            throw new SocketException((int)SocketError.ConnectionReset);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _isClosed, 1) == 1)
        {
            return;
        }

        _closed.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
        _owner.Forget(this);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (buffer.Length >= _maxMessageSize + 4)
                    {
                        _logger.LogWarning("Closing TCP connection from {Remote}: message larger than {Max} bytes", Remote, _maxMessageSize);
                        return;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxMessageSize + 4));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _closed.Token);
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var consumed = Deliver(buffer.AsSpan(0, filled), out var broken);
                if (broken)
                {
                    return;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or we closed: nothing to report beyond closing.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Close();
        }
    }

    // Frames and hands over every complete message in the buffer; returns how many bytes were used.
    private int Deliver(ReadOnlySpan<byte> data, out bool broken)
    {
        broken = false;
        var offset = 0;
        while (true)
        {
            var kind = SipStreamFramer.TryFrame(data[offset..], _maxMessageSize, out var length, out var error);
            switch (kind)
            {
                case SipFrameKind.NeedMoreData:
                    return offset;
                case SipFrameKind.Ping:
                    _ = PongAsync();
                    break;
                case SipFrameKind.Message:
                    _owner.Deliver(this, data.Slice(offset, length));
                    break;
                case SipFrameKind.Error:
                    _logger.LogWarning("Closing TCP connection from {Remote}: {Error}", Remote, error);
                    broken = true;
                    return offset;
            }

            offset += length;
        }
    }

    private async Task PongAsync()
    {
        try
        {
            await SendAsync("\r\n"u8.ToArray(), CancellationToken.None);
        }
        catch (SocketException)
        {
        }
    }
}
