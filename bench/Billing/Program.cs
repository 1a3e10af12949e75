using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tollgate.Bench.Billing;
using Tollgate.Data;
using Tollgate.Hosting;
using Tollgate.Testing;

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
Console.WriteLine($"Billing benchmark on PostgreSQL ({(Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is null ? "throwaway cluster, fsync off" : "TOLLGATE_BENCH_PG")})");
Console.WriteLine($"{Environment.ProcessorCount} CPU(s), .NET {Environment.Version}" +
                  (heapLimitMb is { } mb ? $"; the billing run's managed heap is capped at {mb} MB (DOTNET_GCHeapHardLimit)" : ""));
var results = new List<string>();
foreach (var accounts in sizes)
{
    var subscriptions = accounts * Seeder.SubscriptionsPerAccount;
    var connection = await CreateDatabaseAsync();
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

static async Task<string> CreateDatabaseAsync()
{
    if (Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is not { Length: > 0 } server) return await PostgresServer.CreateDatabaseAsync("tollgate_bench");
    var name = $"tollgate_bench_{Guid.NewGuid():N}"[..30];
    await using (var admin = new NpgsqlConnection(server))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
    return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
}

/// Runs the real `tollgate billing run` (the executable built beside this one) and watches its memory.
static async Task<(TimeSpan Elapsed, int Charges, long PeakRssMb, string Summary)> RunBillingAsync(string connection, string through, int? heapLimitMb)
{
    var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "tollgate")) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (heapLimitMb is { } mb) start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{(long)mb * 1024 * 1024:X}";
    foreach (var a in new[] { "billing", "run", "--through", through, "--db", connection }) start.ArgumentList.Add(a);
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    long peakKb = 0;
    while (!process.HasExited)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peakKb = Math.Max(peakKb, long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // The process ended between the check and the read.
        }
        await Task.Delay(10);
    }
    await process.WaitForExitAsync();
    var elapsed = clock.Elapsed;
    var summary = (await output).Trim();
    if (process.ExitCode != 0) throw new InvalidOperationException($"billing run failed ({process.ExitCode}): {await error}");
    var charges = int.Parse(Regex.Match(summary, @"(\d+) charge\(s\) written").Groups[1].Value, CultureInfo.InvariantCulture);
    return (elapsed, charges, peakKb / 1024, summary);
}
