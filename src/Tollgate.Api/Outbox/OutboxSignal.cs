namespace Tollgate.Api.Outbox;

/// <summary>Wakes the outbox worker of this process when new messages were committed, so it need not wait for its next poll.</summary>
/// <remarks>
/// The worker arms the signal before it looks for work and waits on what it armed; a wake that comes while it is
/// still looking is therefore not lost. Messages committed by other processes are found by the worker's poll.
/// </remarks>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>A task that completes at the next <see cref="Wake"/> after this call.</summary>
    public Task Arm()
    {
        var current = Volatile.Read(ref _next);
        if (!current.Task.IsCompleted) return current.Task;
        var fresh = NewSource();
        return (Interlocked.CompareExchange(ref _next, fresh, current) == current ? fresh : Volatile.Read(ref _next)).Task;
    }

    public void Wake() => Volatile.Read(ref _next).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
