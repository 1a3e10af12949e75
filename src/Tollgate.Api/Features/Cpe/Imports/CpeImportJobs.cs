using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tollgate.Api.Features.Notifications;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Runs imports: claims the next waiting one, feeds its file to the <see cref="CpeImporter"/>, and finishes it.</summary>
/// <remarks>
/// <para>
/// A claim is one conditional update (waiting, or running with an expired lease → running, owned by this worker), so
/// two workers never hold the same import, on SQLite or PostgreSQL. A file that cannot be read to the end fails the
/// import visibly (status <c>failed</c> with the reason); an import interrupted <see cref="MaxAttempts"/> times is failed
/// rather than retried forever. Either way the uploader is notified, in the same transaction as the final status.
/// </para>
/// </remarks>
public sealed partial class CpeImportJobs(
    TollgateDbFactory databases, TimeProvider clock, CpeImporter importer, INotifier notifier, CpeImportSignals signals,
    ILogger<CpeImportJobs> log)
{
    public const int MaxAttempts = 3;

    /// <summary>Takes the oldest waiting (or abandoned) import and processes it; false when there was none.</summary>
    public async Task<bool> RunNextAsync(Guid worker, CancellationToken ct)
    {
        var claimed = await ClaimNextAsync(worker, ct);
        if (claimed is null) return false;
        await ProcessAsync(claimed.Value, worker, localFile: null, progress: null, ct);
        return true;
    }

    /// <summary>Claims the oldest import that is waiting or whose worker's lease ran out.</summary>
    public async Task<long?> ClaimNextAsync(Guid worker, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await db.CpeImports.Where(i => i.Status == CpeImportStatus.Queued || (i.Status == CpeImportStatus.Running && i.LeaseUntil < now))
                .OrderBy(i => i.Id).Select(i => (long?)i.Id).FirstOrDefaultAsync(ct);
            if (candidate is null) return null;
            var taken = await db.CpeImports
                .Where(i => i.Id == candidate && (i.Status == CpeImportStatus.Queued || (i.Status == CpeImportStatus.Running && i.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, CpeImportStatus.Running)
                    .SetProperty(i => i.LeaseOwner, worker)
                    .SetProperty(i => i.LeaseUntil, now + CpeImporter.Lease)
                    .SetProperty(i => i.Attempts, i => i.Attempts + 1)
                    .SetProperty(i => i.StartedAt, i => i.StartedAt ?? now), ct);
            if (taken == 1) return candidate;
            // Another worker claimed it first; look again.
        }
    }

    /// <summary>Processes a claimed import: from <paramref name="localFile"/>, or else from the file stored with it.</summary>
    public async Task ProcessAsync(long importId, Guid worker, string? localFile, IProgress<CpeImportProgress>? progress, CancellationToken ct)
    {
        int attempts;
        await using (var db = databases.CreateSystem())
            attempts = await db.CpeImports.Where(i => i.Id == importId).Select(i => i.Attempts).FirstAsync(ct);
        if (attempts > MaxAttempts)
        {
            await FinishAsync(importId, worker, $"its processing was interrupted {attempts - 1} times, so it was stopped; upload the file again to apply the remaining rows", ct);
            return;
        }

        var temporary = localFile is null ? Path.Combine(Path.GetTempPath(), $"tollgate-cpe-import-{importId}-{Guid.NewGuid():N}") : null;
        try
        {
            if (temporary is not null)
            {
                bool stored;
                await using (var db = databases.CreateSystem())
                await using (var copy = File.Create(temporary))
                    stored = await CpeImportStore.CopyToAsync(db, importId, copy, ct);
                if (!stored)
                {
                    await FinishAsync(importId, worker, "its file is not stored (it was imported from the command line, which stopped before the end); run the import again", ct);
                    return;
                }
            }
            await using (var file = File.OpenRead(localFile ?? temporary!))
                await importer.RunAsync(importId, worker, file, progress, ct);
            await FinishAsync(importId, worker, failure: null, ct);
        }
        catch (CpeFileException e)
        {
            await FinishAsync(importId, worker, $"the file cannot be read to the end: {e.Message}", ct);
        }
        catch (CpeLeaseLostException e)
        {
            LogLeaseLost(log, importId, e.Message);
        }
        finally
        {
            if (temporary is not null) File.Delete(temporary);
        }
    }

    /// <summary>Completes (or, with a reason, fails) the import, forgets its file and notifies the uploader, all in one transaction.</summary>
    private async Task FinishAsync(long importId, Guid worker, string? failure, CancellationToken ct)
    {
        await using (var db = databases.CreateSystem())
        {
            await using var tx = await db.BeginWriteAsync(ct);
            await db.LockForUpdateAsync<CpeImport>(importId, ct);
            var import = await db.CpeImports.FirstAsync(i => i.Id == importId, ct);
            if (import.LeaseOwner != worker) return;
            import.Status = failure is null ? CpeImportStatus.Completed : CpeImportStatus.Failed;
            import.FailureReason = failure;
            import.FinishedAt = clock.GetUtcNow().UtcDateTime;
            import.LeaseOwner = null;
            import.LeaseUntil = null;
            await CpeImportStore.DeleteAsync(db, importId, ct);
            if (import.UploaderOwner is { } owner && import.UploaderOwnerId is { } ownerId)
                await notifier.NotifyAsync(db, new Recipient(owner, ownerId, import.ResellerId, null, null), Message(import), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            LogFinished(log, importId, import.Status, import.Rows, import.Added, import.Removed, import.Failed);
        }
        signals.Finished(importId);
    }

    private static NotificationMessage Message(CpeImport import)
    {
        var counts = $"{import.Rows} row{(import.Rows == 1 ? "" : "s")}: {import.Added} added, {import.Removed} removed, {import.Failed} failed.";
        var errors = import.Failed > 0 ? $" The failed rows and why: GET /api/v1/cpe/imports/{import.Id}/errors." : "";
        return import.Status == CpeImportStatus.Completed
            ? new NotificationMessage("cpe.import.completed", $"Device upload '{import.FileName}' is done", counts + errors, $"/api/v1/cpe/imports/{import.Id}")
            : new NotificationMessage("cpe.import.failed", $"Device upload '{import.FileName}' stopped",
                $"It stopped because {import.FailureReason}. Before that, {counts}{errors}", $"/api/v1/cpe/imports/{import.Id}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CPE import {ImportId} {Status}: {Rows} rows, {Added} added, {Removed} removed, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, long importId, CpeImportStatus status, int rows, int added, int removed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CPE import {ImportId} was taken over by another worker: {Reason}")]
    private static partial void LogLeaseLost(ILogger logger, long importId, string reason);
}
