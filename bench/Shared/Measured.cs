using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Tollgate.Testing;

namespace Tollgate.Bench;

/// <summary>How a measured command ran: its wall time, the CPU time it used, its peak resident memory and what it printed.</summary>
public sealed record MeasuredRun(TimeSpan Elapsed, TimeSpan Cpu, long PeakRssMb, int ExitCode, string Output, string Error);

/// <summary>What the benchmarks share: running the real <c>tollgate</c> executable and watching it, and a database to run it against.</summary>
public static partial class Measured
{
    /// <summary>Runs the <c>tollgate</c> executable built beside the benchmark (or published below it), reading its peak memory (VmHWM) from /proc while it runs.</summary>
    /// <param name="heapLimitMb">A cap on its managed heap (DOTNET_GCHeapHardLimit), or null.</param>
    /// <param name="folder">Where the executable is, below the benchmark's own folder; null: beside the benchmark.</param>
    public static async Task<MeasuredRun> TollgateAsync(IEnumerable<string> arguments, int? heapLimitMb = null, string? folder = null)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, folder ?? "", "tollgate");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (heapLimitMb is { } mb) start.Environment["DOTNET_GCHeapHardLimit"] = $"0x{(long)mb * 1024 * 1024:X}";
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        var cpu = TimeSpan.Zero;
        while (!process.HasExited)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peakKb = Math.Max(peakKb, long.Parse(Digits().Match(line).Value, CultureInfo.InvariantCulture));
                cpu = process.TotalProcessorTime;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // The process ended between the check and the read.
            }
            await Task.Delay(10);
        }
        await process.WaitForExitAsync();
        return new MeasuredRun(clock.Elapsed, cpu, peakKb / 1024, process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>A fresh database: on the server TOLLGATE_BENCH_PG names, else in a throwaway cluster (fsync off) as the tests use.</summary>
    public static async Task<string> CreateDatabaseAsync()
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

    /// <summary>
    /// The CPU time the PostgreSQL cluster behind <paramref name="connectionString"/> has used so far, when it runs on this
    /// machine: its postmaster's own, that of the server processes still running, and that of those that ended (which
    /// the postmaster collected). Null when it cannot be read (another machine, no /proc).
    /// </summary>
    public static async Task<TimeSpan?> DatabaseCpuAsync(string connectionString)
    {
        try
        {
            // A connection of its own (not pooled), so that its server process is new and left out, and no other is.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            var backend = (int)(await command.ExecuteScalarAsync())!;
            var postmaster = int.Parse(Stat(backend)[3], CultureInfo.InvariantCulture);
            var ticks = Ticks(Stat(postmaster), withChildren: true);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == backend) continue;
                try
                {
                    var stat = Stat(pid);
                    if (stat[3] == postmaster.ToString(CultureInfo.InvariantCulture)) ticks += Ticks(stat, withChildren: false);
                }
                catch (IOException)
                {
                    // The process ended while the list was read.
                }
            }
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The fields of /proc/PID/stat after the command name (so field 3, the parent, is at index 3 counting from the pid at 0).</summary>
    private static string[] Stat(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return ["", "", .. rest];
    }

    /// <summary>utime + stime (and cutime + cstime) in clock ticks (100 per second on Linux).</summary>
    private static long Ticks(string[] stat, bool withChildren) =>
        long.Parse(stat[13], CultureInfo.InvariantCulture) + long.Parse(stat[14], CultureInfo.InvariantCulture)
        + (withChildren ? long.Parse(stat[15], CultureInfo.InvariantCulture) + long.Parse(stat[16], CultureInfo.InvariantCulture) : 0);

    /// <summary>Where the database runs, in words, for the report.</summary>
    public static string DatabaseKind => Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is null ? "throwaway cluster, fsync off" : "TOLLGATE_BENCH_PG";

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
