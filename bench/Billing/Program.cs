using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Bench;
using Tollgate.Bench.Billing;
using Tollgate.Data;
using Tollgate.Hosting;

// A billing run over many active subscriptions on PostgreSQL, measured beside a plain bulk insert of the same rows.
//
//   dotnet run -c Release --project bench/Billing -- [--accounts 100000[,10000,...]] [--heap-limit-mb 96]
//
// Each size gets a fresh database: seed (10 subscriptions per account), time a binary COPY of one charge row per
// subscription into a copy of the xdrs table (the floor), then time the real `tollgate billing run` command (the
// executable built beside this one) in a child process, twice: through 1 May 2026 (May charged in advance, one charge per subscription) and through 1 June 2026
// (May closed and invoiced, June charged). The child's peak resident memory is read from /proc while it runs.
// TOLLGATE_BENCH_PG may name a PostgreSQL server (a connection string to a database allowed to CREATE DATABASE);
// without it a throwaway cluster is started, as the tests do.

var sizes = Option("--accounts", "100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
// A cap on the measured run's managed heap: if it finishes within it at every size, its live memory does not grow with size.
var heapLimitMb = Option("--heap-limit-mb", "") is { Length: > 0 } limit ? int.Parse(limit, CultureInfo.InvariantCulture) : (int?)null;
Console.WriteLine($"Billing benchmark on PostgreSQL ({Measured.DatabaseKind})");
Console.WriteLine($"{Environment.ProcessorCount} CPU(s), .NET {Environment.Version}" +
                  (heapLimitMb is { } mb ? $"; the billing run's managed heap is capped at {mb} MB (DOTNET_GCHeapHardLimit)" : ""));
var results = new List<string>();
foreach (var accounts in sizes)
{
    var subscriptions = accounts * Seeder.SubscriptionsPerAccount;
    var connection = await Measured.CreateDatabaseAsync();
    var services = new ServiceCollection().AddTollgateDatabase(new DatabaseSettings(connection)).BuildServiceProvider();
    await Bootstrap.MigrateAsync(services.GetRequiredService<TollgateDbFactory>(), CancellationToken.None);

    var seeding = Stopwatch.StartNew();
    await Seeder.SeedAsync(connection, accounts);
    Console.WriteLine($"\n{accounts:N0} accounts, {subscriptions:N0} active subscriptions seeded in {seeding.Elapsed.TotalSeconds:F1} s");

    var floor = await BulkInsertFloor.MeasureAsync(connection);
    var floorRate = floor.Rows / floor.Elapsed.TotalSeconds;
    Console.WriteLine($"  bulk insert (COPY) of {floor.Rows:N0} charge rows: {floor.Elapsed.TotalSeconds:F2} s = {floorRate:N0} rows/s");

    foreach (var through in new[] { "2026-05-01", "2026-06-01" })
    {
        (TimeSpan Elapsed, int Charges, long PeakRssMb, string Summary) run;
        try
        {
            run = await RunBillingAsync(connection, through, heapLimitMb);
        }
        catch (InvalidOperationException e)
        {
            // Return normally so the throwaway PostgreSQL cluster is stopped on the way out.
            Console.WriteLine($"  tollgate billing run --through {through} FAILED: {e.Message.Split('\n')[0]}");
            return 1;
        }
        var rate = run.Charges / run.Elapsed.TotalSeconds;
        Console.WriteLine($"  tollgate billing run --through {through}: {run.Elapsed.TotalSeconds:F2} s, {run.Charges:N0} charges = {rate:N0} charges/s " +
                          $"({floorRate / rate:F2}x the bulk insert's time per row), peak RSS {run.PeakRssMb:N0} MB");
        Console.WriteLine($"    {run.Summary}");
        results.Add($"| {accounts:N0} | {subscriptions:N0} | {through} | {run.Charges:N0} | {run.Elapsed.TotalSeconds:F1} s | {rate:N0} | " +
                    $"{floorRate:N0} | {floorRate / rate:F2}x | {run.PeakRssMb:N0} MB |");
    }
}
Console.WriteLine("\n| accounts | subscriptions | through | charges | run time | charges/s | bulk insert rows/s | ratio | peak RSS |");
Console.WriteLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var row in results) Console.WriteLine(row);
return 0;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

/// Runs the real `tollgate billing run` (the executable built beside this one) and watches its memory.
static async Task<(TimeSpan Elapsed, int Charges, long PeakRssMb, string Summary)> RunBillingAsync(string connection, string through, int? heapLimitMb)
{
    var run = await Measured.TollgateAsync(["billing", "run", "--through", through, "--db", connection], heapLimitMb);
    if (run.ExitCode != 0) throw new InvalidOperationException($"billing run failed ({run.ExitCode}): {run.Error}");
    var charges = int.Parse(Regex.Match(run.Output, @"(\d+) charge\(s\) written").Groups[1].Value, CultureInfo.InvariantCulture);
    return (run.Elapsed, charges, run.PeakRssMb, run.Output);
}
