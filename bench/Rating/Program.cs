using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tollgate.Bench;
using Tollgate.Bench.Rating;
using Tollgate.Data;
using Tollgate.Hosting;

// Rating a file of CDRs on PostgreSQL with the real `tollgate cdrs import` command: CDRs/s and peak memory.
//
//   dotnet build -c Release bench/Rating
//   dotnet bench/Rating/bin/Release/net10.0/bench-rating.dll [--cdrs 1000000] [--accounts 10000] [--heap-limit-mb 256] [--prepare-only]
//
// A fresh database is seeded (see Seeder), a CSV file of calls is written, then the `tollgate` executable, published
// below this one as docs/deployment.md installs it (ReadyToRun, see Rating.csproj), imports it in a child process: every row parsed and checked, stored as a CDR, rated at the customer's and
// the reseller's tariff (two charges per answered call), balances moved, first usage recorded. The clock runs from the
// command's start to its exit, each run starting after a CHECKPOINT (pgbench's habit); its peak resident memory is read from /proc while it runs, and its CPU time at the end
// (the database server's is not in it). Then the same file is imported again: every row is now a duplicate and
// nothing may be stored or charged twice. --prepare-only seeds and writes the file, prints the import command and
// stops (to run it under a profiler). TOLLGATE_BENCH_PG may name a PostgreSQL server; without it a throwaway cluster
// is started (fsync off), as the tests do.

var cdrs = int.Parse(Option("--cdrs", "1000000"), CultureInfo.InvariantCulture);
var accounts = int.Parse(Option("--accounts", "10000"), CultureInfo.InvariantCulture);
var prepareOnly = args.Contains("--prepare-only");
var heapLimitMb = Option("--heap-limit-mb", "") is { Length: > 0 } limit ? int.Parse(limit, CultureInfo.InvariantCulture) : (int?)null;
Console.WriteLine($"Rating benchmark on PostgreSQL ({Measured.DatabaseKind})");
Console.WriteLine($"{Environment.ProcessorCount} CPU(s), .NET {Environment.Version}" +
                  (heapLimitMb is { } mb ? $"; the import's managed heap is capped at {mb} MB (DOTNET_GCHeapHardLimit)" : ""));

var connection = await Measured.CreateDatabaseAsync();
var services = new ServiceCollection().AddTollgateDatabase(new DatabaseSettings(connection)).BuildServiceProvider();
await Bootstrap.MigrateAsync(services.GetRequiredService<TollgateDbFactory>(), CancellationToken.None);
var seeder = new Seeder(accounts);
var seeding = Stopwatch.StartNew();
await seeder.SeedAsync(connection);
var file = Path.Combine(Path.GetTempPath(), $"tollgate-bench-cdrs-{Guid.NewGuid():N}.csv");
var bytes = seeder.WriteCalls(file, cdrs);
Console.WriteLine($"{accounts:N0} accounts, 2 tariffs of {Seeder.Prefixes + 9:N0} rates each; {cdrs:N0} calls in {Seeder.Start:yyyy-MM} " +
                  $"({bytes / 1048576.0:F0} MB of CSV) prepared in {seeding.Elapsed.TotalSeconds:F1} s");
const string Published = "tollgate-published";
string[] command = ["cdrs", "import", file, "--db", connection];
if (prepareOnly)
{
    Console.WriteLine($"{Path.Combine(AppContext.BaseDirectory, Published, "tollgate")} {string.Join(' ', command[..3])} --db \"{connection}\"");
    return 0;
}

try
{
    var first = await ImportAsync("import");
    var stored = await CountAsync(connection);
    Console.WriteLine($"    stored: {stored.Cdrs:N0} CDRs, {stored.Charges:N0} charges, {stored.Unratable:N0} unratable, " +
                      $"{stored.Active:N0} subscriptions activated by first usage");
    var floor = await FloorAsync();
    Console.WriteLine($"  floor: the same {floor.Rows:N0} CDR and charge rows written by the database alone (INSERT … SELECT into copies of " +
                      $"the tables, same indexes): {floor.Elapsed.TotalSeconds:F2} s, database CPU {Seconds(floor.DatabaseCpu)}");
    var again = await ImportAsync("same file again");
    var after = await CountAsync(connection);
    Console.WriteLine(after == stored ? "    nothing was stored or charged twice" : $"    CHANGED: {after}");

    Console.WriteLine("\n| CDRs | accounts | run | time | CDRs/s | charges written | import CPU | database CPU | peak RSS |");
    Console.WriteLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (what, (run, database)) in new[] { ("import", first), ("again (all duplicates)", again) })
        Console.WriteLine($"| {cdrs:N0} | {accounts:N0} | {what} | {run.Elapsed.TotalSeconds:F1} s | {cdrs / run.Elapsed.TotalSeconds:N0} | " +
                          $"{Charges(run):N0} | {run.Cpu.TotalSeconds:F1} s | {Seconds(database)} | {run.PeakRssMb:N0} MB |");
    return after == stored ? 0 : 1;
}
catch (InvalidOperationException e)
{
    // Return normally so the throwaway PostgreSQL cluster is stopped on the way out.
    Console.WriteLine($"FAILED: {e.Message}");
    return 1;
}
finally
{
    File.Delete(file);
}

