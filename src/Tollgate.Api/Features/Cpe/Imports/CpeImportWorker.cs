using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tollgate.Api.Hosting;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>The background worker that processes uploaded device files, in processes that run the worker role.</summary>
/// <remarks>
/// It wakes when a file is uploaded to this process, and every <see cref="PollInterval"/> on the injected clock to
/// find files uploaded to other processes and imports whose worker stopped (their lease ran out). On shutdown it stops
/// between rows; the import stays running and is resumed after its last row done when the lease runs out.
/// </remarks>
public sealed partial class CpeImportWorker(
    CpeImportJobs jobs, CpeImportSignals signals, TimeProvider clock, IConfiguration configuration, ILogger<CpeImportWorker> log)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly Guid _id = Guid.NewGuid();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!WorkerRole.IsEnabled(configuration)) return;
        await using var timer = clock.CreateTimer(_ => signals.Wake(), null, PollInterval, PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await jobs.RunNextAsync(_id, stoppingToken))
                {
                    // Drain the queue before waiting again.
                }
                await signals.WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a while: the import keeps its state and is retried on the next tick.
                LogFailed(log, e);
                await signals.WaitForWorkAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The CPE import worker failed; it tries again on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
