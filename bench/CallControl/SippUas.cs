using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Tollgate.Bench.CallControl;

/// <summary>A sipp process answering every call to its port: the phones of one side of the benchmark's calls.</summary>
/// <param name="reinvite">True for the side click-to-dial rings first: it also takes the re-INVITE that connects it.</param>
internal sealed partial class SippUas(int port, bool reinvite) : IDisposable
{
    private Process? _process;
    private string _folder = "";
    private Task<string>? _output;

    public int Port => port;

    public int ProcessId => _process!.Id;

    public void Start()
    {
        _folder = Directory.CreateTempSubdirectory("tollgate-bench-sipp-").FullName;
        var scenario = Path.Combine(_folder, "uas.xml");
        File.WriteAllText(scenario, Scenario(reinvite));
        var start = new ProcessStartInfo("/usr/bin/sipp") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in new[] { "-sf", scenario, "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-nostdin", "-max_socket", "100", "-trace_err", "-error_file", Path.Combine(_folder, "errors.log") })
            start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start (apt-get install -y sip-tester).");
        _output = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>Stops sipp the way its operator would (SIGUSR1), and reads its own count of successful and failed calls.</summary>
    public async Task<(long Successful, long Failed)> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-USR1", ProcessId.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process!.WaitForExitAsync(limit.Token);
        var screen = await _output!;
        return (Last(SuccessfulLine(), screen), Last(FailedLine(), screen));
    }

    /// <summary>The first lines of sipp's error log (why it counted calls as failed).</summary>
    public IEnumerable<string> Errors(int lines) =>
        File.Exists(Path.Combine(_folder, "errors.log")) ? File.ReadLines(Path.Combine(_folder, "errors.log")).Take(lines).ToList() : [];

    public void Dispose()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.Dispose();
        if (_folder.Length > 0) Directory.Delete(_folder, recursive: true);
    }

    private static long Last(Regex pattern, string screen) =>
        pattern.Matches(screen) is { Count: > 0 } m ? long.Parse(m[^1].Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"Successful call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex SuccessfulLine();

    [GeneratedRegex(@"Failed call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex FailedLine();

    private static string Scenario(bool reinvite)
    {
        const string Sdp = "Content-Type: application/sdp\nContent-Length: [len]\n\nv=0\no=bench 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 40000 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n";
        static string Response(string status, bool tag, string body) =>
            $"  <send><![CDATA[\nSIP/2.0 {status}\n[last_Via:]\n[last_From:]\n[last_To:]{(tag ? ";tag=[pid]b[call_number]" : "")}\n[last_Call-ID:]\n[last_CSeq:]\n" +
            $"Contact: <sip:bench@[local_ip]:[local_port]>\n{body}\n]]></send>\n";
        // Like a phone, answer a retransmitted INVITE (the switch retransmits when an answer is late) with the 200 again.
        var xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n<scenario name=\"bench phone\">\n  <recv request=\"INVITE\"/>\n"
                  + Response("180 Ringing", true, "Content-Length: 0\n") + "  <label id=\"answer\"/>\n" + Response("200 OK", true, Sdp)
                  + "  <recv request=\"INVITE\" optional=\"true\" next=\"answer\"/>\n  <recv request=\"ACK\"/>\n";
        if (reinvite)
            xml += "  <recv request=\"INVITE\"/>\n  <label id=\"reanswer\"/>\n" + Response("200 OK", false, Sdp)
                   + "  <recv request=\"INVITE\" optional=\"true\" next=\"reanswer\"/>\n  <recv request=\"ACK\"/>\n";
        return xml + "  <recv request=\"BYE\"/>\n" + Response("200 OK", false, "Content-Length: 0\n") + "</scenario>\n";
    }
}
