using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Tollgate.Bench.Switch;

/// <summary>CPU time of processes, read from <c>/proc</c>, so a phase can say how many cores each party used.</summary>
internal static class Cpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User plus system CPU time of <paramref name="pid"/> and, with <paramref name="withChildren"/>, of its live children.</summary>
    public static TimeSpan Of(int pid, bool withChildren = false)
    {
        var total = Read(pid);
        if (!withChildren) return total;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child) || child == pid) continue;
            if (ParentOf(child) == pid) total += Read(child);
        }

        return total;
    }

    public static TimeSpan Self() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>Resident set (VmRSS) of a process, in bytes.</summary>
    public static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static TimeSpan Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state(0) ppid(1) ... utime(11) stime(12).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }
}

/// <summary>One sipp process of the benchmark, and what it reported when it ended.</summary>
internal sealed class SippProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private TimeSpan _cpu;

    private SippProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time used so far (kept from the last look once the process has exited).</summary>
    public TimeSpan Cpu
    {
        get
        {
            if (!_process.HasExited) _cpu = Switch.Cpu.Of(_process.Id);
            return _cpu;
        }
    }

    public static SippProcess Start(string scenarioFolder, string scenario, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("sipp")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = scenarioFolder,
        };
        start.ArgumentList.Add("-sf");
        start.ArgumentList.Add(Path.Combine(scenarioFolder, scenario));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var sipp = new SippProcess(Process.Start(start) ?? throw new InvalidOperationException("sipp did not start"));
        sipp._process.OutputDataReceived += (_, e) => sipp.Append(e.Data);
        sipp._process.ErrorDataReceived += (_, e) => sipp.Append(e.Data);
        sipp._process.BeginOutputReadLine();
        sipp._process.BeginErrorReadLine();
        return sipp;
    }

    /// <summary>Waits for the end, keeping the CPU time read just before (a reaped process has no /proc entry).</summary>
    public async Task<SippReport> WaitAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!_process.HasExited)
        {
            _ = Cpu;
            if (DateTime.UtcNow > until)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"sipp did not finish within {limit}:\n{Output}");
            }

            await Task.Delay(200);
        }

        await _process.WaitForExitAsync();
        return SippReport.Parse(_process.ExitCode, Output);
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // sipp repaints its screens as it goes; the last ones (kept) hold the final counts.
            if (_output.Length > 256 * 1024) _output.Remove(0, 128 * 1024);
            _output.AppendLine(line);
        }
    }
}

/// <summary>The numbers sipp prints on its final statistics screen.</summary>
internal sealed record SippReport(int ExitCode, long Successful, long Failed, long Retransmissions, string Output)
{
    public static SippReport Parse(int exitCode, string output) =>
        new(exitCode, Cumulative(output, "Successful call"), Cumulative(output, "Failed call"), Retrans(output), output);

    private static long Cumulative(string output, string counter)
    {
        var line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith(counter, StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split('|')[2].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Retransmissions sipp sent or received (the "Retrans" column of its last scenario screen).</summary>
    /// <remarks>
    /// A calling sipp writes <c>INVITE ----------&gt;  n  r ...</c>, an answering one <c>----------&gt; INVITE  n  r ...</c>
    /// or <c>&lt;---------- 180  n  r</c>: the counts follow the arrow, or the message after it.
    /// </remarks>
    private static long Retrans(string output)
    {
        var screen = output[Math.Max(0, output.LastIndexOf("Messages  Retrans", StringComparison.Ordinal))..];
        long total = 0;
        foreach (var line in screen.Split('\n'))
        {
            var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var arrow = Array.FindIndex(tokens, t => t.Contains("-------", StringComparison.Ordinal));
            if (arrow < 0) continue;
            // Marks such as E-RTD1 (response time measured here) may stand before the counts.
            var counts = tokens.Skip(arrow == 0 ? 2 : arrow + 1).SkipWhile(t => !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _)).ToList();
            if (counts.Count >= 2 && long.TryParse(counts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var retrans)) total += retrans;
        }

        return total;
    }
}
