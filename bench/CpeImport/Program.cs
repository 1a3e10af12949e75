using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tollgate.Cli;
using Tollgate.Data;
using Tollgate.Hosting;
using Tollgate.Testing;
using Tollgate.Testing.Files;

// Benchmark of the CPE batch upload on PostgreSQL: 100,000 rows as CSV and as XLSX through `tollgate cpe import`
// (each run in its own process, so its peak memory is its own), beside PostgreSQL's COPY of the same rows.
// See bench/README.md. Usage: CpeImport [--rows N]; TOLLGATE_BENCH_PG=<connection string> to use your own server.

if (args is ["--child-import", var childFile, var childDb, var childData])
{
    // One import in a fresh process: the real command line, then this process's peak resident memory (VmHWM).
    var code = await TollgateCli.RunAsync(["cpe", "import", childFile, "--db", childDb, "--data", childData], TextWriter.Null, Console.Error);
    Console.WriteLine($"PEAK_RSS_BYTES={Process.GetCurrentProcess().PeakWorkingSet64}");
    return code;
}

var rows = args is ["--rows", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : 100_000;
var work = Directory.CreateTempSubdirectory("tollgate-bench-cpe-").FullName;
var server = Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is { Length: > 0 } given ? "TOLLGATE_BENCH_PG" : "throwaway cluster (fsync=off, synchronous_commit=off)";
Console.WriteLine($"CPE import benchmark: {rows:N0} rows, PostgreSQL via {server}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var csv = Path.Combine(work, "devices.csv");
var xlsx = Path.Combine(work, "devices.xlsx");
var watch = Stopwatch.StartNew();
await using (var file = File.Create(csv)) Generate.Csv(file, rows);
await using (var file = File.Create(xlsx)) XlsxWriter.Write(file, Generate.Rows(rows));
Console.WriteLine($"files: {new FileInfo(csv).Length / 1e6:0.0} MB CSV, {new FileInfo(xlsx).Length / 1e6:0.0} MB XLSX (written in {watch.Elapsed.TotalSeconds:0.0} s)");
Console.WriteLine();

var results = new List<Result>
{
    await Import("tollgate cpe import (CSV)", csv, await Database.FreshAsync()),
    await Import("tollgate cpe import (XLSX)", xlsx, await Database.FreshAsync()),
};
var again = await Database.FreshAsync();
await Import("(warm-up for the repeat)", csv, again);
results.Add(await Import("same CSV again: every row already in inventory", csv, again));
results.Add(await Copy.RawAsync(csv, rows, await Database.FreshAsync()));
results.Add(await Copy.IntoDevicesAsync(csv, rows, await Database.FreshAsync()));

Console.WriteLine($"{"what",-48} {"rows",9} {"seconds",8} {"rows/s",9} {"peak RSS",9}  result");
foreach (var r in results)
{
    Console.WriteLine($"{r.What,-48} {r.Rows,9:N0} {r.Seconds,8:0.00} {r.Rows / r.Seconds,9:N0} {(r.PeakBytes is { } p ? $"{p / 1048576.0:0} MB" : "-"),9}  {r.Outcome}");
}
var csvRun = results[0];
Console.WriteLine();
Console.WriteLine($"target CSV >= 20,000 rows/s: {(csvRun.Rows / csvRun.Seconds >= 20_000 ? "met" : "NOT MET")} ({csvRun.Rows / csvRun.Seconds:N0} rows/s)");
Console.WriteLine($"target peak memory < 300 MB: {(results.Take(3).All(r => r.PeakBytes < 300L << 20) ? "met" : "NOT MET")} " +
                  $"(CSV {csvRun.PeakBytes / 1048576.0:0} MB, XLSX {results[1].PeakBytes / 1048576.0:0} MB)");
Directory.Delete(work, recursive: true);
return 0;

async Task<Result> Import(string what, string file, string connection)
{
    var child = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") child.ArgumentList.Add(typeof(Generate).Assembly.Location);
    foreach (var a in new[] { "--child-import", file, connection, work }) child.ArgumentList.Add(a);
    using var process = Process.Start(child)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    var peak = (await output).Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("PEAK_RSS_BYTES=", StringComparison.Ordinal));
    if (peak is null || process.ExitCode is not (0 or CpeCommandCodes.RowsFailed))
        throw new InvalidOperationException($"{what}: the import exited with {process.ExitCode}: {await error}");

    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    await using var query = new NpgsqlCommand(
        "SELECT rows, added, failed, EXTRACT(EPOCH FROM finished_at - started_at) FROM cpe_imports ORDER BY id DESC LIMIT 1", db);
    await using var reader = await query.ExecuteReaderAsync();
    await reader.ReadAsync();
    return new Result(what, reader.GetInt32(0), (double)reader.GetDecimal(3), long.Parse(peak["PEAK_RSS_BYTES=".Length..], CultureInfo.InvariantCulture),
        $"{reader.GetInt32(1):N0} added, {reader.GetInt32(2):N0} failed");
}

internal sealed record Result(string What, int Rows, double Seconds, long? PeakBytes, string Outcome);

/// <summary>The exit codes of <c>tollgate cpe import</c> the benchmark accepts.</summary>
internal static class CpeCommandCodes
{
    public const int RowsFailed = 5;
}

/// <summary>The rows every run reads: a realistic batch from a supplier, a tenth of it allocated to customers on arrival.</summary>
internal static class Generate
{
    public const string Model = "Yealink SIP-T21P E2";
    public const string Profile = "Yealink Standard";
    public const int Customers = 10;

    public static string Mac(int i) => Tollgate.Domain.Cpe.MacAddress.FromUInt64(0x0200_0000_0000UL + (ulong)i).ToString();

    public static IEnumerable<IReadOnlyList<object?>> Rows(int count)
    {
        yield return CpeFile.TemplateHeader;
        for (var i = 1; i <= count; i++)
        {
            var mac = Mac(i);
            yield return ["Add", $"Yealink_{mac[..10]}", Model, mac, null, Profile, "N", i % 10 == 0 ? $"Customer {i % Customers}" : null, (983_000_000 + i).ToString(CultureInfo.InvariantCulture)];
        }
    }

    public static void Csv(Stream output, int count)
    {
        using var writer = new StreamWriter(output);
        foreach (var row in Rows(count)) writer.WriteLine(string.Join(',', row.Select(c => c?.ToString() ?? "")));
    }
}

/// <summary>Fresh, migrated, seeded databases on the benchmark's server.</summary>
internal static class Database
{
    public static async Task<string> FreshAsync()
    {
        var connection = Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is { Length: > 0 } given
            ? await CreateOnAsync(given)
            : await PostgresServer.CreateDatabaseAsync("tollgate_bench");
        await using var services = new ServiceCollection().AddTollgateDatabase(new DatabaseSettings(connection)).BuildServiceProvider();
        await Bootstrap.MigrateAsync(services.GetRequiredService<TollgateDbFactory>(), CancellationToken.None);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var seed = $"""
            INSERT INTO cpe_models (name, name_key, ports, created_at) VALUES ('{Generate.Model}', '{Generate.Model.ToLowerInvariant()}', 2, now());
            INSERT INTO cpe_profiles (name, name_key, model_id, shared_with_resellers, manager_key, created_at)
                SELECT '{Generate.Profile}', '{Generate.Profile.ToLowerInvariant()}', id, true, 0, now() FROM cpe_models;
            INSERT INTO customers (name, currency, billing_period, time_zone, status, created_at)
                SELECT 'Customer ' || n, 'USD', 'Monthly', 'UTC', 'Active', now() FROM generate_series(0, {Generate.Customers - 1}) AS n;
            """;
        await using var command = new NpgsqlCommand(seed, db);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<string> CreateOnAsync(string server)
    {
        var name = $"tollgate_bench_{Guid.NewGuid():N}"[..40];
        await using (var db = new NpgsqlConnection(server))
        {
            await db.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", db);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

/// <summary>PostgreSQL's own bulk load of the same file, as the yardstick.</summary>
internal static class Copy
{
    private const string Columns = "action, name, model, mac, managed_by, profile, shared, customer, inventory_id";

    /// <summary>COPY of the CSV into a table of text columns: the floor, with no checks and no look-ups at all.</summary>
    public static async Task<Result> RawAsync(string csv, int rows, string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await Execute(db, $"CREATE TABLE staging ({string.Join(", ", Columns.Split(", ").Select(c => c + " text"))})");
        var watch = Stopwatch.StartNew();
        await LoadAsync(db, csv);
        watch.Stop();
        return new Result("PostgreSQL COPY into a text table", rows, watch.Elapsed.TotalSeconds, null, "no checks");
    }

    /// <summary>COPY, then one INSERT … SELECT resolving model, profile and customer names into cpe_devices: what a hand-written SQL load would do.</summary>
    public static async Task<Result> IntoDevicesAsync(string csv, int rows, string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var watch = Stopwatch.StartNew();
        await Execute(db, $"CREATE TEMP TABLE staging ({string.Join(", ", Columns.Split(", ").Select(c => c + " text"))})");
        await LoadAsync(db, csv);
        await Execute(db, """
            INSERT INTO cpe_devices (name, model_id, mac, profile_id, inventory_id, shared_with_resellers, customer_id, allocated_at, created_at)
            SELECT s.name, m.id, upper(s.mac), p.id, s.inventory_id, false, c.id, CASE WHEN c.id IS NULL THEN NULL ELSE now() END, now()
            FROM staging s
            JOIN cpe_models m ON m.name_key = lower(s.model)
            LEFT JOIN cpe_profiles p ON p.name_key = lower(s.profile) AND p.model_id = m.id
            LEFT JOIN customers c ON lower(c.name) = lower(s.customer)
            """);
        watch.Stop();
        return new Result("PostgreSQL COPY + INSERT…SELECT into cpe_devices", rows, watch.Elapsed.TotalSeconds, null, "no per-row checks or errors");
    }

    private static async Task LoadAsync(NpgsqlConnection db, string csv)
    {
        await using var writer = await db.BeginTextImportAsync($"COPY staging ({Columns}) FROM STDIN (FORMAT csv, HEADER true)");
        using var reader = new StreamReader(csv);
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0) await writer.WriteAsync(buffer, 0, read);
    }

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }
}
