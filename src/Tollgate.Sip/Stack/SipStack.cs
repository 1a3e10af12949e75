using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Stack;

/// <summary>A SIP endpoint: transports, the transaction layer and the dialog layer, with one surface for a UA or B2BUA.</summary>
/// <remarks>
/// <para>Incoming requests that need a decision arrive through <see cref="RequestReceived"/> as
/// <see cref="IncomingRequest"/>; retransmissions, ACKs of error responses, CANCEL, CSeq disorder, glare, unknown
/// methods and unknown dialogs are answered by the stack. Requests are sent with <see cref="InviteAsync"/>,
/// <see cref="SendRequestAsync"/> and <see cref="SendInDialogAsync"/>; their final responses come back as tasks
/// and provisional ones through a callback.</para>
/// <para>Handlers run on the transport's receive thread: they must not block. Time comes from the injected
/// <see cref="TimeProvider"/> and every random identifier from the injected <see cref="ISipRandom"/>.</para>
/// </remarks>
public sealed partial class SipStack : IAsyncDisposable
{
    private readonly List<ISipTransport> _transports = [];
    private readonly ConcurrentDictionary<DialogId, SipDialog> _dialogs = new();
    private readonly SipMessageParser _parser;
    private readonly SipTargetResolver _resolver;
    private readonly ILogger _logger;

    public SipStack(SipStackOptions? options = null, TimeProvider? time = null, ISipRandom? random = null,
        ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? new SipStackOptions();
        Time = time ?? TimeProvider.System;
        Random = random ?? CryptoSipRandom.Instance;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = LoggerFactory.CreateLogger<SipStack>();
        _parser = new SipMessageParser(Options.Parser);
        Transactions = new SipTransactionLayer(Time, Options.Timers, LoggerFactory.CreateLogger<SipTransactionLayer>());
        _resolver = new SipTargetResolver(PickTransport);
    }

    /// <summary>Requests the application must decide on; see <see cref="IncomingRequest"/>.</summary>
    public event Action<IncomingRequest>? RequestReceived;

    /// <summary>No ACK came for a 2xx this side sent (RFC 3261 §13.3.1.4): the session should be ended with BYE.</summary>
    public event Action<SipDialog>? AckTimedOut;

    public SipStackOptions Options { get; }

    public TimeProvider Time { get; }

    public ISipRandom Random { get; }

    public ILoggerFactory LoggerFactory { get; }

    public SipTransactionLayer Transactions { get; }

    public IReadOnlyList<ISipTransport> Transports => _transports;

    public int DialogCount => _dialogs.Count;

    /// <summary>Binds and starts every transport in <see cref="SipStackOptions.ListenEndpoints"/>.</summary>
    public void Start()
    {
        foreach (var endpoint in Options.ListenEndpoints)
        {
            AddTransport(endpoint.Transport == SipTransportKind.Udp
                ? SipUdpTransport.Bind(endpoint.EndPoint, Options.UdpReceiveLoops, LoggerFactory.CreateLogger<SipUdpTransport>())
                : SipTcpTransport.Bind(endpoint.EndPoint, Options.Parser.MaxMessageSize, LoggerFactory.CreateLogger<SipTcpTransport>()));
        }
    }

    /// <summary>Adds and starts a transport (one of the built-in ones, or another implementation).</summary>
    public void AddTransport(ISipTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        lock (_transports)
        {
            _transports.Add(transport);
        }

        transport.Start(OnReceived);
    }

    public SipDialog? FindDialog(DialogId id) => _dialogs.GetValueOrDefault(id);

    /// <summary>Starts an out-of-dialog request: new Call-ID, From tag, CSeq 1 and Max-Forwards (RFC 3261 §8.1.1).</summary>
    /// <remarks>The stack adds Via, and Contact for INVITE, when it sends the request.</remarks>
    public SipRequestBuilder CreateRequest(SipMethod method, SipUri requestUri, NameAddress from, NameAddress to,
        string? callId = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return new SipRequestBuilder(method, requestUri)
            .AddHeader(KnownHeader.From, (from.Tag is null ? from.WithTag(Random.NewTag()) : from).ToString())
            .AddHeader(KnownHeader.To, to.ToString())
            .AddHeader(KnownHeader.CallId, callId ?? Random.NewCallId())
            .AddHeader(KnownHeader.CSeq, new CSeq(1, method).ToString())
            .AddHeader(KnownHeader.MaxForwards, "70");
    }

    /// <summary>The Contact this side puts in messages sent over <paramref name="transport"/>.</summary>
    public NameAddress LocalContact(ISipTransport transport, string? user = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        var host = HostFor(transport);
        var parameters = transport.Kind == SipTransportKind.Tcp
            ? SipParameters.Of(new SipParameter("transport", "tcp"))
            : SipParameters.Empty;
        return new NameAddress(SipUri.Create(user, host, transport.LocalEndPoint.Port, parameters));
    }

    /// <summary>Sends a message as it is, outside any transaction (a stateless response or an ACK).</summary>
    public ValueTask SendStatelessAsync(SipMessage message, SipFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Transport.SendAsync(message.Bytes, flow.RemoteEndPoint, cancellationToken);
    }

    /// <summary>Finds the flow for a next-hop URI; null when no transport can reach it.</summary>
    public ValueTask<SipFlow?> ResolveAsync(SipUri uri, CancellationToken cancellationToken = default) =>
        _resolver.ResolveAsync(uri, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var dialog in _dialogs.Values)
        {
            dialog.Terminate();
        }

        _dialogs.Clear();
        ISipTransport[] transports;
        lock (_transports)
        {
            transports = [.. _transports];
            _transports.Clear();
        }

        foreach (var transport in transports)
        {
            await transport.DisposeAsync();
        }
    }

    internal void Register(SipDialog dialog) => _dialogs[dialog.Id] = dialog;

    internal void Forget(SipDialog dialog)
    {
        dialog.Terminate();
        _dialogs.TryRemove(new KeyValuePair<DialogId, SipDialog>(dialog.Id, dialog));
    }

    internal void OnAckTimeout(SipDialog dialog)
    {
        _logger.LogInformation("No ACK for the 2xx in {Dialog}", dialog);
        AckTimedOut?.Invoke(dialog);
    }

    private ISipTransport? PickTransport(SipTransportKind kind, AddressFamily family)
    {
        lock (_transports)
        {
            foreach (var t in _transports)
            {
                if (t.Kind == kind && t.LocalEndPoint.AddressFamily == family)
                {
                    return t;
                }
            }
        }

        return null;
    }

    private string HostFor(ISipTransport transport)
    {
        if (Options.AdvertisedHost is { } host)
        {
            return host;
        }

        var address = transport.LocalEndPoint.Address;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            throw new InvalidOperationException(
                $"Transport {transport} is bound to a wildcard address; set SipStackOptions.AdvertisedHost.");
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }

    private string SentBy(ISipTransport transport) =>
        $"{HostFor(transport)}:{transport.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture)}";
}
