using Microsoft.Extensions.Logging;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Transactions;

/// <summary>Common machinery of the four RFC 3261 §17 transaction machines: state, two timers, sending.</summary>
/// <remarks>
/// <para>Every input (a message, a timer, a transport failure) is handled under the transaction's lock. Handlers
/// return the notifications for the transaction user as an action that runs after the lock is released, so user
/// code never runs while the transaction is locked.</para>
/// <para>Each transaction holds at most two timers: a retransmission timer (A, E, G) and a timeout timer, which is
/// B, F or H while waiting and D, I, J, K, L or M while lingering.</para>
/// </remarks>
public abstract class SipTransaction
{
    private readonly DeadlineTimer _retransmit;
    private readonly DeadlineTimer _timeout;

    private protected SipTransaction(SipTransactionLayer layer, SipRequest request, SipFlow flow, TransactionKey key,
        TransactionState initial)
    {
        Layer = layer;
        Request = request;
        Flow = flow;
        Key = key;
        State = initial;
        _retransmit = new DeadlineTimer(layer.Time, Fired);
        _timeout = new DeadlineTimer(layer.Time, Fired);
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    /// <summary>Where messages of this transaction are sent.</summary>
    public SipFlow Flow { get; }

    public TransactionState State { get; private set; }

    public string Branch => Key.Branch;

    /// <summary>Fires once when the transaction reaches Terminated.</summary>
    public event Action<SipTransaction>? Terminated;

    internal TransactionKey Key { get; }

    /// <summary>The stack's object for this transaction (the incoming request a CANCEL must reach).</summary>
    internal object? Owner { get; set; }

    private protected object Gate { get; } = new();

    private protected SipTransactionLayer Layer { get; }

    private protected SipTimerSettings Timers => Layer.Timers;

    private protected bool IsReliable => Flow.Kind.IsReliable();

    private protected DeadlineTimer RetransmitTimer => _retransmit;

    private protected DeadlineTimer TimeoutTimer => _timeout;

    /// <summary>Handles the retransmission timer under the lock; returns what to tell the user afterwards.</summary>
    private protected abstract Action? OnRetransmitTimer();

    /// <summary>Handles the timeout timer under the lock; returns what to tell the user afterwards.</summary>
    private protected abstract Action? OnTimeoutTimer();

    /// <summary>Handles a failure to send under the lock; returns what to tell the user afterwards.</summary>
    private protected abstract Action? OnTransportError(Exception error);

    private protected void MoveTo(TransactionState state)
    {
        State = state;
        if (state == TransactionState.Terminated)
        {
            _retransmit.Dispose();
            _timeout.Dispose();
            Layer.Remove(this);
        }
    }

    /// <summary>Moves to Terminated and returns the Terminated notification, chained after <paramref name="then"/>.</summary>
    private protected Action? Terminate(Action? then = null)
    {
        if (State == TransactionState.Terminated)
        {
            return then;
        }

        MoveTo(TransactionState.Terminated);
        var handlers = Terminated;
        return handlers is null ? then : then + (() => handlers(this));
    }

    /// <summary>Enters a lingering state: terminates at once when the linger time is zero (reliable transports).</summary>
    private protected Action? Linger(TransactionState state, TimeSpan time, Action? notify)
    {
        _retransmit.Cancel();
        if (time <= TimeSpan.Zero)
        {
            MoveTo(state);
            return Terminate(notify);
        }

        MoveTo(state);
        _timeout.Arm(time);
        return notify;
    }

    /// <summary>Hands a message to the transport; a failure comes back through <see cref="OnTransportError"/>.</summary>
    private protected void Send(SipMessage message)
    {
        ValueTask sending;
        try
        {
            sending = Flow.Transport.SendAsync(message.Bytes, Flow.RemoteEndPoint);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            sending = ValueTask.FromException(e);
        }

        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending);
        }
    }

    private async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            // Leave the caller first: it holds the lock, and a failure is handled as a new input.
            await Task.Yield();
            await sending;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(e);
        }
    }

    private void Fail(Exception error)
    {
        Action? after;
        lock (Gate)
        {
            if (State == TransactionState.Terminated)
            {
                return;
            }

            Layer.Logger.LogDebug(error, "Transport failure in {Transaction}", this);
            after = OnTransportError(error);
        }

        after?.Invoke();
    }

    private void Fired(DeadlineTimer timer)
    {
        Action? after;
        lock (Gate)
        {
            if (State == TransactionState.Terminated || !timer.TryConsume())
            {
                return;
            }

            after = ReferenceEquals(timer, _retransmit) ? OnRetransmitTimer() : OnTimeoutTimer();
        }

        after?.Invoke();
    }

    public override string ToString() => $"{GetType().Name} {Key} {State}";
}
