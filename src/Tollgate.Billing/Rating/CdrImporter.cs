using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Data;
using Tollgate.Data.Calls;

namespace Tollgate.Billing.Rating;

/// <summary>A row of an import that was not stored, and why (the column is the file's column name).</summary>
public sealed record CdrImportError(int Row, string Column, string Reason);

/// <summary>A row whose call id was already known (stored before, or earlier in the same file): not stored, not charged.</summary>
public sealed record CdrDuplicate(int Row, string CallId);

/// <summary>What an import did, row by row in summary.</summary>
/// <remarks><see cref="Errors"/> and <see cref="Duplicates"/> list at most <see cref="CdrImporter.MaxListed"/> rows each; the counts are complete.</remarks>
public sealed class CdrImportResult
{
    public int Rows { get; set; }
    public int Imported { get; set; }
    public int DuplicateCount { get; set; }
    public int Failed { get; set; }
    public List<CdrDuplicate> Duplicates { get; } = [];
    public List<CdrImportError> Errors { get; } = [];
    public RatingSummary Rating { get; set; } = RatingSummary.Empty;
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
/// </remarks>
public sealed class CdrImporter(CdrRater rater, TimeProvider clock, IOptions<RatingOptions> options)
{
    public const int MaxListed = 1000;
    private static readonly TimeSpan LongestCall = TimeSpan.FromDays(7);

    private sealed record AccountRef(long Id, string Name, long CustomerId, long? ResellerId);

    /// <summary>Imports <paramref name="rows"/> with <paramref name="db"/>, the caller's context (its scope decides which accounts exist).</summary>
    public async Task<CdrImportResult> ImportAsync(TollgateDb db, IAsyncEnumerable<CdrImportRow> rows, CancellationToken ct)
    {
        var result = new CdrImportResult();
        var context = new RatingContext(RateBook.ForMany());
        var accounts = new Dictionary<string, AccountRef?>(StringComparer.Ordinal);
        var size = Math.Max(1, options.Value.BatchSize);
        var batch = new List<CdrImportRow>(size);
        await foreach (var row in rows.WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < size) continue;
            await ImportBatchAsync(db, context, accounts, batch, result, ct);
            batch.Clear();
        }
        if (batch.Count > 0) await ImportBatchAsync(db, context, accounts, batch, result, ct);
        return result;
    }

    private async Task ImportBatchAsync(TollgateDb db, RatingContext context, Dictionary<string, AccountRef?> accounts, List<CdrImportRow> rows,
        CdrImportResult result, CancellationToken ct)
    {
        result.Rows += rows.Count;
        var now = clock.GetUtcNow();
        var names = rows.Select(r => r.AccountId).OfType<string>().Distinct().Where(n => !accounts.ContainsKey(n)).ToList();
        if (names.Count > 0)
        {
            foreach (var name in names) accounts[name] = null;
            foreach (var a in await db.Accounts.AsNoTracking().Where(a => names.Contains(a.AccountId))
                         .Select(a => new AccountRef(a.Id, a.AccountId, a.CustomerId, a.ResellerId)).ToListAsync(ct))
                accounts[a.Name] = a;
        }

        await using var tx = await db.BeginWriteAsync(ct);
        var candidates = new List<(CdrImportRow Row, Cdr Cdr)>();
        var inBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var errors = new List<(string Column, string Reason)>(row.ReadErrors);
            var cdr = Validate(row, accounts, now, errors);
            if (errors.Count > 0 || cdr is null)
            {
                Fail(result, row.Row, errors);
                continue;
            }
            if (inBatch.ContainsKey(cdr.CallId))
            {
                Duplicate(result, row.Row, cdr.CallId);
                continue;
            }
            inBatch[cdr.CallId] = row.Row;
            candidates.Add((row, cdr));
        }

        // Call ids are unique in the whole installation, whoever's calls they are.
        var callIds = candidates.Select(c => c.Cdr.CallId).ToList();
        var known = (await db.Set<Cdr>().IgnoreQueryFilters().Where(c => callIds.Contains(c.CallId)).Select(c => c.CallId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = new List<(CdrImportRow Row, Cdr Cdr)>();
        foreach (var candidate in candidates)
        {
            if (known.Contains(candidate.Cdr.CallId)) Duplicate(result, candidate.Row.Row, candidate.Cdr.CallId);
            else fresh.Add(candidate);
        }
        var stored = (await CdrStore.InsertAsync(db, fresh.Select(f => f.Cdr).ToList(), ct)).ToHashSet();
        foreach (var (row, cdr) in fresh.Where(f => !stored.Contains(f.Cdr))) Duplicate(result, row.Row, cdr.CallId);
        result.Imported += stored.Count;

        var calls = fresh.Where(f => stored.Contains(f.Cdr)).Select(f => CdrRater.Facts(f.Cdr)).ToList();
        result.Rating = result.Rating.Add(await rater.RateAsync(db, context, calls, ct));
        await tx.CommitAsync(ct);
    }

    private static Cdr? Validate(CdrImportRow row, Dictionary<string, AccountRef?> accounts, DateTimeOffset now, List<(string Column, string Reason)> errors)
    {
        if (Required(row.CallId, "callId", errors) is { } callId)
        {
            if (callId.Length > 200) errors.Add(("callId", "must be at most 200 characters long"));
            else if (callId.Any(ch => char.IsControl(ch) || ch == '\uFFFD')) errors.Add(("callId", "must be printable UTF-8 text"));
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
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local) || local.Kind == DateTimeKind.Unspecified
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
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
