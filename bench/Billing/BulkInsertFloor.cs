using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Tollgate.Bench.Billing;

/// <summary>The physical floor: a plain binary COPY of the charge rows a run writes, into a table shaped like <c>xdrs</c>.</summary>
/// <remarks>
/// The copy table is made with <c>LIKE xdrs INCLUDING ALL</c>, so it has the same columns, unique natural key and
/// indexes: the only difference from a billing run is everything billing does besides writing rows.
/// </remarks>
internal static class BulkInsertFloor
{
    public static async Task<(int Rows, TimeSpan Elapsed)> MeasureAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS xdrs_floor; CREATE TABLE xdrs_floor (LIKE xdrs INCLUDING ALL)", connection))
            await create.ExecuteNonQueryAsync();

        // The rows billing will write for May: one per subscription, read before the clock starts.
        var rows = new List<(long Id, string PayerKind, long PayerId, long? Account, long? Customer, long? Reseller, long Plan, decimal Fee)>();
        await using (var read = new NpgsqlCommand(
                         "SELECT s.id, s.payer_kind, s.payer_id, s.account_id, s.customer_id, s.reseller_id, s.subscription_id, p.fee " +
                         "FROM assigned_subscriptions s JOIN subscriptions p ON p.id = s.subscription_id ORDER BY s.id", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4), reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetInt64(6), reader.GetDecimal(7)));
        }

        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY xdrs_floor (kind, payer_kind, payer_id, source_id, key_date, period_start, account_id, customer_id, reseller_id, " +
                         "subscription_id, service_from, service_to, fee, amount, currency, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            var end = Seeder.Start.AddMonths(1);
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync("Subscription", NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.PayerKind, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.PayerId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint);
                await copy.WriteAsync(Seeder.Start, NpgsqlDbType.Date);
                await copy.WriteAsync(Seeder.Start, NpgsqlDbType.Date);
                await Nullable(copy, r.Account);
                await Nullable(copy, r.Customer);
                await Nullable(copy, r.Reseller);
                await copy.WriteAsync(r.Plan, NpgsqlDbType.Bigint);
                await copy.WriteAsync(Seeder.Start, NpgsqlDbType.Date);
                await copy.WriteAsync(end, NpgsqlDbType.Date);
                await copy.WriteAsync(r.Fee, NpgsqlDbType.Numeric);
                await copy.WriteAsync(r.Fee, NpgsqlDbType.Numeric);
                await copy.WriteAsync("USD", NpgsqlDbType.Varchar);
                await copy.WriteAsync(Seeder.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        var elapsed = clock.Elapsed;
        await using (var drop = new NpgsqlCommand("DROP TABLE xdrs_floor", connection)) await drop.ExecuteNonQueryAsync();
        return (rows.Count, elapsed);
    }

    private static async Task Nullable(NpgsqlBinaryImporter copy, long? value)
    {
        if (value is { } v) await copy.WriteAsync(v, NpgsqlDbType.Bigint);
        else await copy.WriteNullAsync();
    }
}
