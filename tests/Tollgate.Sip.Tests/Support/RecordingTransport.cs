using System.Collections.Concurrent;
using System.Net;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Support;

/// <summary>An in-memory transport that records what is sent and lets a test inject what is received.</summary>
public sealed class RecordingTransport : ISipTransport
{
    private SipReceiver? _receiver;

    public RecordingTransport(SipTransportKind kind = SipTransportKind.Udp, IPEndPoint? local = null)
    {
        Kind = kind;
        LocalEndPoint = local ?? new IPEndPoint(IPAddress.Loopback, 5060);
    }

    public SipTransportKind Kind { get; }

    public IPEndPoint LocalEndPoint { get; }

    public ConcurrentQueue<(SipMessage Message, IPEndPoint Remote)> Sent { get; } = new();

    /// <summary>Runs on each sent message, inside the send: a peer answering before the sender's next line.</summary>
    public Action<SipMessage>? OnSend { get; set; }

    /// <summary>When set, sending throws this, as a dead socket would.</summary>
    public Exception? FailSends { get; set; }

    public void Start(SipReceiver receiver) => _receiver = receiver;

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, IPEndPoint remote, CancellationToken cancellationToken = default)
    {
        if (FailSends is not null)
        {
            return ValueTask.FromException(FailSends);
        }

        var parsed = SipMessageParser.Default.Parse(message.Span);
        if (parsed.IsSuccess)
        {
            Sent.Enqueue((parsed.Message, remote));
            OnSend?.Invoke(parsed.Message);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Delivers bytes as if they had arrived from <paramref name="remote"/>.</summary>
    public void Receive(string text, IPEndPoint remote) => Receive(Wire.Bytes(text), remote);

    public void Receive(ReadOnlySpan<byte> bytes, IPEndPoint remote) =>
        (_receiver ?? throw new InvalidOperationException("Not started"))(this, bytes, remote);

    public List<SipMessage> TakeSent()
    {
        var list = new List<SipMessage>();
        while (Sent.TryDequeue(out var item))
        {
            list.Add(item.Message);
        }

        return list;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
