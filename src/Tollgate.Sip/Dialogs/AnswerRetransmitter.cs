using Tollgate.Sip.Messages;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Dialogs;

/// <summary>Retransmits a 2xx to INVITE until its ACK arrives (RFC 3261 §13.3.1.4).</summary>
/// <remarks>
/// The 2xx is resent at T1, doubling up to T2, over any transport: §13.3.1.4 makes this end-to-end reliability
/// independent of the transport of the first hop, since a UDP hop may follow it. Without an ACK after 64·T1 the
/// dialog's owner is told, and should end the session with BYE. Only the reference to the 2xx is held, and only
/// until the ACK.
/// </remarks>
internal sealed class AnswerRetransmitter
{
    private readonly object _gate = new();
    private readonly SipResponse _answer;
    private readonly SipFlow _flow;
    private readonly SipTimerSettings _timers;
    private readonly Action _ackTimedOut;
    private readonly DeadlineTimer _retransmit;
    private readonly DeadlineTimer _timeout;
    private bool _done;

    public AnswerRetransmitter(SipResponse answer, SipFlow flow, TimeProvider time, SipTimerSettings timers, Action ackTimedOut)
    {
        _answer = answer;
        _flow = flow;
        _timers = timers;
        _ackTimedOut = ackTimedOut;
        _retransmit = new DeadlineTimer(time, Fired);
        _timeout = new DeadlineTimer(time, Fired);
        lock (_gate)
        {
            _retransmit.Arm(timers.T1);
            _timeout.Arm(timers.TransactionTimeout);
        }
    }

    /// <summary>The CSeq number an ACK must carry to stop this retransmission.</summary>
    public uint Sequence => _answer.CSeq.Number;

    /// <summary>Stops when an ACK for this 2xx arrives; false when the ACK is for another INVITE.</summary>
    public bool Acknowledge(uint ackSequence)
    {
        if (ackSequence != Sequence)
        {
            return false;
        }

        Stop();
        return true;
    }

    public void Stop()
    {
        lock (_gate)
        {
            _done = true;
            _retransmit.Dispose();
            _timeout.Dispose();
        }
    }

    private void Fired(DeadlineTimer timer)
    {
        var timedOut = false;
        lock (_gate)
        {
            if (_done || !timer.TryConsume())
            {
                return;
            }

            if (ReferenceEquals(timer, _retransmit))
            {
                _ = _flow.Transport.SendAsync(_answer.Bytes, _flow.RemoteEndPoint).AsTask()
                    .ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                var next = _retransmit.Interval * 2;
                _retransmit.Arm(next < _timers.T2 ? next : _timers.T2);
            }
            else
            {
                _done = true;
                _retransmit.Dispose();
                _timeout.Dispose();
                timedOut = true;
            }
        }

        if (timedOut)
        {
            _ackTimedOut();
        }
    }
}
