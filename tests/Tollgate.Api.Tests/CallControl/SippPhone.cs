using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tollgate.Api.Tests.CallControl;

/// <summary>A phone played by the real sipp (Debian's sip-tester) on a loopback UDP port: it answers one call as its scenario says.</summary>
/// <remarks>
/// <para>The scenario answers an INVITE with 180 and 200 (SDP whose origin names the phone, so a test can see whose SDP
/// reached whom), takes the ACK, answers as many re-INVITEs as the test expects, and ends with the BYE it expects to
/// receive. sipp exits 0 when all of that happened, and non-zero on anything unexpected or after its own timeout.</para>
/// <para>Tests await <see cref="ExitAsync"/> (never a fixed sleep); the messages sipp logged tell what it saw.</para>
/// </remarks>
public sealed class SippPhone : IAsyncDisposable
{
    public const string SippPath = "/usr/bin/sipp";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly StringBuilder _output = new();

    private SippPhone(string name, int port, Process process, DirectoryInfo folder)
    {
        (Name, Port, _process, _folder) = (name, port, process, folder);
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The name in the phone's SDP origin (<c>o=NAME …</c>).</summary>
    public string Name { get; }

    public int Port { get; }

    /// <summary>The contact a registration of this phone names.</summary>
    public string Contact(string user) => $"<sip:{user}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}>";

    /// <summary>Starts sipp answering one call: INVITE, then <paramref name="reinvites"/> re-INVITEs, then a BYE from the switch.</summary>
    /// <param name="answer">False: the phone rings (180) and never answers; it expects the switch to CANCEL.</param>
    public static SippPhone Start(string name, int reinvites = 0, bool answer = true)
    {
        File.Exists(SippPath).ShouldBeTrue($"sipp is required by the call control tests: install it with 'apt-get install -y sip-tester' ({SippPath} is missing).");
        var folder = Directory.CreateTempSubdirectory("tollgate-phone-");
        var scenario = Path.Combine(folder.FullName, "phone.xml");
        File.WriteAllText(scenario, answer ? Answering(name, reinvites) : Ringing());
        var port = FreeUdpPort();
        var start = new ProcessStartInfo(SippPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = folder.FullName,
        };
        foreach (var a in new[]
                 {
                     "-sf", scenario, "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-m", "1", "-timeout", "120s",
                     "-timeout_error", "-nostdin", "-trace_msg", "-message_file", Path.Combine(folder.FullName, "messages.log"),
                     "-trace_err", "-error_file", Path.Combine(folder.FullName, "errors.log"),
                 })
            start.ArgumentList.Add(a);
        return new SippPhone(name, port, Process.Start(start)!, folder);
    }

    /// <summary>Waits for sipp to finish its call and returns what it logged; fails the test when it does not finish in time.</summary>
    public async Task<SippRun> ExitAsync(TimeSpan? limit = null)
    {
        using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sipp phone {Name} did not finish its call in time.\n{Log()}");
        }

        _process.WaitForExit(); // lets the output readers finish
        return new SippRun(_process.ExitCode, Log(), Read("messages.log"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private string Log()
    {
        lock (_output) return $"{_output}\n{Read("errors.log")}\n{Read("messages.log")}";
    }

    private string Read(string file)
    {
        var path = Path.Combine(_folder.FullName, file);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string Answering(string name, int reinvites)
    {
        var scenario = new StringBuilder(Header);
        scenario.Append("""
              <recv request="INVITE"/>
            """).Append(Response("180 Ringing", newTag: true, sdp: null))
            .Append(Response("200 OK", newTag: true, sdp: Sdp(name, 1)))
            .Append("""
              <recv request="ACK"/>
            """);
        for (var i = 0; i < reinvites; i++)
        {
            scenario.Append("""
                  <recv request="INVITE"/>
                """).Append(Response("200 OK", newTag: false, sdp: Sdp(name, 2 + i))).Append("""
                  <recv request="ACK"/>
                """);
        }

        scenario.Append("""
              <recv request="BYE"/>
            """).Append(Response("200 OK", newTag: false, sdp: null)).Append("</scenario>\n");
        return scenario.ToString();
    }

    private static string Ringing() =>
        Header + """
              <recv request="INVITE"/>
            """ + Response("180 Ringing", newTag: true, sdp: null) + """
              <recv request="CANCEL"/>
            """ + Response("200 OK", newTag: false, sdp: null) + """
              <send><![CDATA[
            SIP/2.0 487 Request Terminated
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]SIPpTag01[call_number]
            [last_Call-ID:]
            CSeq: [last_cseq_number] INVITE
            Content-Length: 0

            ]]></send>
              <recv request="ACK"/>
            </scenario>
            """;

    private const string Header = """
        <?xml version="1.0" encoding="ISO-8859-1" ?>
        <scenario name="phone">

        """;

    private static string Sdp(string name, int version) => $"""

        v=0
        o={name} 1000 {version} IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 40{version}0 RTP/AVP 0 101
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=sendrecv
        """;

    private static string Response(string status, bool newTag, string? sdp)
    {
        var to = newTag ? "[last_To:];tag=[pid]SIPpTag01[call_number]" : "[last_To:]";
        var body = sdp is null ? "Content-Length: 0\n" : $"Content-Type: application/sdp\nContent-Length: [len]\n{sdp}";
        return $"""
              <send><![CDATA[
            SIP/2.0 {status}
            [last_Via:]
            [last_From:]
            {to}
            [last_Call-ID:]
            [last_CSeq:]
            Contact: <sip:phone@[local_ip]:[local_port]>
            Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE
            {body}
            ]]></send>

            """;
    }
}

/// <summary>What a sipp phone did: its exit code (0: the call went as its scenario said), its output, the messages it logged.</summary>
public sealed record SippRun(int ExitCode, string Output, string Messages)
{
    /// <summary>The start lines of the messages sipp sent or received, in order, retransmissions left out ("INVITE", "180" …).</summary>
    public IReadOnlyList<string> StartLines()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var block in Messages.Split("-----------------------------------------------", StringSplitOptions.RemoveEmptyEntries))
        {
            var text = block.Replace("\r", "", StringComparison.Ordinal);
            var start = text.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.EndsWith(" SIP/2.0", StringComparison.Ordinal) || l.StartsWith("SIP/2.0 ", StringComparison.Ordinal));
            if (start is null) continue;
            var message = text[text.IndexOf(start, StringComparison.Ordinal)..].Trim();
            if (seen.Add(message)) lines.Add(start.StartsWith("SIP/2.0 ", StringComparison.Ordinal) ? start.Split(' ')[1] : start.Split(' ')[0]);
        }

        return lines;
    }

    /// <summary>The received INVITEs (the first one and any re-INVITEs), whole, in order.</summary>
    public IReadOnlyList<string> Invites() =>
        Messages.Split("-----------------------------------------------", StringSplitOptions.RemoveEmptyEntries)
            .Select(b => b.Replace("\r", "", StringComparison.Ordinal))
            .Where(b => b.Contains("message received", StringComparison.Ordinal) && b.Split('\n').Any(l => l.StartsWith("INVITE ", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
