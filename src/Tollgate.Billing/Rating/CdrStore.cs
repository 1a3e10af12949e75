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
/// binary <c>COPY</c> inside a savepoint, without asking first which call ids are known: usually none are. Should the
/// unique call id refuse one (a file sent again, or another import storing the same call meanwhile), the savepoint is
/// undone and the rows go in with one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING id</c>, which
/// also says which were new. On SQLite each row is one prepared <c>INSERT … ON CONFLICT DO NOTHING RETURNING id</c>,
/// an in-process call.
/// </para>
/// <para>CDRs are call facts, not changes someone made, so they bypass the audit trail like the charge ledger does.</para>
/// </remarks>
internal static class CdrStore
{
    private sealed record Field(string Name, NpgsqlDbType Type, Func<Cdr, object?> Value);

    private static readonly Field[] Fields =
    [
        new("id", NpgsqlDbType.Bigint, c => c.Id),
        new("call_id", NpgsqlDbType.Varchar, c => c.CallId),
        new("source", NpgsqlDbType.Varchar, c => c.Source.ToString()),
        new("account_id", NpgsqlDbType.Bigint, c => c.AccountId),
        new("customer_id", NpgsqlDbType.Bigint, c => c.CustomerId),
        new("reseller_id", NpgsqlDbType.Bigint, c => c.ResellerId),
        new("caller_account_id", NpgsqlDbType.Bigint, c => c.CallerAccountId),
        new("callee_account_id", NpgsqlDbType.Bigint, c => c.CalleeAccountId),
        new("incoming_connection_id", NpgsqlDbType.Bigint, c => c.IncomingConnectionId),
        new("outgoing_connection_id", NpgsqlDbType.Bigint, c => c.OutgoingConnectionId),
        new("calling_number", NpgsqlDbType.Varchar, c => c.CallingNumber),
        new("called_number", NpgsqlDbType.Varchar, c => c.CalledNumber),
        new("setup_at", NpgsqlDbType.TimestampTz, c => c.SetupAt),
        new("connect_at", NpgsqlDbType.TimestampTz, c => c.ConnectAt),
        new("disconnect_at", NpgsqlDbType.TimestampTz, c => c.DisconnectAt),
        new("billed_end", NpgsqlDbType.TimestampTz, c => c.BilledEnd),
        new("billed_seconds", NpgsqlDbType.Integer, c => c.BilledSeconds),
        new("final_sip_status", NpgsqlDbType.Integer, c => c.FinalSipStatus),
        new("disconnect_reason", NpgsqlDbType.Varchar, c => c.DisconnectReason),
        new("disconnect_side", NpgsqlDbType.Varchar, c => c.DisconnectSide),
        new("caller_keep_alive", NpgsqlDbType.Varchar, c => c.CallerKeepAlive),
        new("callee_keep_alive", NpgsqlDbType.Varchar, c => c.CalleeKeepAlive),
        new("created_at", NpgsqlDbType.TimestampTz, c => c.CreatedAt),
    ];

    private static readonly string[] ColumnNames = Fields.Select(f => f.Name).ToArray();

    private static readonly string Columns = string.Join(", ", ColumnNames);

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
            await using (var copy = await PgBinaryCopy.BeginAsync(connection, $"\"{table}\"", ColumnNames, ct))
            {
                foreach (var c in cdrs)
                {
                    ct.ThrowIfCancellationRequested();
                    WriteRow(copy, c);
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

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO \"{table}\" ({Columns}) SELECT * FROM unnest({string.Join(", ", Fields.Select(f => "@" + f.Name))}) " +
            "ON CONFLICT (call_id) DO NOTHING RETURNING id", connection, transaction);
        foreach (var field in Fields) insert.Parameters.Add(Column(field, cdrs));
        var byId = cdrs.ToDictionary(c => c.Id);
        var inserted = new List<Cdr>();
        await using var returned = await insert.ExecuteReaderAsync(ct);
        while (await returned.ReadAsync(ct)) inserted.Add(byId[returned.GetInt64(0)]);
        return inserted;
    }

    /// <summary>One column of the rows as one array parameter of the column's type.</summary>
    private static NpgsqlParameter Column(Field field, IReadOnlyList<Cdr> cdrs)
    {
        var values = cdrs.Select(field.Value);
        return field.Type switch
        {
            NpgsqlDbType.Bigint => new NpgsqlParameter<long?[]>(field.Name, values.Select(v => (long?)v).ToArray()),
            NpgsqlDbType.Integer => new NpgsqlParameter<int?[]>(field.Name, values.Select(v => (int?)v).ToArray()),
            NpgsqlDbType.TimestampTz => new NpgsqlParameter<DateTime?[]>(field.Name, values.Select(v => (DateTime?)v).ToArray())
                { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
            _ => new NpgsqlParameter<string?[]>(field.Name, values.Select(v => (string?)v).ToArray()) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar },
        };
    }

    private static async Task<string> SequenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, CancellationToken ct)
    {
        if (Sequences.TryGetValue(table, out var known)) return known;
        await using var command = new NpgsqlCommand("SELECT pg_get_serial_sequence(@table, 'id')", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("table", $"\"{table}\""));
        var name = (string?)await command.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"Table {table} has no identity sequence.");
        return Sequences[table] = name;
    }

    /// <summary>A row for <c>COPY</c>, in <see cref="Fields"/> order.</summary>
    private static void WriteRow(PgBinaryCopy copy, Cdr c)
    {
        copy.StartRow();
        copy.Write(c.Id);
        copy.Write(c.CallId);
        copy.Write(c.Source.ToString());
        copy.Write(c.AccountId);
        copy.Write(c.CustomerId);
        copy.Write(c.ResellerId);
        copy.Write(c.CallerAccountId);
        copy.Write(c.CalleeAccountId);
        copy.Write(c.IncomingConnectionId);
        copy.Write(c.OutgoingConnectionId);
        copy.Write(c.CallingNumber);
        copy.Write(c.CalledNumber);
        copy.Write(c.SetupAt);
        copy.Write(c.ConnectAt);
        copy.Write(c.DisconnectAt);
        copy.Write(c.BilledEnd);
        copy.Write(c.BilledSeconds);
        copy.Write(c.FinalSipStatus);
        copy.Write(c.DisconnectReason);
        copy.Write(c.DisconnectSide);
        copy.Write(c.CallerKeepAlive);
        copy.Write(c.CalleeKeepAlive);
        copy.Write(c.CreatedAt);
    }

    private static async Task<List<Cdr>> InsertSqliteAsync(TollgateDb db, string table, IReadOnlyList<Cdr> cdrs, CancellationToken ct)
    {
        var fields = Fields.Skip(1).ToList();
        await using var command = (SqliteCommand)RatingStore.Command(db,
            $"INSERT INTO \"{table}\" ({string.Join(", ", fields.Select(f => f.Name))}) VALUES ({string.Join(", ", fields.Select(f => "@" + f.Name))}) " +
            "ON CONFLICT (call_id) DO NOTHING RETURNING id");
        foreach (var field in fields) command.Parameters.Add(new SqliteParameter { ParameterName = field.Name });
        var inserted = new List<Cdr>();
        foreach (var c in cdrs)
        {
            for (var i = 0; i < fields.Count; i++)
                command.Parameters[i].Value = fields[i].Value(c) switch
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
