using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tollgate.Data;
using Tollgate.Data.Calls;

namespace Tollgate.Billing.Rating;

/// <summary>Stores many CDRs at once, in the caller's transaction, skipping call ids that are already known.</summary>
/// <remarks>
/// <para>
/// An import writes thousands of CDRs per batch and rates them at once, so it needs their ids without a round trip per
/// row. On PostgreSQL the ids are taken from the table's identity sequence in one statement and the rows go in by
/// binary <c>COPY</c> inside a savepoint; should the unique call id refuse one (another import stored the same call
/// meanwhile), the savepoint is undone and the rows go in one by one with <c>ON CONFLICT DO NOTHING</c>. On SQLite each
/// row is one prepared <c>INSERT … ON CONFLICT DO NOTHING RETURNING id</c>, an in-process call.
/// </para>
/// <para>CDRs are call facts, not changes someone made, so they bypass the audit trail like the charge ledger does.</para>
/// </remarks>
internal static class CdrStore
{
    private const string Columns =
        "id, call_id, source, account_id, customer_id, reseller_id, caller_account_id, callee_account_id, incoming_connection_id, " +
        "outgoing_connection_id, calling_number, called_number, setup_at, connect_at, disconnect_at, billed_end, billed_seconds, " +
        "final_sip_status, disconnect_reason, disconnect_side, caller_keep_alive, callee_keep_alive, created_at";

    private static readonly ConcurrentDictionary<string, string> Sequences = new();

    /// <summary>Inserts the CDRs whose call id is new, setting their <see cref="Cdr.Id"/>; returns those inserted (the rest are duplicates).</summary>
    public static async Task<List<Cdr>> InsertAsync(TollgateDb db, IReadOnlyList<Cdr> cdrs, CancellationToken ct)
    {
        if (cdrs.Count == 0) return [];
        var table = db.Model.FindEntityType(typeof(Cdr))!.GetTableName()!;
        return db.Provider == DatabaseProvider.PostgreSql ? await InsertPostgresAsync(db, table, cdrs, ct) : await InsertSqliteAsync(db, table, cdrs, ct);
    }

    private static async Task<List<Cdr>> InsertPostgresAsync(TollgateDb db, string table, IReadOnlyList<Cdr> cdrs, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
                                              ?? throw new InvalidOperationException("CDRs are stored inside the caller's transaction."));
        var sequence = await SequenceAsync(connection, transaction, table, ct);
        await using (var ids = new NpgsqlCommand($"SELECT nextval('{sequence}') FROM generate_series(1, @n)", connection, transaction))
        {
            ids.Parameters.Add(new NpgsqlParameter<int>("n", cdrs.Count));
            await using var reader = await ids.ExecuteReaderAsync(ct);
            var i = 0;
            while (await reader.ReadAsync(ct)) cdrs[i++].Id = reader.GetInt64(0);
        }

