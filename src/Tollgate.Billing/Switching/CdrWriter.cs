using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tollgate.Data;
using Tollgate.Data.Calls;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>Stores call records as CDRs, many per transaction, and tells each caller its CDR's id once it is committed.</summary>
/// <remarks>
/// <para>A switch ends hundreds of calls a second; one transaction per CDR would make the commit (an fsync on SQLite)
/// the limit. Records queue here and one writer commits whatever has gathered while the previous commit ran (group
/// commit), so a record is never acknowledged before it is durable and a quiet switch still writes at once.</para>
/// <para>The Call-ID is the CDR's unique key. A caller that reuses a Call-ID for a new attempt (allowed after a final
/// failure) would collide with its first attempt; such a record is stored under <c>Call-ID/setup time</c> instead
/// of being lost.</para>
/// </remarks>
public sealed class CdrWriter : IAsyncDisposable
{
    private const int MaxBatch = 500;

    private readonly TollgateDbFactory _databases;
    private readonly TimeProvider _clock;
    private readonly ILogger<CdrWriter> _logger;
    private readonly Channel<(CallRecord Record, TaskCompletionSource<long> Stored)> _queue =
        Channel.CreateUnbounded<(CallRecord, TaskCompletionSource<long>)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public CdrWriter(TollgateDbFactory databases, TimeProvider clock, ILogger<CdrWriter> logger)
    {
        _databases = databases;
        _clock = clock;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Stores the record; completes with the CDR's id once it is committed.</summary>
    public Task<long> StoreAsync(CallRecord record)
    {
        var stored = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((record, stored)))
            stored.SetException(new ObjectDisposedException(nameof(CdrWriter), "The CDR writer has stopped."));
        return stored.Task;
    }

    /// <summary>Whole seconds from answer to the billed end, rounded up; 0 for an attempt that was never answered.</summary>
    public static int BilledSeconds(CallRecord record)
    {
        if (record.ConnectAt is not { } connect) return 0;
        var end = record.BilledEnd ?? record.DisconnectAt;
        return end <= connect ? 0 : (int)Math.Ceiling((end - connect).TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(CallRecord Record, TaskCompletionSource<long> Stored)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogError(e, "Storing {Count} CDRs failed", batch.Count);
                foreach (var (_, stored) in batch) stored.TrySetException(e);
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(List<(CallRecord Record, TaskCompletionSource<long> Stored)> batch)
    {
        await using var db = _databases.CreateSystem();
        var tenants = await TenantsAsync(db, batch.Select(b => Charged(b.Record)), CancellationToken.None);
        var rows = batch.Select(b => ToCdr(b.Record, tenants)).ToList();
        try
        {
            await using (var tx = await db.BeginWriteAsync())
            {
                db.AddRange(rows);
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }

            for (var i = 0; i < batch.Count; i++) batch[i].Stored.TrySetResult(rows[i].Id);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Some Call-ID is there already: store the batch one by one, so only the repeats are renamed.
            db.ChangeTracker.Clear();
            for (var i = 0; i < batch.Count; i++) batch[i].Stored.TrySetResult(await StoreOneAsync(ToCdr(batch[i].Record, tenants)));
        }
    }

    private async Task<long> StoreOneAsync(Cdr cdr)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = _databases.CreateSystem();
            db.Add(cdr);
            try
            {
                await db.SaveChangesAsync();
                return cdr.Id;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt == 0)
            {
                var renamed = $"{cdr.CallId}/{cdr.SetupAt:yyyyMMddTHHmmss.fffffff}";
                _logger.LogWarning("A CDR with Call-ID {CallId} exists already; this attempt is stored as {Renamed}", cdr.CallId, renamed);
                cdr.Id = 0;
                cdr.CallId = renamed.Length <= 200 ? renamed : renamed[^200..];
            }
        }
    }

    private Cdr ToCdr(CallRecord r, Dictionary<long, (long CustomerId, long? ResellerId)> tenants)
    {
        var charged = Charged(r);
        var tenant = charged is { } key && tenants.TryGetValue(key, out var t) ? t : ((long?)null, (long?)null);
        return new Cdr
        {
            CallId = Fit(r.CallId, 200),
            Source = CdrSource.Switch,
            AccountId = charged,
            CustomerId = tenant.Item1,
            ResellerId = tenant.Item2,
            CallerAccountId = r.CallerAccountKey,
            CalleeAccountId = r.CalleeAccountKey,
            IncomingConnectionId = r.IncomingConnectionId,
            OutgoingConnectionId = r.OutgoingConnectionId,
            CallingNumber = Fit(r.CallingNumber, 64),
            CalledNumber = Fit(r.CalledNumber, 64),
            SetupAt = r.SetupAt,
            ConnectAt = r.ConnectAt,
            DisconnectAt = r.DisconnectAt,
            BilledEnd = r.ConnectAt is null ? null : r.BilledEnd ?? r.DisconnectAt,
            BilledSeconds = BilledSeconds(r),
            FinalSipStatus = r.FinalSipStatus,
            DisconnectReason = Fit(r.DisconnectReason, 40),
            DisconnectSide = Fit(r.DisconnectSide, 10),
            CallerKeepAlive = r.CallerKeepAlive,
            CalleeKeepAlive = r.CalleeKeepAlive,
            CreatedAt = _clock.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>The account a CDR belongs to: the caller's when it is ours, else the callee's (a call from a vendor).</summary>
    private static long? Charged(CallRecord r) => r.CallerAccountKey ?? r.CalleeAccountKey;

    private static async Task<Dictionary<long, (long CustomerId, long? ResellerId)>> TenantsAsync(TollgateDb db, IEnumerable<long?> keys,
        CancellationToken ct)
    {
        var ids = keys.OfType<long>().Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => (a.CustomerId, a.ResellerId), ct);
    }

    private static string Fit(string text, int max) => text.Length <= max ? text : text[..max];
}
