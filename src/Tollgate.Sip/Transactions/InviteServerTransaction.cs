using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>The INVITE server transaction of RFC 3261 §17.2.1, with the Accepted state of RFC 6026.</summary>
/// <remarks>
/// <para>Proceeding: a retransmitted INVITE gets the last provisional response again. A 2xx moves to Accepted for
/// 64·T1 (Timer L): retransmitted INVITEs are absorbed, and retransmitting the 2xx until the ACK is the dialog's
/// job (§13.3.1.4), so an ACK here is not absorbed but passed on. A 300-699 moves to Completed: over UDP Timer G
/// resends it at T1 doubling to T2 until the ACK (absorbed here, moving to Confirmed for Timer I) or Timer H
/// (64·T1), which raises <see cref="AckTimedOut"/>.</para>
/// </remarks>
public sealed class InviteServerTransaction : ServerTransaction
{
    internal InviteServerTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow)
        : base(layer, request, flow, TransactionState.Proceeding)
    {
    }

    /// <summary>Raised outside the lock when Timer H fires: no ACK came for a 300-699 response.</summary>
    public event Action<InviteServerTransaction>? AckTimedOut;

    private protected override bool CanSend(SipResponse response) =>
        State == TransactionState.Proceeding || (State == TransactionState.Accepted && response.IsSuccess);

    private protected override Action? OnSent(SipResponse response)
    {
        if (response.StatusCode < 200 || State == TransactionState.Accepted)
        {
            return null;
        }

        if (response.IsSuccess)
        {
            MoveTo(TransactionState.Accepted);
            TimeoutTimer.Arm(Timers.TransactionTimeout); // Timer L
            return null;
        }

        MoveTo(TransactionState.Completed);
        if (!IsReliable)
        {
            RetransmitTimer.Arm(Timers.T1); // Timer G
        }

        TimeoutTimer.Arm(Timers.TransactionTimeout); // Timer H
        return null;
    }

    private protected override bool OnRequest(SipRequest request, out Action? after)
    {
        after = null;
        if (request.Method == SipMethod.Ack)
        {
            switch (State)
            {
                case TransactionState.Completed:
                    after = Linger(TransactionState.Confirmed, Timers.TimerIOrK(IsReliable), null);
                    return true;
                case TransactionState.Confirmed:
                    return true;
                default:
                    // An ACK for a 2xx (which should carry its own branch, but some agents reuse the INVITE's): the dialog's.
                    return false;
            }
        }

        if (State is TransactionState.Proceeding or TransactionState.Completed && LastResponse is not null)
        {
            Send(LastResponse);
        }

        return true;
    }

    private protected override Action? OnRetransmitTimer()
    {
        if (State != TransactionState.Completed)
        {
            return null;
        }

        Send(LastResponse!);
        var next = RetransmitTimer.Interval * 2;
        RetransmitTimer.Arm(next < Timers.T2 ? next : Timers.T2);
        return null;
    }

    private protected override Action? OnTimeoutTimer()
    {
        if (State != TransactionState.Completed)
        {
            return Terminate(); // Timer I or L
        }

        var handlers = AckTimedOut;
        return Terminate(handlers is null ? null : () => handlers(this)); // Timer H
    }
}
