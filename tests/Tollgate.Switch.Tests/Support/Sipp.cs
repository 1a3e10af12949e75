using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tollgate.Switch.Tests.Support;

/// <summary>A real sipp (Debian package sip-tester) playing one scenario against the switch, in the background.</summary>
/// <remarks>
/// <para>sipp runs with <c>-nd</c> (no default behaviours: an unexpected message fails the call instead of being
/// answered by sipp on its own), one call (<c>-m 1</c>), and a global timeout that only stops a run that went wrong;
/// tests wait for its exit, never for time to pass. Every message it sends and receives is kept
/// (<c>-trace_msg</c>) so a test can look at what went over the wire.</para>
/// </remarks>
public sealed class Sipp : IAsyncDisposable
{
    public const string Path = "/usr/bin/sipp";

    /// <summary>How long a run may take before it is stopped as failed: far beyond any correct run, even on a loaded machine.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly DirectoryInfo _folder;
    private readonly string _messageFile;

    private Sipp(Process process, DirectoryInfo folder, string messageFile, int port)
    {
        _process = process;
        _folder = folder;
        _messageFile = messageFile;
        Port = port;
    }

    /// <summary>The local port sipp listens and sends on.</summary>
    public int Port { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts sipp with <paramref name="scenario"/>: as a server when <paramref name="remote"/> is null, else calling it.</summary>
    /// <param name="transport">udp or tcp.</param>
    /// <param name="service">The <c>[service]</c> keyword (sipp's -s).</param>
    /// <param name="authUri">The digest URI sipp uses for INVITE credentials (it must be the Request-URI), without <c>sip:</c>.</param>
    public static Sipp Start(string scenario, IPEndPoint? remote = null, string transport = "udp", int? port = null, string? authUri = null)
    {
        File.Exists(Path).ShouldBeTrue($"sipp is required but {Path} does not exist: ./test.sh installs it (apt-get install -y sip-tester).");
        var folder = Directory.CreateTempSubdirectory("tollgate-switch-sipp-");
        var scenarioFile = System.IO.Path.Combine(folder.FullName, "scenario.xml");
        var messageFile = System.IO.Path.Combine(folder.FullName, "messages.log");
        File.WriteAllText(scenarioFile, scenario);
        var local = port ?? FreePort(transport);
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = folder.FullName,
        };
        var arguments = new List<string>
        {
            "-sf", scenarioFile, "-m", "1", "-i", "127.0.0.1", "-p", local.ToString(CultureInfo.InvariantCulture),
            "-t", transport == "tcp" ? "t1" : "u1", "-nd", "-nostdin", "-timeout", $"{(int)Limit.TotalSeconds - 10}s", "-timeout_error",
            "-trace_msg", "-message_file", messageFile, "-max_socket", "100",
        };
        if (authUri is not null) arguments.AddRange(["-auth_uri", authUri]);
        if (remote is not null) arguments.Add(remote.ToString());
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        var process = Process.Start(start)!;
        var sipp = new Sipp(process, folder, messageFile, local);
        process.OutputDataReceived += (_, e) => sipp.Append(e.Data);
        process.ErrorDataReceived += (_, e) => sipp.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sipp;
    }

    /// <summary>A port on 127.0.0.1 free right now for <paramref name="transport"/>.</summary>
    public static int FreePort(string transport = "udp")
    {
        var type = transport == "tcp" ? SocketType.Stream : SocketType.Dgram;
        using var probe = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Waits for sipp to finish and returns what it did; a run that outlives <see cref="Limit"/> is killed and fails the test.</summary>
    public async Task<SippResult> WaitAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sipp did not finish within {Limit}.\n{Output()}\n{Messages()}");
        }

