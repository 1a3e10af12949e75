using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>The INVITE client transaction of RFC 3261 §17.1.1, with the Accepted state of RFC 6026.</summary>
/// <remarks>
/// <para>Calling: the INVITE is retransmitted over UDP by Timer A (T1, doubling without cap) until a response or
/// Timer B (64·T1), which reports a 408. Proceeding: no retransmissions and no Timer B; a user that wants a ringing
/// limit cancels. Completed: for 300-699 the transaction sends the ACK itself and resends it for each retransmitted
/// final response until Timer D. Accepted: after a 2xx, further 2xx (retransmissions or other forks) go to
/// <see cref="Additional2xx"/> for 64·T1 (Timer M); ACKing a 2xx is the user's (the dialog's) job.</para>
/// <para><see cref="Cancel"/> follows §9.1: a CANCEL is only sent once a provisional response has arrived.</para>
/// </remarks>
public sealed class InviteClientTransaction : ClientTransaction
{
    private SipRequest? _ack;
    private bool _cancelPending;
    private TaskCompletionSource<SipResponse>? _cancelResult;

    internal InviteClientTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow)
        : base(layer, request, flow, TransactionState.Calling)
    {
    }

    /// <summary>Called with every 2xx after the first, outside the lock: retransmissions and forked answers.</summary>
    public Action<SipResponse>? Additional2xx { get; set; }

    internal override void Start()
    {
        lock (Gate)
        {
            Send(Request);
            if (!IsReliable)
            {
                RetransmitTimer.Arm(Timers.T1);
            }

            TimeoutTimer.Arm(Timers.TransactionTimeout);
        }
    }

    /// <summary>Cancels the INVITE (RFC 3261 §9.1); returns the CANCEL's final response, or null when too late.</summary>
    public Task<SipResponse>? Cancel()
    {
        lock (Gate)
        {
            if (_cancelResult is not null)
            {
                return _cancelResult.Task;
            }

            if (State is not (TransactionState.Calling or TransactionState.Proceeding))
            {
                return null;
            }

            _cancelResult = new TaskCompletionSource<SipResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (State == TransactionState.Proceeding)
            {
                SendCancel();
            }
            else
            {
                _cancelPending = true;
            }

            return _cancelResult.Task;
        }
    }

    private protected override Action? OnRetransmitTimer()
    {
        if (State != TransactionState.Calling)
        {
            return null;
        }

        Send(Request);
        RetransmitTimer.Arm(RetransmitTimer.Interval * 2);
        return null;
    }

    private protected override Action? OnTimeoutTimer() => State switch
    {
        // Timer B, or 64·T1 after a CANCEL that got no final response for the INVITE (§9.1).
        TransactionState.Calling or TransactionState.Proceeding => Terminate(Final(LocalResponse.Timeout(Request)) + SettleUnsentCancel()),
        _ => Terminate(), // Timer D or M
    };

    private protected override Action? OnResponse(SipResponse response)
    {
        var code = response.StatusCode;
        switch (State)
        {
            case TransactionState.Calling or TransactionState.Proceeding when code < 200:
                RetransmitTimer.Cancel();
                if (State == TransactionState.Calling)
                {
                    TimeoutTimer.Cancel();
                }

                MoveTo(TransactionState.Proceeding);
                if (_cancelPending)
                {
                    _cancelPending = false;
                    SendCancel();
                }

                return Provisional(response);

            case TransactionState.Calling or TransactionState.Proceeding when code < 300:
                RetransmitTimer.Cancel();
                MoveTo(TransactionState.Accepted);
                TimeoutTimer.Arm(Timers.TransactionTimeout);
                return Final(response) + SettleUnsentCancel();

            case TransactionState.Calling or TransactionState.Proceeding:
                _ack = BuildAck(response);
                Send(_ack);
                return Linger(TransactionState.Completed, Timers.TimerD(IsReliable), Final(response) + SettleUnsentCancel());

            case TransactionState.Completed when code >= 300:
                Send(_ack!);
                return null;

            case TransactionState.Accepted when code is >= 200 and < 300:
                var additional = Additional2xx;
                return additional is null ? null : () => additional(response);

            default:
                return null;
        }
    }

    private protected override Action? OnTransportError(Exception error) =>
        base.OnTransportError(error) + SettleUnsentCancel();

    private void SendCancel()
    {
        var cancel = BuildCancel();
        var tx = Layer.StartClient(cancel, Flow);
        var result = _cancelResult!;
        tx.FinalResponse.ContinueWith(t => result.TrySetResult(t.Result), TaskScheduler.Default);

        // §9.1: without a final response to the INVITE 64·T1 after the CANCEL, give up on it.
        TimeoutTimer.Arm(Timers.TransactionTimeout);
    }

    // A final response (or a timeout) came before any provisional one: the CANCEL was never sent.
    private Action? SettleUnsentCancel()
    {
        if (!_cancelPending)
        {
            return null;
        }

        _cancelPending = false;
        var result = _cancelResult!;
        var response = LocalResponse.Make(Request, SipStatusCodes.CallOrTransactionDoesNotExist, "Not Cancelled: Final Response Came First");
        return () => result.TrySetResult(response);
    }

    /// <summary>The ACK for a non-2xx final response (RFC 3261 §17.1.1.3).</summary>
    private SipRequest BuildAck(SipResponse response)
    {
        var ack = new SipRequestBuilder(SipMethod.Ack, Request.RequestUri);
        ack.CopyHeaders(Request, KnownHeader.Via);
        ack.CopyHeaders(Request, KnownHeader.Route);
        ack.CopyHeaders(Request, KnownHeader.From);
        ack.CopyHeaders(response, KnownHeader.To);
        ack.CopyHeaders(Request, KnownHeader.CallId);
        ack.AddHeader(KnownHeader.CSeq, new CSeq(Request.CSeq.Number, SipMethod.Ack).ToString());
        ack.AddHeader(KnownHeader.MaxForwards, "70");
        return ack.Build();
    }

    /// <summary>The CANCEL for this INVITE (RFC 3261 §9.1): same branch, Request-URI, From, To, Call-ID and CSeq number.</summary>
    private SipRequest BuildCancel()
    {
        var cancel = new SipRequestBuilder(SipMethod.Cancel, Request.RequestUri);
        cancel.CopyHeaders(Request, KnownHeader.Via);
        cancel.CopyHeaders(Request, KnownHeader.Route);
        cancel.CopyHeaders(Request, KnownHeader.From);
        cancel.CopyHeaders(Request, KnownHeader.To);
        cancel.CopyHeaders(Request, KnownHeader.CallId);
        cancel.AddHeader(KnownHeader.CSeq, new CSeq(Request.CSeq.Number, SipMethod.Cancel).ToString());
        cancel.AddHeader(KnownHeader.MaxForwards, "70");
        return cancel.Build();
    }
}
