using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>Creates transactions, matches incoming messages to them (RFC 3261 §17.1.3, §17.2.3), and forgets them when done.</summary>
/// <remarks>
/// Only RFC 3261 branches are matched (the RFC 2543 fallback is not implemented; the parser already rejects a top
/// Via without a branch). A terminated transaction removes itself, so the tables hold only live transactions.
/// </remarks>
public sealed class SipTransactionLayer
{
    private readonly ConcurrentDictionary<TransactionKey, ClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<TransactionKey, ServerTransaction> _servers = new();

    public SipTransactionLayer(TimeProvider time, SipTimerSettings? timers = null, ILogger? logger = null)
    {
        Time = time ?? throw new ArgumentNullException(nameof(time));
        Timers = timers ?? SipTimerSettings.Default;
        Logger = logger ?? NullLogger.Instance;
    }

    public TimeProvider Time { get; }

    public SipTimerSettings Timers { get; }

    public int ClientTransactionCount => _clients.Count;

    public int ServerTransactionCount => _servers.Count;

    internal ILogger Logger { get; }

    /// <summary>Sends a request in a new client transaction over <paramref name="flow"/>.</summary>
    /// <remarks>The request's top Via must carry a branch no other live transaction uses. ACK is not a transaction.</remarks>
    public ClientTransaction StartClient(SipRequest request, SipFlow flow, Action<SipResponse>? onProvisional = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(flow);
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK is sent without a transaction.", nameof(request));
        }

        ClientTransaction tx = request.Method == SipMethod.Invite
            ? new InviteClientTransaction(this, request, flow)
            : new NonInviteClientTransaction(this, request, flow);
        tx.ProvisionalReceived = onProvisional;
        if (!_clients.TryAdd(tx.Key, tx))
        {
            throw new InvalidOperationException($"A client transaction with branch {request.Branch} already exists.");
        }

        tx.Start();
        return tx;
    }

    /// <summary>Creates the server transaction for a new request; responses go where §18.2.2 says.</summary>
    /// <remarks>With <paramref name="sendTrying"/>, an INVITE is answered 100 Trying at once (RFC 3261 §17.2.1).</remarks>
    public ServerTransaction CreateServer(SipRequest request, bool sendTrying = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("ACK does not create a transaction.", nameof(request));
        }

        var flow = ResponseRouting.For(request);
        ServerTransaction tx = request.Method == SipMethod.Invite
            ? new InviteServerTransaction(this, request, flow)
            : new NonInviteServerTransaction(this, request, flow);
        var existing = _servers.GetOrAdd(tx.Key, tx);
        if (!ReferenceEquals(existing, tx))
        {
            return existing;
        }

        if (sendTrying && tx is InviteServerTransaction)
        {
            tx.Respond(SipResponseBuilder.ForRequest(request, SipStatusCodes.Trying).Build());
        }

        return tx;
    }

    /// <summary>Gives a request to the server transaction it belongs to; true when that transaction absorbed it.</summary>
    public bool TryMatchRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _servers.TryGetValue(TransactionKey.ForServer(request), out var tx) && tx.Receive(request);
    }

    /// <summary>Gives a response to its client transaction; false when none matches (a stray or late response).</summary>
    public bool TryMatchResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!_clients.TryGetValue(TransactionKey.ForResponse(response), out var tx))
        {
            return false;
        }

        tx.Receive(response);
        return true;
    }

    /// <summary>The INVITE server transaction a CANCEL targets (RFC 3261 §9.2), if it is still live.</summary>
    public InviteServerTransaction? FindInvite(SipRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        return _servers.TryGetValue(TransactionKey.ForCancelledInvite(cancel), out var tx) ? tx as InviteServerTransaction : null;
    }

    internal void Remove(SipTransaction tx)
    {
        switch (tx)
        {
            case ClientTransaction c:
                _clients.TryRemove(new KeyValuePair<TransactionKey, ClientTransaction>(c.Key, c));
                break;
            case ServerTransaction s:
                _servers.TryRemove(new KeyValuePair<TransactionKey, ServerTransaction>(s.Key, s));
                break;
        }
    }
}
