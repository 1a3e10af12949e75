using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tollgate.Billing.Runs;

/// <summary>The scheduled billing run of the worker role: every <see cref="BillingOptions.JobInterval"/> on the injected clock.</summary>
/// <remarks>
/// Each tick runs billing up to today in every payer's own time zone, so a payer's period closes soon after its
/// midnight, wherever it is. A tick that finds nothing due costs one query. A failed run is logged and the next tick
/// tries again; the unique keys make the retry safe.
/// </remarks>
public sealed partial class BillingJob(BillingEngine engine, TimeProvider clock, IOptions<BillingOptions> options, ILogger<BillingJob> log)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly List<(DateTimeOffset After, TaskCompletionSource<BillingRunSummary> Done)> _waiters = [];

    /// <summary>Completes with the first scheduled run that starts at or after <paramref name="instant"/>.</summary>
    public Task<BillingRunSummary> RunStartingAtOrAfterAsync(DateTimeOffset instant)
    {
        var done = new TaskCompletionSource<BillingRunSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _waiters.Add((instant, done));
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.JobInterval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var started = clock.GetUtcNow();
            try
            {
                var outcome = await engine.RunAsync(null, stoppingToken);
                Notify(started, done => done.TrySetResult(outcome.Value!));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogFailed(log, e);
                Notify(started, done => done.TrySetException(e));
            }
        }
    }

    private void Notify(DateTimeOffset started, Action<TaskCompletionSource<BillingRunSummary>> complete)
    {
        List<TaskCompletionSource<BillingRunSummary>> ready;
        lock (_gate)
        {
            ready = _waiters.Where(w => w.After <= started).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => w.After <= started);
        }
        foreach (var done in ready) complete(done);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled billing run failed; the next tick tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
