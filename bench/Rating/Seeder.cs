using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Tollgate.Bench.Rating;

/// <summary>A provider to rate calls for, seeded fast (binary COPY), and a file of calls its accounts made.</summary>
/// <remarks>
/// Ten accounts per customer, a hundred customers per reseller; every account holds one main product rated at a retail
/// tariff and has a subscription waiting for its first usage; every reseller pays a wholesale tariff. Both tariffs have
/// the same <see cref="Prefixes"/> destinations (four-digit prefixes under one-digit catch-alls). The calls go to random
/// numbers under those prefixes, last 0 to 20 minutes (one in ten unanswered), and one in a thousand dials a number no
/// rate covers (unratable); they fall in the month before <see cref="Month"/>'s start, in time order.
/// </remarks>
internal sealed class Seeder(int accounts)
{
    public const int Prefixes = 2000;
    public static readonly DateTime Month = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Start = Month.AddMonths(-1);

    private int Customers => Math.Max(1, accounts / 10);
    private int Resellers => Math.Max(1, Customers / 100);

    public async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await CopyAsync(connection, "resellers (name, currency, billing_period, time_zone, status, created_at)",
            Enumerable.Range(1, Resellers).Select(r => new object[] { $"Reseller {r}", "USD", "Monthly", "UTC", "Active", Start }));
        await CopyAsync(connection, "customers (reseller_id, name, currency, billing_period, time_zone, status, created_at)",
            Enumerable.Range(1, Customers).Select(c => new object[] { ResellerOf(c), $"Customer {c}", "USD", "Monthly", "UTC", "Active", Start }));
        await CopyAsync(connection, "accounts (account_id, customer_id, reseller_id, status, created_at)",
            Enumerable.Range(1, accounts).Select(a => new object[] { $"bench{a}", CustomerOf(a), ResellerOf((int)CustomerOf(a)), "Active", Start }));

        await CopyAsync(connection, "tariffs (name, currency, time_zone, shared_with_resellers, created_at)",
            [["Retail", "USD", "UTC", true, Start], ["Wholesale", "USD", "UTC", false, Start]]);
        await CopyAsync(connection, "rates (tariff_id, prefix, price_per_minute, connect_fee, first_interval, next_interval, grace_seconds, effective_from)",
            new[] { 1L, 2L }.SelectMany(tariff => RatePrefixes().Select((prefix, i) => new object[]
            {
                tariff, prefix, (tariff == 1 ? 0.02m : 0.01m) + i % 97 * 0.0013m, tariff == 1 ? 0.01m : 0m, 60, 6, 3, DateOnly.MinValue,
            })));
        await using (var link = new NpgsqlCommand("UPDATE resellers SET tariff_id = 2", connection)) await link.ExecuteNonQueryAsync();

        await CopyAsync(connection, "products (name, kind, shared_with_resellers, allowed_with_any_main_product, call_recording, tariff_id, created_at)",
            [["Voice", "Main", true, false, false, 1L, Start]]);
        await CopyAsync(connection, "account_products (account_id, product_id, kind, customer_id, reseller_id, start_date, assigned_at)",
            Enumerable.Range(1, accounts).Select(a => new object[]
                { (long)a, 1L, "Main", CustomerOf(a), ResellerOf((int)CustomerOf(a)), DateOnly.FromDateTime(Start), Start }));
        await CopyAsync(connection, "subscriptions (name, kind, fee, currency, activation_mode, charge_mode, prepaid_months, can_be_applied_more_than_once, " +
                                    "shared_with_resellers, created_at)",
            [["Voice line", "Account", 5m, "USD", "FirstUsage", "InAdvance", 1, false, true, Start]]);
        await CopyAsync(connection, "assigned_subscriptions (subscription_id, target, account_id, customer_id, reseller_id, payer_kind, payer_id, status, " +
                                    "start_date, product_id, created_at)",
            Enumerable.Range(1, accounts).Select(a => new object[]
            {
                1L, "Account", (long)a, CustomerOf(a), ResellerOf((int)CustomerOf(a)), "Customer", CustomerOf(a), "Pending", DateOnly.FromDateTime(Start), 1L, Start,
            }));
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Writes <paramref name="count"/> calls as the import's CSV; returns the file's size in bytes.</summary>
    public long WriteCalls(string path, int count)
    {
        var random = new Random(8);
        var prefixes = RatePrefixes().Where(p => p.Length > 1).ToArray();
        var span = Month - Start;
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("callId,accountId,callee,connectTime,disconnectTime\n");
        var line = new StringBuilder(128);
        for (var i = 0; i < count; i++)
        {
            var connect = Start.AddTicks(span.Ticks / count * i);
            var seconds = random.Next(10) == 0 ? 0 : random.Next(1, 1200);
            var callee = i % 1000 == 999 ? $"0{random.Next(100_000_000):D9}" : $"{prefixes[random.Next(prefixes.Length)]}{random.Next(10_000_000):D7}";
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"bench-{i:D8},bench{random.Next(1, accounts + 1)},{callee},");
            line.Append(connect.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',');
            line.Append(connect.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n');
            writer.Write(line);
        }
        writer.Flush();
        return writer.BaseStream.Length;
    }

    /// <summary>One-digit catch-alls 1–9, then four-digit prefixes 2000, 2001, … under them.</summary>
    private static IEnumerable<string> RatePrefixes() =>
        Enumerable.Range(1, 9).Select(d => d.ToString(CultureInfo.InvariantCulture))
            .Concat(Enumerable.Range(0, Prefixes).Select(i => (2000 + i * 3).ToString(CultureInfo.InvariantCulture)));

    private long CustomerOf(int account) => (account - 1) % Customers + 1;

    private long ResellerOf(int customer) => (customer - 1) % Resellers + 1;

    private static async Task CopyAsync(NpgsqlConnection connection, string target, IEnumerable<object[]> rows)
    {
        await using var copy = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case DateTime t: await copy.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                    case DateOnly d: await copy.WriteAsync(d, NpgsqlDbType.Date); break;
                    case string s: await copy.WriteAsync(s, NpgsqlDbType.Varchar); break;
                    case long l: await copy.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case int i: await copy.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case decimal m: await copy.WriteAsync(m, NpgsqlDbType.Numeric); break;
                    case bool b: await copy.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    default: throw new ArgumentException($"No COPY mapping for {value.GetType()}.");
                }
            }
        }
        await copy.CompleteAsync();
    }
}
