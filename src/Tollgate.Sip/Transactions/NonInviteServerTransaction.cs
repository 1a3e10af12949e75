using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>The non-INVITE server transaction of RFC 3261 §17.2.2.</summary>
/// <remarks>
/// Trying: retransmitted requests are absorbed silently. Proceeding and Completed: they get the last response again.
/// After the final response it lingers for Timer J (64·T1 over UDP, 0 over TCP) to absorb retransmissions.
/// </remarks>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    internal NonInviteServerTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow)
        : base(layer, request, flow, TransactionState.Trying)
    {
    }

    private protected override bool CanSend(SipResponse response) =>
        State is TransactionState.Trying or TransactionState.Proceeding;

    private protected override Action? OnSent(SipResponse response)
    {
        if (response.StatusCode < 200)
        {
            MoveTo(TransactionState.Proceeding);
            return null;
        }

        return Linger(TransactionState.Completed, Timers.TimerJ(IsReliable), null);
    }

    private protected override bool OnRequest(SipRequest request, out Action? after)
    {
        after = null;
        if (State is TransactionState.Proceeding or TransactionState.Completed)
        {
            Send(LastResponse!);
        }

        return true;
    }

    private protected override Action? OnRetransmitTimer() => null;

    private protected override Action? OnTimeoutTimer() => Terminate(); // Timer J
}
