using Npgsql;
using NpgsqlTypes;

namespace Tollgate.Bench.Billing;

/// <summary>Fills an empty Tollgate database with a provider of many accounts, fast (binary COPY), for billing to chew on.</summary>
/// <remarks>
/// Every account has ten active subscriptions from 1 May 2026: nine account subscriptions charged to its customer and
/// the reseller subscription charged to the reseller above the customer. Ten accounts per customer, a hundred customers
/// per reseller; monthly billing in UTC.
/// </remarks>
internal static class Seeder
{
    public const int AccountPlans = 9;
    public const int SubscriptionsPerAccount = AccountPlans + 1;
    public static readonly DateTime CreatedAt = new(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly Start = new(2026, 5, 1);

    public static async Task SeedAsync(string connectionString, int accounts)
    {
        var customers = Math.Max(1, accounts / 10);
        var resellers = Math.Max(1, customers / 100);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY resellers (name, currency, billing_period, time_zone, status, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var r = 1; r <= resellers; r++) await Row(copy, $"Reseller {r}", "USD", "Monthly", "UTC", "Active", CreatedAt);
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY customers (reseller_id, name, currency, billing_period, time_zone, status, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var c = 1; c <= customers; c++)
                await Row(copy, (long)((c - 1) % resellers + 1), $"Customer {c}", "USD", "Monthly", "UTC", "Active", CreatedAt);
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY accounts (account_id, customer_id, reseller_id, status, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var a = 1; a <= accounts; a++)
            {
                var customer = (a - 1) % customers + 1;
                await Row(copy, $"bench{a}", (long)customer, ResellerOf(customer, resellers), "Active", CreatedAt);
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY subscriptions (name, kind, fee, currency, activation_mode, charge_mode, prepaid_months, can_be_applied_more_than_once, " +
                         "shared_with_resellers, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 1; p <= AccountPlans; p++)
                await Row(copy, $"Account plan {p}", "Account", p + 0.99m, "USD", "StartDate", "InAdvance", 1, true, true, CreatedAt);
            await Row(copy, "Reseller fee", "Reseller", 10m, "USD", "StartDate", "InAdvance", 1, true, true, CreatedAt);
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY assigned_subscriptions (subscription_id, target, account_id, customer_id, reseller_id, payer_kind, payer_id, status, " +
                         "start_date, activation_date, created_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var a = 1; a <= accounts; a++)
            {
                var customer = (a - 1) % customers + 1;
                var reseller = ResellerOf(customer, resellers);
                for (var p = 1; p <= AccountPlans; p++)
                    await Row(copy, (long)p, "Account", (long)a, (long)customer, reseller, "Customer", (long)customer, "Active", Start, Start, CreatedAt);
                await Row(copy, (long)SubscriptionsPerAccount, "Account", (long)a, (long)customer, reseller, "Reseller", reseller, "Active", Start, Start, CreatedAt);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static long ResellerOf(int customer, int resellers) => (customer - 1) % resellers + 1;

    private static async Task Row(NpgsqlBinaryImporter copy, params object[] values)
    {
        await copy.StartRowAsync();
        foreach (var value in values)
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
}
