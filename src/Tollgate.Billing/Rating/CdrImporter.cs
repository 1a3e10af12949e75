using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Tollgate.Data;
using Tollgate.Data.Calls;
using Tollgate.Domain.Time;

namespace Tollgate.Billing.Rating;

/// <summary>A row of an import that was not stored, and why (the column is the file's column name).</summary>
public sealed record CdrImportError(int Row, string Column, string Reason);

/// <summary>A row whose call id was already known (stored before, or earlier in the same file): not stored, not charged.</summary>
public sealed record CdrDuplicate(int Row, string CallId);

/// <summary>What an import did, row by row in summary.</summary>
/// <remarks>
/// <see cref="Errors"/> and <see cref="Duplicates"/> list at most <see cref="CdrImporter.MaxListed"/> rows each, the
/// first ones of the file, in row order; the counts are complete.
/// </remarks>
public sealed class CdrImportResult
{
    public int Rows { get; set; }
    public int Imported { get; set; }
    public int DuplicateCount { get; set; }
    public int Failed { get; set; }
    public List<CdrDuplicate> Duplicates { get; } = [];
    public List<CdrImportError> Errors { get; } = [];
    public RatingSummary Rating { get; set; } = RatingSummary.Empty;

    /// <summary>Adds what one batch did (batches may finish out of order).</summary>
    internal void Add(CdrImportResult batch)
    {
        Rows += batch.Rows;
        Imported += batch.Imported;
        DuplicateCount += batch.DuplicateCount;
        Failed += batch.Failed;
        Rating = Rating.Add(batch.Rating);
        Keep(Duplicates, batch.Duplicates, d => d.Row);
        Keep(Errors, batch.Errors, e => e.Row);
    }

    private static void Keep<T>(List<T> kept, List<T> more, Func<T, int> row)
    {
        if (more.Count == 0) return;
        kept.AddRange(more);
        kept.Sort((a, b) => row(a).CompareTo(row(b)));
        if (kept.Count > CdrImporter.MaxListed) kept.RemoveRange(CdrImporter.MaxListed, kept.Count - CdrImporter.MaxListed);
    }
}

/// <summary>Imports CDRs from another switch or a file, and rates them as they arrive.</summary>
/// <remarks>
/// <para>
/// Each row stands alone: a valid row is stored and rated, an invalid one is reported (row, column, reason) and
/// stores nothing, a row whose call id is already known is reported as a duplicate and not charged again. Rows go in
/// batches, each one transaction that stores the batch's CDRs and their charges together, so an import cut short
/// keeps whole batches only, and sending the same file again stores and charges nothing twice.
/// </para>
/// <para>
/// Accounts are named by their <c>accountId</c> and must be in the caller's scope (a reseller imports its own
/// customers' calls). Times need an offset (<c>2026-05-01T10:00:00Z</c>, <c>…+02:00</c>); the billed duration is the
/// time from connect to disconnect in whole seconds, a started second counting as one.
/// </para>
/// <para>
/// On PostgreSQL several batches are in flight at once (<see cref="RatingOptions.ImportWorkers"/>), each on a context
/// of its own with the caller's scope, so that reading and rating one batch overlaps with the database writing
/// another. Batches lock what they share (billing cycles, balances, customers) in one order; should two still meet in
/// a deadlock, the one the database picks is rolled back and run again. SQLite has one writer at a time: one batch.
/// </para>
/// </remarks>
public sealed class CdrImporter(CdrRater rater, TollgateDbFactory databases, TimeProvider clock, IOptions<RatingOptions> options)
{
    public const int MaxListed = 1000;
    private const int Attempts = 3;
    private static readonly TimeSpan LongestCall = TimeSpan.FromDays(7);

    private sealed record AccountRef(long Id, string Name, long CustomerId, long? ResellerId);

