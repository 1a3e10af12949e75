using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tollgate.Sip.Tests.Interop;

/// <summary>Runs the real sipp (Debian package sip-tester) against the stack.</summary>
public static class Sipp
{
    public const string Path = "/usr/bin/sipp";

    public sealed record Run(int ExitCode, string Output, string Messages);

    /// <summary>Fails the test (never skips it) when sipp is not installed.</summary>
    public static void RequireInstalled()
    {
        File.Exists(Path).ShouldBeTrue(
            $"sipp is required for the interop tests but {Path} does not exist: install it with 'apt-get install -y sip-tester'.");
    }

    /// <summary>A UDP or TCP port on 127.0.0.1 that is free right now.</summary>
    public static int FreePort(SocketType type)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    public static async Task<Run> RunAsync(IEnumerable<string> arguments, TimeSpan limit)
    {
        RequireInstalled();
        var workDir = Directory.CreateTempSubdirectory("tollgate-sipp-");
        var messageFile = System.IO.Path.Combine(workDir.FullName, "messages.log");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workDir.FullName,
        };
        foreach (var a in arguments.Concat(["-m", "1", "-timeout", "20s", "-timeout_error", "-nostdin", "-trace_msg", "-message_file", messageFile]))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sipp did not finish within {limit}: {output}");
        }

        var messages = File.Exists(messageFile) ? await File.ReadAllTextAsync(messageFile) : string.Empty;
        workDir.Delete(recursive: true);
        lock (output)
        {
            return new Run(process.ExitCode, output.ToString(), messages);
        }
    }

    /// <summary>
    /// The start lines of the messages sipp logged as sent or received, in order ("INVITE", "180", ...).
    /// Retransmissions, which are byte-identical to an earlier message, are left out: a loaded machine may
    /// legitimately make either side retransmit.
    /// </summary>
    public static IReadOnlyList<string> StartLines(string messages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var block in messages.Split("-----------------------------------------------", StringSplitOptions.RemoveEmptyEntries))
        {
            var text = block.Replace("\r", "", StringComparison.Ordinal);
            var start = text.Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.EndsWith(" SIP/2.0", StringComparison.Ordinal) || l.StartsWith("SIP/2.0 ", StringComparison.Ordinal));
            if (start is null)
            {
                continue;
            }

            var message = text[text.IndexOf(start, StringComparison.Ordinal)..].Trim();
            if (seen.Add(message))
            {
                lines.Add(start.StartsWith("SIP/2.0 ", StringComparison.Ordinal) ? start.Split(' ')[1] : start.Split(' ')[0]);
            }
        }

        return lines;
    }
}
