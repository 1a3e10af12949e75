using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>The non-INVITE client transaction of RFC 3261 §17.1.2 (BYE, UPDATE, OPTIONS, CANCEL, REGISTER...).</summary>
/// <remarks>
/// Trying: over UDP Timer E retransmits at T1, doubling up to T2; Proceeding: every T2. Timer F (64·T1) reports a
/// 408. After a final response the transaction absorbs retransmissions until Timer K (T4 over UDP, 0 over TCP).
/// </remarks>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    internal NonInviteClientTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow)
        : base(layer, request, flow, TransactionState.Trying)
    {
    }

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

    private protected override Action? OnRetransmitTimer()
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return null;
        }

        Send(Request);
        var next = State == TransactionState.Proceeding ? Timers.T2 : RetransmitTimer.Interval * 2;
        RetransmitTimer.Arm(next < Timers.T2 ? next : Timers.T2);
        return null;
    }

    private protected override Action? OnTimeoutTimer() => State switch
    {
        TransactionState.Trying or TransactionState.Proceeding => Terminate(Final(LocalResponse.Timeout(Request))), // Timer F
        _ => Terminate(), // Timer K
    };

    private protected override Action? OnResponse(SipResponse response)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return null; // Completed: absorb retransmitted responses.
        }

        if (response.StatusCode < 200)
        {
            MoveTo(TransactionState.Proceeding);
            return Provisional(response);
        }

        return Linger(TransactionState.Completed, Timers.TimerIOrK(IsReliable), Final(response));
    }
}