async Task<(MeasuredRun Run, TimeSpan? DatabaseCpu)> ImportAsync(string what)
{
    await CheckpointAsync();
    var before = await Measured.DatabaseCpuAsync(connection);
    var run = await Measured.TollgateAsync(command, heapLimitMb, Published);
    if (run.ExitCode is not (0 or 5)) throw new InvalidOperationException($"cdrs import failed ({run.ExitCode}): {run.Error}");
    await Task.Delay(500); // the import's server processes end with its connections; let the postmaster collect them
    var database = await Measured.DatabaseCpuAsync(connection) - before;
    Console.WriteLine($"  tollgate cdrs import ({what}): {run.Elapsed.TotalSeconds:F2} s = {cdrs / run.Elapsed.TotalSeconds:N0} CDRs/s (target 50,000), " +
                      $"CPU {run.Cpu.TotalSeconds:F1} s + database {Seconds(database)}, peak RSS {run.PeakRssMb:N0} MB");
    Console.WriteLine($"    {run.Output.Split('\n')[0]}");
    if (run.Error.Length > 0) Console.WriteLine(run.Error);
    return (run, database);
}

// The physical floor: what the database alone spends writing the rows the import wrote, with the same indexes.
async Task<(long Rows, TimeSpan Elapsed, TimeSpan? DatabaseCpu)> FloorAsync()
{
    // Not pooled: its server process ends with it, so the database CPU that follows does not see it come and go.
    await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
    await db.OpenAsync();
    await using (var create = new NpgsqlCommand(
                     "CREATE TABLE cdr_floor (LIKE cdr INCLUDING ALL); CREATE TABLE xdrs_floor (LIKE xdrs INCLUDING ALL); CHECKPOINT", db))
        await create.ExecuteNonQueryAsync();
    var before = await Measured.DatabaseCpuAsync(connection);
    var clock = Stopwatch.StartNew();
    long rows = 0;
    foreach (var table in new[] { "cdr", "xdrs" })
    {
        await using var copy = new NpgsqlCommand($"INSERT INTO {table}_floor SELECT * FROM {table}", db) { CommandTimeout = 0 };
        rows += await copy.ExecuteNonQueryAsync();
    }
    var elapsed = clock.Elapsed;
    var cpu = await Measured.DatabaseCpuAsync(connection) - before;
    await using (var drop = new NpgsqlCommand("DROP TABLE cdr_floor; DROP TABLE xdrs_floor", db)) await drop.ExecuteNonQueryAsync();
    await db.CloseAsync();
    await Task.Delay(500); // let the postmaster collect its server process before the next measurement
    return (rows, elapsed, cpu);
}

// Each measurement starts on a quiet server: what the seeding or the run before left to write out is written first.
async Task CheckpointAsync()
{
    await using var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
    await db.OpenAsync();
    await using var checkpoint = new NpgsqlCommand("CHECKPOINT", db);
    await checkpoint.ExecuteNonQueryAsync();
}

static string Seconds(TimeSpan? cpu) => cpu is { } t ? $"{t.TotalSeconds:F1} s" : "n/a";

static int Charges(MeasuredRun run) =>
    int.Parse(Regex.Match(run.Output, @"(\d+) charge\(s\) written").Groups[1].Value, CultureInfo.InvariantCulture);

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static async Task<(long Cdrs, long Charges, long Unratable, long Active)> CountAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(
        "SELECT (SELECT count(*) FROM cdr), (SELECT count(*) FROM xdrs), (SELECT count(*) FROM cdr_ratings WHERE status = 'Unratable'), " +
        "(SELECT count(*) FROM assigned_subscriptions WHERE status = 'Active')", connection);
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
}