        await transaction.SaveAsync("cdrs", ct);
        try
        {
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({Columns}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var c in cdrs)
                {
                    await copy.StartRowAsync(ct);
                    await WriteRowAsync(copy, c, ct);
                }
                await copy.CompleteAsync(ct);
            }
            await transaction.ReleaseAsync("cdrs", ct);
            return cdrs.ToList();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync("cdrs", ct);
        }

        var inserted = new List<Cdr>();
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO \"{table}\" ({Columns}) VALUES ({string.Join(", ", Enumerable.Range(0, 23).Select(i => $"${i + 1}"))}) ON CONFLICT (call_id) DO NOTHING",
            connection, transaction);
        foreach (var c in cdrs)
        {
            insert.Parameters.Clear();
            foreach (var value in Values(c)) insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            if (await insert.ExecuteNonQueryAsync(ct) == 1) inserted.Add(c);
        }
        return inserted;
    }

    private static async Task<string> SequenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken ct)
    {
        if (Sequences.TryGetValue(table, out var known)) return known;
        await using var command = new NpgsqlCommand("SELECT pg_get_serial_sequence(@table, 'id')", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("table", $"\"{table}\""));
        var name = (string?)await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"Table {table} has no identity sequence.");
        return Sequences[table] = name;
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter copy, Cdr c, CancellationToken ct)
    {
        await copy.WriteAsync(c.Id, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(c.CallId, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.Source.ToString(), NpgsqlDbType.Varchar, ct);
        await Long(copy, c.AccountId, ct);
        await Long(copy, c.CustomerId, ct);
        await Long(copy, c.ResellerId, ct);
        await Long(copy, c.CallerAccountId, ct);
        await Long(copy, c.CalleeAccountId, ct);
        await Long(copy, c.IncomingConnectionId, ct);
        await Long(copy, c.OutgoingConnectionId, ct);
        await copy.WriteAsync(c.CallingNumber, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.CalledNumber, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.SetupAt, NpgsqlDbType.TimestampTz, ct);
        await Instant(copy, c.ConnectAt, ct);
        await copy.WriteAsync(c.DisconnectAt, NpgsqlDbType.TimestampTz, ct);
        await Instant(copy, c.BilledEnd, ct);
        await copy.WriteAsync(c.BilledSeconds, NpgsqlDbType.Integer, ct);
        if (c.FinalSipStatus is { } status) await copy.WriteAsync(status, NpgsqlDbType.Integer, ct);
        else await copy.WriteNullAsync(ct);
        await copy.WriteAsync(c.DisconnectReason, NpgsqlDbType.Varchar, ct);
        await copy.WriteAsync(c.DisconnectSide, NpgsqlDbType.Varchar, ct);
        await Text(copy, c.CallerKeepAlive, ct);
        await Text(copy, c.CalleeKeepAlive, ct);
        await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, ct);
    }

    private static async Task Long(NpgsqlBinaryImporter copy, long? value, CancellationToken ct)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.Bigint, ct);
        else await copy.WriteNullAsync(ct);
    }

    private static async Task Instant(NpgsqlBinaryImporter copy, DateTime? value, CancellationToken ct)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.TimestampTz, ct);
        else await copy.WriteNullAsync(ct);
    }

    private static async Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is not null) await copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
        else await copy.WriteNullAsync(ct);
    }

    /// <summary>The row's values in <see cref="Columns"/> order, as the database stores them.</summary>
    private static object?[] Values(Cdr c) =>
    [
        c.Id, c.CallId, c.Source.ToString(), c.AccountId, c.CustomerId, c.ResellerId, c.CallerAccountId, c.CalleeAccountId, c.IncomingConnectionId,
        c.OutgoingConnectionId, c.CallingNumber, c.CalledNumber, c.SetupAt, c.ConnectAt, c.DisconnectAt, c.BilledEnd, c.BilledSeconds,
        c.FinalSipStatus, c.DisconnectReason, c.DisconnectSide, c.CallerKeepAlive, c.CalleeKeepAlive, c.CreatedAt,
    ];

    private static async Task<List<Cdr>> InsertSqliteAsync(TollgateDb db, string table, IReadOnlyList<Cdr> cdrs, CancellationToken ct)
    {
        var columns = Columns.Split(", ").Skip(1).ToList();
        await using var command = (SqliteCommand)RatingStore.Command(db,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
            "ON CONFLICT (call_id) DO NOTHING RETURNING id");
        foreach (var column in columns) command.Parameters.Add(new SqliteParameter { ParameterName = column });
        var inserted = new List<Cdr>();
        foreach (var c in cdrs)
        {
            var values = Values(c);
            for (var i = 1; i < values.Length; i++)
                command.Parameters[i - 1].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                    var v => v,
                };
            if (await command.ExecuteScalarAsync(ct) is long id)
            {
                c.Id = id;
                inserted.Add(c);
            }
        }
        return inserted;
    }
}
