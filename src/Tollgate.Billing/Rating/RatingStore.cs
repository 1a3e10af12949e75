using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tollgate.Billing.Parties;
using Tollgate.Billing.Runs;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Rating;
using Tollgate.Domain.Billing;

namespace Tollgate.Billing.Rating;

/// <summary>Rating's reads and writes that must follow billing's rules or go faster than EF: open periods, rating rows.</summary>
internal static class RatingStore
{
    /// <summary>
    /// The open billing period of each payer, with its billing cycle row held <c>FOR SHARE</c> until the transaction
    /// ends: a billing run (which takes cycles <c>FOR UPDATE SKIP LOCKED</c>) cannot close the period meanwhile, so a
    /// usage charge never lands on an invoice already issued. Payers billing has not seen yet get their first cycle.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL first cycles are written in a transaction of their own, committed at once (<paramref name="databases"/>
    /// gives its context): another batch opening the same payers' cycles then waits for that insert only, not for the
    /// whole batch that opened them, which at the start of an import held the other worker up for most of a second.
    /// A first cycle whose batch fails stays: the payer's next charge would open the same one.
    /// </remarks>
    public static async Task<Dictionary<(PayerKind, long), DateRange>> OpenPeriodsAsync(TollgateDb db, TollgateDbFactory databases,
        IReadOnlyCollection<Payer> payers, DateTime now, CancellationToken ct)
    {
        var open = new Dictionary<(PayerKind, long), DateRange>();
        if (payers.Count == 0) return open;
        foreach (var cycle in await CyclesAsync(db, payers, ct)) open[(cycle.PayerKind, cycle.PayerId)] = new DateRange(cycle.PeriodStart, cycle.PeriodEnd);
        var missing = payers.Where(p => !open.ContainsKey((p.Kind, p.Id))).ToList();
        if (missing.Count == 0) return open;

        // In (kind, id) order, like every lock rating takes, so that concurrent batches opening the same cycles cannot deadlock.
        var first = missing.OrderBy(p => p.Kind).ThenBy(p => p.Id).Select(p => BillingCycles.First(p, now)).ToList();
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            await using (var own = databases.CreateSystem())
            {
                await using var tx = await own.BeginWriteAsync(ct);
                await InsertFirstCyclesAsync(own, first, ct);
                await tx.CommitAsync(ct);
            }
            // Read them back under the same lock: a concurrent billing run may have opened (or moved on) some first.
            foreach (var cycle in await CyclesAsync(db, missing, ct)) open[(cycle.PayerKind, cycle.PayerId)] = new DateRange(cycle.PeriodStart, cycle.PeriodEnd);
        }
        else
        {
            db.Set<BillingCycle>().AddRange(first);
            await db.SaveChangesAsync(ct);
            foreach (var cycle in first) open[(cycle.PayerKind, cycle.PayerId)] = new DateRange(cycle.PeriodStart, cycle.PeriodEnd);
        }
        return open;
    }

    private static async Task InsertFirstCyclesAsync(TollgateDb db, List<BillingCycle> first, CancellationToken ct)
    {
        await using var command = Command(db, """
            INSERT INTO billing_cycles (payer_kind, payer_id, period_start, period_end, charged_through, due_at, updated_at)
            SELECT * FROM unnest(@kind, @id, @start, @end, @charged, @due, @updated)
            ON CONFLICT (payer_kind, payer_id) DO NOTHING
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]>("kind", first.Select(c => c.PayerKind.ToString()).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        p.Add(new NpgsqlParameter<long[]>("id", first.Select(c => c.PayerId).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("start", first.Select(c => c.PeriodStart).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("end", first.Select(c => c.PeriodEnd).ToArray()));
        p.Add(new NpgsqlParameter<DateOnly[]>("charged", first.Select(c => c.ChargedThrough).ToArray()));
        p.Add(new NpgsqlParameter<DateTime[]>("due", first.Select(c => c.DueAt).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<DateTime[]>("updated", first.Select(c => c.UpdatedAt).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<BillingCycle>> CyclesAsync(TollgateDb db, IReadOnlyCollection<Payer> payers, CancellationToken ct)
    {
        var customers = payers.Where(p => p.Kind == PayerKind.Customer).Select(p => p.Id).ToArray();
        var resellers = payers.Where(p => p.Kind == PayerKind.Reseller).Select(p => p.Id).ToArray();
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            // Locked in one order (kind, id), like balances, so concurrent raters cannot deadlock.
            return await db.Set<BillingCycle>().FromSql($"""
                SELECT * FROM billing_cycles
                WHERE (payer_kind = 'Customer' AND payer_id = ANY({customers})) OR (payer_kind = 'Reseller' AND payer_id = ANY({resellers}))
                ORDER BY payer_kind, payer_id
                FOR SHARE
                """).AsNoTracking().ToListAsync(ct);
        }
        // SQLite: the write transaction already holds the database lock.
        return await db.Set<BillingCycle>().AsNoTracking()
            .Where(c => (c.PayerKind == PayerKind.Customer && customers.Contains(c.PayerId)) || (c.PayerKind == PayerKind.Reseller && resellers.Contains(c.PayerId)))
            .ToListAsync(ct);
    }

    /// <summary>Writes each call's rating row: new rows for calls seen the first time, an update (one more attempt) for the others.</summary>
    /// <remarks>
    /// A call that was unratable and now rated becomes <see cref="CdrRatingStatus.Rerated"/>. Calls imported in this
    /// very transaction (<paramref name="imported"/>) get a row only when they could not be rated; they have none yet, so
    /// on PostgreSQL those go in by binary <c>COPY</c>.
    /// </remarks>
    public static async Task SaveRatingsAsync(TollgateDb db, IReadOnlyList<CallRating> ratings, DateTime now, bool imported, CancellationToken ct)
    {
        if (imported) ratings = ratings.Where(r => r.Status != CdrRatingStatus.Rated).ToList();
        if (ratings.Count == 0) return;
        if (imported && db.Provider == DatabaseProvider.PostgreSql)
        {
            await CopyRatingsAsync(db, ratings, now, ct);
            return;
        }
        const string upsert = """
            INSERT INTO cdr_ratings (cdr_id, status, reason_code, reason, unrated_parties, attempts, first_attempt_at, last_attempt_at)
            {0}
            ON CONFLICT (cdr_id) DO UPDATE SET
                status = CASE WHEN excluded.status = 'Rated' AND cdr_ratings.status <> 'Rated' THEN 'Rerated' ELSE excluded.status END,
                reason_code = excluded.reason_code, reason = excluded.reason, unrated_parties = excluded.unrated_parties,
                attempts = cdr_ratings.attempts + 1, last_attempt_at = excluded.last_attempt_at
            """;
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            await using var command = Command(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, upsert,
                "SELECT u.cdr_id, u.status, u.reason_code, u.reason, u.parties, 1, @now, @now " +
                "FROM unnest(@cdr, @status, @code, @reason, @parties) AS u(cdr_id, status, reason_code, reason, parties)"));
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<long[]>("cdr", ratings.Select(r => r.Call.CdrId).ToArray()));
            p.Add(new NpgsqlParameter<string[]>("status", ratings.Select(r => r.Status.ToString()).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            p.Add(new NpgsqlParameter<string?[]>("code", ratings.Select(r => r.Problems.Count == 0 ? null : r.Problems[0].Code.ToString()).ToArray())
                { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            p.Add(new NpgsqlParameter<string?[]>("reason", ratings.Select(r => r.Reason).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
            p.Add(new NpgsqlParameter<int[]>("parties", ratings.Select(r => r.UnratedParties).ToArray()));
            p.Add(new NpgsqlParameter<DateTime>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var sqlite = (SqliteCommand)Command(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, upsert,
            "SELECT @cdr, @status, @code, @reason, @parties, 1, @now, @now WHERE true"));
        foreach (var name in new[] { "cdr", "status", "code", "reason", "now", "parties" }) sqlite.Parameters.Add(new SqliteParameter { ParameterName = name });
        var stamp = now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var r in ratings)
        {
            sqlite.Parameters[0].Value = r.Call.CdrId;
            sqlite.Parameters[1].Value = r.Status.ToString();
            sqlite.Parameters[2].Value = r.Problems.Count == 0 ? DBNull.Value : r.Problems[0].Code.ToString();
            sqlite.Parameters[3].Value = (object?)r.Reason ?? DBNull.Value;
            sqlite.Parameters[4].Value = stamp;
            sqlite.Parameters[5].Value = r.UnratedParties;
            await sqlite.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyRatingsAsync(TollgateDb db, IReadOnlyList<CallRating> ratings, DateTime now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await PgBinaryCopy.BeginAsync(connection, "cdr_ratings",
            ["cdr_id", "status", "reason_code", "reason", "unrated_parties", "attempts", "first_attempt_at", "last_attempt_at"], ct);
        foreach (var r in ratings)
        {
            copy.StartRow();
            copy.Write(r.Call.CdrId);
            copy.Write(r.Status.ToString());
            copy.Write(r.Problems.Count == 0 ? null : r.Problems[0].Code.ToString());
            copy.Write(r.Reason);
            copy.Write(r.UnratedParties);
            copy.Write(1);
            copy.Write(now);
            copy.Write(now);
        }
        await copy.CompleteAsync(ct);
    }

    public static System.Data.Common.DbCommand Command(TollgateDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                              ?? throw new InvalidOperationException("Rating writes run inside the caller's transaction.");
        return command;
    }
}