    /// <summary>What one worker keeps between its batches: its context and what it has read.</summary>
    private sealed class Worker(TollgateDb db)
    {
        public TollgateDb Db { get; } = db;
        public RatingContext Rating { get; } = new(RateBook.ForMany());
        public Dictionary<string, AccountRef?> Accounts { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Imports <paramref name="rows"/> with <paramref name="db"/>, the caller's context (its scope decides which accounts exist).</summary>
    public async Task<CdrImportResult> ImportAsync(TollgateDb db, IAsyncEnumerable<CdrImportRow> rows, CancellationToken ct)
    {
        var result = new CdrImportResult();
        var workers = db.Provider == DatabaseProvider.PostgreSql ? Math.Max(1, options.Value.ImportWorkers) : 1;
        if (workers == 1)
        {
            var worker = new Worker(db);
            await foreach (var batch in BatchesAsync(rows, ct)) result.Add(await ImportBatchAsync(worker, batch, ct));
            return result;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<List<CdrImportRow>>(workers);
        var consumers = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await using var own = databases.Create(db.Scope, db.Actor);
                var worker = new Worker(own);
                await foreach (var batch in batches.Reader.ReadAllAsync(stop.Token))
                {
                    var done = await ImportBatchAsync(worker, batch, stop.Token);
                    lock (result) result.Add(done);
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }, stop.Token)).ToList();
        try
        {
            await foreach (var batch in BatchesAsync(rows, stop.Token)) await batches.Writer.WriteAsync(batch, stop.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A worker failed; its exception is the one to report (below).
        }
        finally
        {
            batches.Writer.TryComplete();
        }
        await Task.WhenAll(consumers);
        return result;
    }

    private async IAsyncEnumerable<List<CdrImportRow>> BatchesAsync(IAsyncEnumerable<CdrImportRow> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        var size = Math.Max(1, options.Value.BatchSize);
        var batch = new List<CdrImportRow>(size);
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < size) continue;
            yield return batch;
            batch = new List<CdrImportRow>(size);
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>Stores and rates one batch in one transaction, run again should the database break a deadlock by rolling it back.</summary>
    private async Task<CdrImportResult> ImportBatchAsync(Worker worker, List<CdrImportRow> rows, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryBatchAsync(worker, rows, ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < Attempts)
            {
                worker.Db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<CdrImportResult> TryBatchAsync(Worker worker, List<CdrImportRow> rows, CancellationToken ct)
    {
        var db = worker.Db;
        var result = new CdrImportResult { Rows = rows.Count };
        var now = clock.GetUtcNow();
        var accounts = worker.Accounts;
        List<string>? unknown = null;
        foreach (var row in rows)
        {
            // Marked unknown at once, so each name is asked for once; found ones are filled in below.
            if (row.AccountId?.Trim() is { Length: > 0 } name && accounts.TryAdd(name, null)) (unknown ??= []).Add(name);
        }
        if (unknown is not null)
        {
            try
            {
                foreach (var a in await db.Accounts.AsNoTracking().Where(a => unknown.Contains(a.AccountId))
                             .Select(a => new AccountRef(a.Id, a.AccountId, a.CustomerId, a.ResellerId)).ToListAsync(ct))
                    accounts[a.Name] = a;
            }
            catch
            {
                // Not known to be missing: asked for again when the batch is run again.
                foreach (var name in unknown) accounts.Remove(name);
                throw;
            }
        }

        var candidates = new List<(CdrImportRow Row, Cdr Cdr)>(rows.Count);
        var inBatch = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        var errors = new List<(string Column, string Reason)>();
        foreach (var row in rows)
        {
            errors.Clear();
            errors.AddRange(row.ReadErrors);
            var cdr = Validate(row, accounts, now, errors);
            if (errors.Count > 0 || cdr is null) Fail(result, row.Row, errors);
            else if (!inBatch.Add(cdr.CallId)) Duplicate(result, row.Row, cdr.CallId);
            else candidates.Add((row, cdr));
        }

        await using var tx = await db.BeginWriteAsync(ct);
        // Call ids are unique in the whole installation, whoever's calls they are: the store skips the known ones.
        var inserted = await CdrStore.InsertAsync(db, candidates.Select(f => f.Cdr).ToList(), ct);
        if (inserted.Count < candidates.Count)
        {
            var stored = inserted.ToHashSet();
            foreach (var (row, cdr) in candidates.Where(f => !stored.Contains(f.Cdr))) Duplicate(result, row.Row, cdr.CallId);
            candidates.RemoveAll(f => !stored.Contains(f.Cdr));
        }
        result.Imported = candidates.Count;

        var calls = candidates.Select(f => CdrRater.Facts(f.Cdr)).ToList();
        result.Rating = await rater.RateAsync(db, worker.Rating, calls, ct, imported: true);
        await tx.CommitAsync(ct);
        // The worker's context lives for the whole import: what this batch tracked (first usages, activated
        // subscriptions) is stored now, and left tracked it would make every later batch's save compare it again.
        db.ChangeTracker.Clear();
        return result;
    }

    private static Cdr? Validate(CdrImportRow row, Dictionary<string, AccountRef?> accounts, DateTimeOffset now, List<(string Column, string Reason)> errors)
    {
        if (Required(row.CallId, "callId", errors) is { } callId)
        {
            if (callId.Length > 200) errors.Add(("callId", "must be at most 200 characters long"));
            else if (!Printable(callId)) errors.Add(("callId", "must be printable UTF-8 text"));
        }
        AccountRef? account = null;
        if (Required(row.AccountId, "accountId", errors) is { } name && (account = accounts.GetValueOrDefault(name)) is null)
            errors.Add(("accountId", $"there is no account '{name}'"));
        if (Required(row.Callee, "callee", errors) is { } callee && !IsNumber(callee))
            errors.Add(("callee", "must be a number: digits, * or #, with an optional leading +, at most 64 characters"));
        var connect = Instant(row.ConnectTime, "connectTime", now, errors);
        var disconnect = Instant(row.DisconnectTime, "disconnectTime", now, errors);
        if (connect is { } c && disconnect is { } d)
        {
            if (d < c) errors.Add(("disconnectTime", "must not be before connectTime"));
            else if (d - c > LongestCall) errors.Add(("disconnectTime", $"makes the call longer than {LongestCall.TotalDays:0} days"));
        }
        if (errors.Count > 0 || account is null || connect is null || disconnect is null) return null;

        var seconds = (int)Math.Ceiling((disconnect.Value - connect.Value).TotalSeconds);
        return new Cdr
        {
            CallId = row.CallId!.Trim(),
            Source = CdrSource.Import,
            AccountId = account.Id,
            CustomerId = account.CustomerId,
            ResellerId = account.ResellerId,
            CallerAccountId = account.Id,
            CallingNumber = account.Name.Length <= 64 ? account.Name : account.Name[..64],
            CalledNumber = row.Callee!.Trim(),
            SetupAt = connect.Value.UtcDateTime,
            ConnectAt = connect.Value.UtcDateTime,
            DisconnectAt = disconnect.Value.UtcDateTime,
            BilledEnd = disconnect.Value.UtcDateTime,
            BilledSeconds = seconds,
            FinalSipStatus = 200,
            DisconnectReason = "imported",
            DisconnectSide = "unknown",
            CreatedAt = now.UtcDateTime,
        };
    }

    private static bool Printable(string text)
    {
        foreach (var ch in text)
        {
            if (char.IsControl(ch) || ch == '\uFFFD') return false;
        }
        return true;
    }

    private static string? Required(string? value, string column, List<(string Column, string Reason)> errors)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        errors.Add((column, "is required"));
        return null;
    }

    private static bool IsNumber(string value)
    {
        var digits = value.StartsWith('+') ? value.AsSpan(1) : value.AsSpan();
        if (digits.IsEmpty || value.Length > 64) return false;
        foreach (var ch in digits)
        {
            if (!char.IsAsciiDigit(ch) && ch != '*' && ch != '#') return false;
        }
        return true;
    }

    private static DateTimeOffset? Instant(string? text, string column, DateTimeOffset now, List<(string Column, string Reason)> errors)
    {
        if (Required(text, column, errors) is not { } value) return null;
        if (!IsoInstant.TryParse(value, out var instant)
            && (!HasOffset(value) || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)))
        {
            errors.Add((column, $"'{value}' is not a time with an offset, such as 2026-05-01T10:00:00Z or 2026-05-01T12:00:00+02:00"));
            return null;
        }
        if (instant > now)
        {
            errors.Add((column, "is in the future"));
            return null;
        }
        return instant;
    }

    /// <summary>Whether a time ends with its offset (<c>Z</c>, <c>+02:00</c>, <c>-0500</c>, <c>+02</c>): without one it would be read in the server's zone.</summary>
    private static bool HasOffset(string value)
    {
        var text = value.AsSpan();
        if (text.Length < 11) return false;
        if (text[^1] is 'Z' or 'z') return true;
        foreach (var length in (ReadOnlySpan<int>)[6, 5, 3])
        {
            if (text.Length <= length + 10) continue;
            var tail = text[^length..];
            if (tail[0] is not ('+' or '-')) continue;
            var digits = length == 6 ? $"{tail[1..3]}{tail[4..]}" : tail[1..].ToString();
            if ((length != 6 || tail[3] == ':') && digits.All(char.IsAsciiDigit)) return true;
        }
        return false;
    }

    private static void Fail(CdrImportResult result, int row, List<(string Column, string Reason)> errors)
    {
        result.Failed++;
        foreach (var (column, reason) in errors)
        {
            if (result.Errors.Count < MaxListed) result.Errors.Add(new CdrImportError(row, column, reason));
        }
    }

    private static void Duplicate(CdrImportResult result, int row, string callId)
    {
        result.DuplicateCount++;
        if (result.Duplicates.Count < MaxListed) result.Duplicates.Add(new CdrDuplicate(row, callId));
    }
}
