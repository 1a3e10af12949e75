using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>A server transaction: sends the user's responses, and answers retransmitted requests by itself.</summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected ServerTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow, TransactionState initial)
        : base(layer, request, flow, TransactionKey.ForServer(request), initial)
    {
    }

    /// <summary>The last response sent, which a retransmitted request gets again.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>True once a final response was sent.</summary>
    public bool HasFinalResponse => LastResponse is { StatusCode: >= 200 };

    /// <summary>Raised outside the lock when a response could not be sent.</summary>
    public event Action<ServerTransaction, Exception>? TransportFailed;

    /// <summary>Sends a response; false when the transaction already sent a final one (or is gone).</summary>
    public bool Respond(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Action? after;
        lock (Gate)
        {
            if (State == TransactionState.Terminated || !CanSend(response))
            {
                return false;
            }

            LastResponse = response;
            Send(response);
            after = OnSent(response);
        }

        after?.Invoke();
        return true;
    }

    /// <summary>A request (retransmission or ACK) matched this transaction; true when it was absorbed here.</summary>
    internal bool Receive(SipRequest request)
    {
        Action? after;
        bool absorbed;
        lock (Gate)
        {
            if (State == TransactionState.Terminated)
            {
                return false;
            }

            absorbed = OnRequest(request, out after);
        }

        after?.Invoke();
        return absorbed;
    }

    private protected abstract bool CanSend(SipResponse response);

    private protected abstract Action? OnSent(SipResponse response);

    private protected abstract bool OnRequest(SipRequest request, out Action? after);

    private protected override Action? OnTransportError(Exception error)
    {
        var handlers = TransportFailed;
        return Terminate(handlers is null ? null : () => handlers(this, error));
    }
}
