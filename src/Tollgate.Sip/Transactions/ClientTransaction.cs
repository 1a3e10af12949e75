using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>A client transaction: sends a request, retransmits it over UDP, and delivers the responses.</summary>
/// <remarks>
/// Provisional responses go to <see cref="ProvisionalReceived"/>; the final one completes <see cref="FinalResponse"/>,
/// which is a locally generated 408 when the transaction times out and a 503 when the transport fails
/// (see <see cref="SipResponse.IsLocallyGenerated"/>). The task's continuations run asynchronously.
/// </remarks>
public abstract class ClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected ClientTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow, TransactionState initial)
        : base(layer, request, flow, TransactionKey.ForClient(request.Branch, request.Method), initial)
    {
    }

    public Task<SipResponse> FinalResponse => _final.Task;

    /// <summary>Called with each provisional response, outside the transaction's lock.</summary>
    public Action<SipResponse>? ProvisionalReceived { get; set; }

    internal abstract void Start();

    private protected abstract Action? OnResponse(SipResponse response);

    internal void Receive(SipResponse response)
    {
        Action? after;
        lock (Gate)
        {
            if (State == TransactionState.Terminated)
            {
                return;
            }

            after = OnResponse(response);
        }

        after?.Invoke();
    }

    private protected Action Provisional(SipResponse response) => () => ProvisionalReceived?.Invoke(response);

    private protected Action Final(SipResponse response) => () => _final.TrySetResult(response);

    private protected override Action? OnTransportError(Exception error)
    {
        var waiting = State is TransactionState.Calling or TransactionState.Trying or TransactionState.Proceeding;
        return Terminate(waiting ? Final(LocalResponse.TransportError(Request)) : null);
    }
}