        await _process.WaitForExitAsync(); // flushes the redirected output
        return new SippResult(_process.ExitCode, Output(), SipTrace.Parse(Messages()));
    }

    /// <summary>Waits for sipp to end its call successfully (exit code 0), failing with its screen and messages otherwise.</summary>
    public async Task<SippResult> SucceedsAsync(string role)
    {
        var result = await WaitAsync();
        result.ExitCode.ShouldBe(0, $"sipp ({role}) failed:\n{result.Output}\n{string.Join("\n", result.Messages.Select(m => m.Text))}");
        return result;
    }

    /// <summary>What sipp has logged so far, for messages while a run is still going.</summary>
    public string Messages() => File.Exists(_messageFile) ? ReadShared(_messageFile) : "";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process; the temp folder is cleaned by the system.
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>What sipp printed so far (its screen, and errors such as a scenario it cannot read).</summary>
    public string Output()
    {
        lock (_output) return _output.ToString();
    }
}

/// <summary>How a sipp run ended: its exit code (0: the call went as the scenario says), its screen, and its messages.</summary>
public sealed record SippResult(int ExitCode, string Output, IReadOnlyList<SipTrace> Messages)
{
    /// <summary>The messages sipp received, in order, retransmissions left out.</summary>
    public IReadOnlyList<SipTrace> Received => Messages.Where(m => !m.Sent).ToList();

    /// <summary>The messages sipp sent, in order, retransmissions left out.</summary>
    public IReadOnlyList<SipTrace> Sent => Messages.Where(m => m.Sent).ToList();

    /// <summary>The requests of <paramref name="method"/> sipp received.</summary>
    public IReadOnlyList<SipTrace> ReceivedRequests(string method) => Received.Where(m => m.Method == method).ToList();

    /// <summary>The start of each message received, in order: "INVITE", "UPDATE", "200", ...</summary>
    public IReadOnlyList<string> ReceivedSummary => Received.Select(m => m.Method ?? m.Status.ToString(CultureInfo.InvariantCulture)).ToList();
}

/// <summary>One SIP message as sipp logged it.</summary>
public sealed record SipTrace(bool Sent, string Text)
{
    private string[] Lines => Text.Split('\n');

    /// <summary>The request method, or null for a response.</summary>
    public string? Method => Lines[0].StartsWith("SIP/2.0 ", StringComparison.Ordinal) ? null : Lines[0].Split(' ')[0];

    /// <summary>The status of a response, 0 for a request.</summary>
    public int Status => Method is null ? int.Parse(Lines[0].Split(' ')[1], CultureInfo.InvariantCulture) : 0;

    public string StartLine => Lines[0];

    /// <summary>The value of the first header named <paramref name="name"/> (full name, case ignored), or null.</summary>
    public string? Header(string name)
    {
        foreach (var line in Lines.Skip(1).TakeWhile(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) return line[(colon + 1)..].Trim();
        }

        return null;
    }

    /// <summary>The methods the Allow header lists; none without one.</summary>
    public IReadOnlyList<string> Allow => Header("Allow")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public string Body
    {
        get
        {
            var blank = Text.IndexOf("\n\n", StringComparison.Ordinal);
            return blank < 0 ? "" : Text[(blank + 2)..];
        }
    }

    /// <summary>The SDP <c>o=</c> line of the body, or null.</summary>
    public string? Origin => Body.Split('\n').FirstOrDefault(l => l.StartsWith("o=", StringComparison.Ordinal));

    /// <summary>Reads sipp's message log: blocks headed by a dashed line, "UDP message sent (N bytes):" or "... received [N] bytes :".</summary>
    /// <remarks>Retransmissions (a message identical to one logged before in the same direction) are left out.</remarks>
    public static IReadOnlyList<SipTrace> Parse(string log)
    {
        var traces = new List<SipTrace>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in log.Replace("\r", "", StringComparison.Ordinal).Split("-----------------------------------------------"))
        {
            var lines = block.Split('\n');
            var heading = Array.FindIndex(lines, l => l.Contains(" message sent", StringComparison.Ordinal) || l.Contains(" message received", StringComparison.Ordinal));
            if (heading < 0) continue;
            var sent = lines[heading].Contains(" sent", StringComparison.Ordinal);
            var text = string.Join('\n', lines.Skip(heading + 1)).Trim('\n', ' ');
            if (text.Length == 0 || !seen.Add((sent ? ">" : "<") + text)) continue;
            traces.Add(new SipTrace(sent, text + "\n"));
        }

        return traces;
    }
}
