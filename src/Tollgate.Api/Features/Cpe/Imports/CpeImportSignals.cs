using System.Collections.Concurrent;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Wakes the import worker when a file arrives, and tells whoever waits that an import has finished.</summary>
/// <remarks>
/// The worker also looks for work on a timer (on the injected clock), so imports queued by another process, or left
/// by a worker that stopped, are found without a signal; the signal only saves the wait.
/// </remarks>
public sealed class CpeImportSignals
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiters = new();

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up covers every import queued meanwhile.
        }
    }

    public Task WaitForWorkAsync(CancellationToken ct) => _wake.WaitAsync(ct);

    /// <summary>Completes when this process finishes the import (completed or failed).</summary>
    /// <remarks>Call it before checking the import's status, so a finish in between is not missed.</remarks>
    public Task WhenFinished(long importId) =>
        _waiters.GetOrAdd(importId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Finished(long importId)
    {
        if (_waiters.TryRemove(importId, out var waiter)) waiter.TrySetResult();
    }
}
