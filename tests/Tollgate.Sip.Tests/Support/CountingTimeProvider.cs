using Microsoft.Extensions.Time.Testing;

namespace Tollgate.Sip.Tests.Support;

/// <summary>A fake clock that counts the timers created on it, so a test can wait until code has scheduled one.</summary>
public sealed class CountingTimeProvider : FakeTimeProvider
{
    private int _created;

    public int TimersCreated => Volatile.Read(ref _created);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _created);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (without moving the clock) until more than <paramref name="count"/> timers exist.</summary>
    public void WaitForTimers(int count)
    {
        SpinWait.SpinUntil(() => TimersCreated > count, TimeSpan.FromSeconds(10)).ShouldBeTrue("a timer was expected to be scheduled");
    }
}
