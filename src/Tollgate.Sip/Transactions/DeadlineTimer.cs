namespace Tollgate.Sip.Transactions;

/// <summary>A re-armable one-shot timer on a <see cref="TimeProvider"/> that ignores stale firings.</summary>
/// <remarks>
/// A timer callback can be in flight while its owner re-arms or cancels it. The owner therefore calls
/// <see cref="TryConsume"/> under its own lock when the callback arrives: it succeeds only if the timer is still
/// armed and its deadline has passed, so a late firing of an old deadline is dropped.
/// </remarks>
internal sealed class DeadlineTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<DeadlineTimer> _fired;
    private ITimer? _timer;
    private DateTimeOffset _deadline;
    private bool _armed;

    public DeadlineTimer(TimeProvider time, Action<DeadlineTimer> fired)
    {
        _time = time;
        _fired = fired;
    }

    public bool IsArmed => _armed;

    /// <summary>The interval last armed; retransmission timers double it.</summary>
    public TimeSpan Interval { get; private set; }

    public void Arm(TimeSpan due)
    {
        Interval = due;
        _deadline = _time.GetUtcNow() + due;
        _armed = true;
        _timer ??= _time.CreateTimer(static s => { var t = (DeadlineTimer)s!; t._fired(t); }, this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    public void Cancel()
    {
        _armed = false;
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Call under the owner's lock when fired: true if this firing is due and should be acted on.</summary>
    public bool TryConsume()
    {
        if (!_armed)
        {
            return false;
        }

        var remaining = _deadline - _time.GetUtcNow();
        if (remaining > TimeSpan.FromMilliseconds(1))
        {
            _timer?.Change(remaining, Timeout.InfiniteTimeSpan);
            return false;
        }

        _armed = false;
        return true;
    }

    public void Dispose()
    {
        _armed = false;
        _timer?.Dispose();
        _timer = null;
    }
}
