using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Tollgate.Bench.CentrexCreation;

/// <summary>
/// CPU time used by the parts of the benchmark (the Tollgate server, the PostgreSQL server, this load generator) and
/// by the whole machine, read from Linux's <c>/proc</c>; differences of two readings say where a run's time went.
/// </summary>
/// <remarks>
/// PostgreSQL's share is its postmaster and every child of it, plus the time of children that already exited (the
/// postmaster's <c>cutime</c>/<c>cstime</c>). It is found through <c>SHOW data_directory</c> and <c>postmaster.pid</c>,
/// so it needs a local server whose folder this user can read; otherwise that share is unknown (NaN). What the
/// machine spent beyond the three is other work (other engineers' builds, on the shared development machine).
/// </remarks>
internal sealed class CpuMeter(int serverPid, int? postmasterPid)
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux.

    public static async Task<CpuMeter> CreateAsync(int serverPid, string connection)
    {
        int? postmaster = null;
        try
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var show = new NpgsqlCommand("SHOW data_directory", db);
            var folder = (string)(await show.ExecuteScalarAsync())!;
            var pidLine = File.ReadLines(Path.Combine(folder, "postmaster.pid")).First();
            postmaster = int.Parse(pidLine, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PostgresException or FormatException)
        {
            // Not a local server we can see into: its share stays unknown.
        }
        return new CpuMeter(serverPid, postmaster);
    }

    public Reading Read()
    {
        var server = ProcessMs(serverPid, withReapedChildren: false);
        var postgres = double.NaN;
        if (postmasterPid is { } pm)
        {
            postgres = ProcessMs(pm, withReapedChildren: true);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == pm) continue;
                if (Stat(pid) is { } fields && int.Parse(fields[1], CultureInfo.InvariantCulture) == pm)
                    postgres += Ms(fields, 11) + Ms(fields, 12);
            }
        }
        var generator = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
        var busy = (machine.Take(8).Sum() - machine[3] - machine[4]) * TickMs;
        return new Reading(server, postgres, generator, busy);
    }

    private static double ProcessMs(int pid, bool withReapedChildren)
    {
        var fields = Stat(pid);
        if (fields is null) return double.NaN;
        var ms = Ms(fields, 11) + Ms(fields, 12);
        return withReapedChildren ? ms + Ms(fields, 13) + Ms(fields, 14) : ms;
    }

    private static double Ms(string[] fields, int index) => long.Parse(fields[index], CultureInfo.InvariantCulture) * TickMs;

    /// <summary>The fields of <c>/proc/{pid}/stat</c> after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // The process ended between listing and reading.
        }
    }

    /// <summary>CPU milliseconds used so far by the server, PostgreSQL, this process and the whole machine.</summary>
    public sealed record Reading(double ServerMs, double PostgresMs, double GeneratorMs, double MachineMs)
    {
        public static Reading operator -(Reading a, Reading b) =>
            new(a.ServerMs - b.ServerMs, a.PostgresMs - b.PostgresMs, a.GeneratorMs - b.GeneratorMs, a.MachineMs - b.MachineMs);
    }
}
