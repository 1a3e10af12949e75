using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tollgate.Data;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Inserts many rows of an entity in the context's transaction: binary <c>COPY</c> on PostgreSQL, multi-row <c>INSERT</c> on SQLite.</summary>
/// <remarks>
/// <para>
/// An upload adds up to a thousand devices (and as many error rows) per batch; EF's change tracker and one
/// <c>INSERT … RETURNING</c> per entity cost more than the rest of the import together. The rows here are plain
/// values nobody reads back, so they go in one <c>COPY … FROM STDIN (FORMAT BINARY)</c> on PostgreSQL (its fastest way
/// in, and part of the open transaction), and in a few <c>INSERT … VALUES (…), (…)</c> statements on SQLite, whose
/// inserts are cheap in-process calls anyway. Table and column names, and the conversions to
/// the stored form (enums as text, instants as UTC), come from the EF model, so the SQL cannot drift from the schema;
/// the key is left to the database.
/// </para>
/// <para>A failure (a unique index, say) surfaces as <see cref="DbUpdateException"/>, as it would from SaveChanges.</para>
/// </remarks>
public static class BulkInsert
{
    // SQLite allows 32,766 parameters per statement, PostgreSQL 65,535; stay well below both.
    private const int MaxParameters = 30_000;

    public static async Task InsertAsync<T>(TollgateDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).Select(p => new Column(p)).ToList();
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Bulk inserts run inside the caller's write transaction.");
        if (connection is NpgsqlConnection postgres)
        {
            await CopyAsync(postgres, table, columns, rows, ct);
            return;
        }
        var head = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""))}) VALUES ";

        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder(head, head.Length + (count * columns.Count * 8));
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = $"@p{(r * columns.Count) + c}";
                    sql.Append(c == 0 ? name : ", " + name);
                    command.Parameters.Add(Parameter(command, name, columns[c], rows[start + r]));
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            try
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            catch (DbException e)
            {
                throw new DbUpdateException($"Inserting {typeof(T).Name} rows failed: {e.Message}", e);
            }
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, StoreObjectIdentifier table, List<Column> columns, IReadOnlyList<T> rows,
        CancellationToken ct) where T : class
    {
        var copy = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""))}) FROM STDIN (FORMAT BINARY)";
        try
        {
            await using var writer = await connection.BeginBinaryImportAsync(copy, ct);
            // Writes go to Npgsql's buffer and reach the socket only when it fills: the synchronous calls avoid an
            // awaited call per value (a million per 100,000 devices) and block only on those flushes.
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                writer.StartRow();
                foreach (var column in columns)
                {
                    switch (column.Stored(row))
                    {
                        case null: writer.WriteNull(); break;
                        case string s: writer.Write(s, NpgsqlDbType.Text); break;
                        case long l: writer.Write(l, NpgsqlDbType.Bigint); break;
                        case int i: writer.Write(i, NpgsqlDbType.Integer); break;
                        case bool b: writer.Write(b, NpgsqlDbType.Boolean); break;
                        case DateTime t: writer.Write(t, NpgsqlDbType.TimestampTz); break;
                        case decimal d: writer.Write(d, NpgsqlDbType.Numeric); break;
                        case DateOnly d: writer.Write(d, NpgsqlDbType.Date); break;
                        case Guid g: writer.Write(g, NpgsqlDbType.Uuid); break;
                        case var other: throw new NotSupportedException($"{typeof(T).Name}.{column.Property.Name}: {other.GetType()} is not handled by the bulk copy.");
                    }
                }
            }
            await writer.CompleteAsync(ct);
        }
        catch (PostgresException e)
        {
            throw new DbUpdateException($"Copying {typeof(T).Name} rows failed: {e.Message}", e);
        }
    }

    /// <summary>A column, with how to read its stored value from an entity (looked up once per call, not per value).</summary>
    private sealed class Column(IProperty property)
    {
        private readonly IClrPropertyGetter _getter = property.GetGetter();
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = property.GetTypeMapping().Converter;

        public IProperty Property { get; } = property;

        public object? Stored(object row)
        {
            var value = _getter.GetClrValue(row);
            return value is not null && _converter is not null ? _converter.ConvertToProvider(value) : value;
        }
    }

    private static DbParameter Parameter(DbCommand command, string name, Column column, object row)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = column.Stored(row) ?? DBNull.Value;
        return parameter;
    }
}
