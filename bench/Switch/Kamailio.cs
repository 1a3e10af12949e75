using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Tollgate.Bench.Switch;

/// <summary>Kamailio (Debian's package) started as a stateful proxy in front of the answering sipp, for comparison.</summary>
internal sealed class Kamailio : IDisposable
{
    public const string Binary = "/usr/sbin/kamailio";

    private readonly Process _process;
    private readonly string _control;
    private readonly StringBuilder _output = new();

    private Kamailio(Process process, string control, int port)
    {
        _process = process;
        _control = control;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The main process; the workers are its children.</summary>
    public int Pid => _process.Id;

    public static bool Installed => File.Exists(Binary);

    /// <summary>Starts Kamailio on <paramref name="port"/>, relaying to <paramref name="uasPort"/>; with dialogs (and their keep-alives) when asked.</summary>
    public static async Task<Kamailio> StartAsync(string folder, int port, int uasPort, bool dialogs)
    {
        var control = Path.Combine(folder, $"kamailio-{port}.ctl");
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "-f", Path.Combine(AppContext.BaseDirectory, "kamailio.cfg"), "-DD", "-E", "-m", "1024", "-M", "32",
                     "-A", $"LISTEN=udp:127.0.0.1:{port}", "-A", $"UAS=\"sip:127.0.0.1:{uasPort}\"", "-A", $"CTL=\"unix:{control}\"",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (dialogs)
        {
            start.ArgumentList.Add("-A");
            start.ArgumentList.Add("WITH_DIALOG");
        }

        var kamailio = new Kamailio(Process.Start(start)!, control, port);
        kamailio._process.OutputDataReceived += (_, e) => kamailio.Append(e.Data);
        kamailio._process.ErrorDataReceived += (_, e) => kamailio.Append(e.Data);
        kamailio._process.BeginOutputReadLine();
        kamailio._process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(control))
        {
            if (kamailio._process.HasExited || DateTime.UtcNow > until)
                throw new InvalidOperationException($"Kamailio did not start:\n{kamailio.Output}");
            await Task.Delay(100);
        }

        return kamailio;
    }

    /// <summary>CPU time of the main process and all its workers.</summary>
    public TimeSpan Cpu => Switch.Cpu.Of(_process.Id, withChildren: true);

    /// <summary>Shared memory in use (the pool where transactions and dialogs live), from <c>kamcmd core.shmmem</c>.</summary>
    public async Task<long> SharedMemoryUsedAsync() => await RpcNumberAsync("core.shmmem", "used");

    /// <summary>Dialogs Kamailio is tracking now.</summary>
    public async Task<long> ActiveDialogsAsync() => await RpcNumberAsync("stats.get_statistics", "dialog:active_dialogs", "dialog:");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>Runs a kamcmd command and reads the number after <paramref name="field"/> in its answer.</summary>
    private async Task<long> RpcNumberAsync(string command, string field, string? argument = null)
    {
        var start = new ProcessStartInfo("/usr/sbin/kamcmd") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-s", $"unix:{_control}", command }) start.ArgumentList.Add(a);
        if (argument is not null) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith(field, StringComparison.Ordinal)) continue;
            var digits = new string(trimmed[field.Length..].SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
            if (digits.Length > 0) return long.Parse(digits, CultureInfo.InvariantCulture);
        }

        return -1;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 100_000) _output.AppendLine(line);
        }
    }
}
