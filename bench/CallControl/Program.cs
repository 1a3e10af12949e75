using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Tollgate.Bench.CallControl;
using Tollgate.Testing;

// Call control origination rate: click-to-dial calls per second through POST /api/v1/calls, with sipp answering both
// legs, and how many fail. Starts the real `tollgate up` with the switch on loopback, registers the phones of 2 x N
// accounts at two sipp processes, then, at each offered rate, places click-to-dials for a fixed time; each call is hung
// up with DELETE /api/v1/calls/{id} a moment after the event stream says it was answered. See bench/README.md.
// Usage: bench-callcontrol [--rates 25,50,100,150] [--seconds 20] [--hold-ms 1000] [--lines 100] [--db sqlite|postgres]
//        [--server-log FILE] (tollgate's own log, to see why calls failed)

var rates = Option("--rates", "25,50,100,150").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToArray();
var seconds = int.Parse(Option("--seconds", "20"), CultureInfo.InvariantCulture);
var holdMs = int.Parse(Option("--hold-ms", "1000"), CultureInfo.InvariantCulture);
var lines = int.Parse(Option("--lines", "100"), CultureInfo.InvariantCulture);
var database = Option("--db", "sqlite");
var serverLog = Option("--server-log", "");
const string AdminPassword = "bench-admin-password";

Console.WriteLine($"Call control origination: click-to-dial through the API, {seconds} s per rate, hang-up {holdMs} ms after answer, " +
                  $"{lines} x 2 registered lines, {database}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var data = Directory.CreateTempSubdirectory("tollgate-bench-callcontrol-").FullName;
var connection = database == "postgres"
    ? await PostgresServer.CreateDatabaseAsync("tollgate_bench_cc")
    : $"Data Source={Path.Combine(data, "tollgate.db")}";
var (httpPort, sipPort) = (FreePort(SocketType.Stream), FreePort(SocketType.Dgram));
var server = await TollgateProcess.StartAsync(new Uri($"http://127.0.0.1:{httpPort}"),
[
    "up", "--db", connection, "--data", data, "--urls", $"http://127.0.0.1:{httpPort}", "--admin-password", AdminPassword,
    "--sip", $"udp:127.0.0.1:{sipPort}", "--log-format", "json",
], log: serverLog.Length > 0 ? Path.GetFullPath(serverLog) : null);
var (tollgate, http) = (server.Process, server.Http);
using var first = new SippUas(FreePort(SocketType.Dgram), reinvite: true);
using var second = new SippUas(FreePort(SocketType.Dgram), reinvite: false);
var exit = 0;
var admin = "";
var froms = new List<string>();
var tos = new List<string>();
var calls = new ConcurrentDictionary<string, Track>();
try
{
    admin = await server.SignInAsync("admin", "admin", AdminPassword);
    var customer = (await server.SendAsync(HttpMethod.Post, "/api/v1/customers", admin,
        new { name = "Bench switchboard", currency = "USD", timeZone = "UTC", billingPeriod = "monthly" })).GetProperty("id").GetInt64();
    var sip = new IPEndPoint(IPAddress.Loopback, sipPort);
    first.Start();
    second.Start();
    for (var i = 0; i < lines; i++)
    {
        froms.Add(await LineAsync(server, admin, customer, $"bench-from-{i}", sip, first.Port));
        tos.Add(await LineAsync(server, admin, customer, $"bench-to-{i}", sip, second.Port));
    }

    Console.WriteLine($"setup: {lines * 2} accounts registered (REGISTER with digest); phones: sipp on udp {first.Port} (rung first, re-INVITEd) and {second.Port}");
    using var stream = await OpenEventsAsync(http, admin);
    var reader = Task.Run(() => ReadEventsAsync(stream, calls, http, admin, holdMs));

    Console.WriteLine();
    Console.WriteLine($"{"offered/s",9} {"placed",7} {"POST/s",7} {"answered/s",10} {"failed",6} {"POST p50",9} {"POST p99",9} {"answer p50",11} {"answer p99",11} {"tollgate CPU",13} {"sipp CPU",9}");
    await RunAsync(Math.Min(10, rates[0]), 3, warmUp: true);
    var results = new List<(int Rate, Outcome Outcome)>();
    foreach (var rate in rates) results.Add((rate, await RunAsync(rate, seconds, warmUp: false)));

    var (okFirst, failedFirst) = await first.StopAsync();
    var (okSecond, failedSecond) = await second.StopAsync();
    var cdrs = (await server.SendAsync(HttpMethod.Get, "/api/v1/cdrs?limit=1", admin)).GetProperty("total").GetInt64();
    var placed = calls.Count;
    var answered = calls.Values.Count(c => c.AnsweredAt is not null);
    Console.WriteLine();
    Console.WriteLine($"check: {placed:N0} calls placed, {answered:N0} answered; CDRs stored: {cdrs:N0}; " +
                      $"sipp counted {okFirst:N0} + {okSecond:N0} successful, {failedFirst + failedSecond:N0} failed calls");
    if (cdrs != placed || okFirst != answered || okSecond != answered) exit = 1;
    foreach (var (sipp, name) in new[] { (first, "first"), (second, "second") })
        foreach (var line in sipp.Errors(5)) Console.WriteLine($"  sipp ({name}): {line}");
    var clean = results.Where(r => r.Outcome.Failed == 0).Select(r => r.Rate).DefaultIfEmpty(0).Max();
    Console.WriteLine($"highest offered rate without a failed call: {clean}/s");
}
finally
{
    await server.DisposeAsync();
    Directory.Delete(data, recursive: true);
}

return exit;

async Task<Outcome> RunAsync(int rate, int duration, bool warmUp)
{
    var before = (Cpu(tollgate.Id), Cpu(first.ProcessId) + Cpu(second.ProcessId));
    var count = rate * duration;
    var posts = new ConcurrentBag<double>();
    var postFailures = 0;
    string? firstFailure = null;
    var clock = Stopwatch.StartNew();
    var started = Stopwatch.GetTimestamp();
    var mine = new ConcurrentBag<Track>();
    var tasks = new List<Task>(count);
    for (var i = 0; i < count; i++)
    {
        var due = TimeSpan.FromSeconds((double)i / rate);
        if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
        var n = i;
        tasks.Add(Task.Run(async () =>
        {
            var (from, to) = (froms[n % froms.Count], tos[n % tos.Count]);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/calls") { Content = JsonContent.Create(new { from, to }) };
            request.Headers.Authorization = new("Bearer", admin);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var elapsed = watch.Elapsed;
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                if (Interlocked.Increment(ref postFailures) == 1) firstFailure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                return;
            }

            posts.Add(elapsed.TotalMilliseconds);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var track = calls.GetOrAdd(id, _ => new Track());
            track.PostedAt = Stopwatch.GetTimestamp() - (long)(elapsed.TotalSeconds * Stopwatch.Frequency);
            mine.Add(track);
        }));
    }

    await Task.WhenAll(tasks);
    var placing = clock.Elapsed.TotalSeconds;
    // Every call ends within ring + answer + hold time; wait (on the calls' own events) up to a generous limit.
    var limit = Stopwatch.StartNew();
    while (mine.Any(t => !t.Ended.Task.IsCompleted) && limit.Elapsed < TimeSpan.FromSeconds(60))
        await Task.WhenAny(Task.WhenAll(mine.Select(t => t.Ended.Task)), Task.Delay(TimeSpan.FromSeconds(1)));

    var wall = clock.Elapsed.TotalSeconds;
    var after = (Cpu(tollgate.Id), Cpu(first.ProcessId) + Cpu(second.ProcessId));
    var tracks = mine.ToList();
    var answeredCalls = tracks.Where(t => t.AnsweredAt is not null).ToList();
    var failed = postFailures + tracks.Count(t => t.AnsweredAt is null || t.EndReason != "call-control");
    var answerLatency = answeredCalls.Select(t => Stopwatch.GetElapsedTime(t.PostedAt, t.AnsweredAt!.Value).TotalMilliseconds).Order().ToArray();
    var lastAnswer = answeredCalls.Count == 0 ? placing : answeredCalls.Max(t => Stopwatch.GetElapsedTime(started, t.AnsweredAt!.Value).TotalSeconds);
    var outcome = new Outcome(tracks.Count, failed);
    if (warmUp) return outcome;
    var postLatency = posts.Order().ToArray();
    Console.WriteLine($"{rate,9} {tracks.Count,7:N0} {tracks.Count / placing,7:N1} {answeredCalls.Count / Math.Max(lastAnswer, placing),10:N1} {failed,6:N0} " +
                      $"{P(postLatency, 0.5),7:N1}ms {P(postLatency, 0.99),7:N1}ms {P(answerLatency, 0.5),9:N1}ms {P(answerLatency, 0.99),9:N1}ms " +
                      $"{(after.Item1 - before.Item1) / wall * 100,12:N0}% {(after.Item2 - before.Item2) / wall * 100,8:N0}%");
    if (firstFailure is not null) Console.WriteLine($"          first refused POST: {firstFailure}");
    foreach (var reason in tracks.Where(t => t.EndReason is not null and not "call-control").GroupBy(t => t.EndReason))
        Console.WriteLine($"          {reason.Count()} calls ended with reason {reason.Key}");
    var unfinished = tracks.Count(t => !t.Ended.Task.IsCompleted);
    if (unfinished > 0) Console.WriteLine($"          {unfinished} calls had not ended 60 s after the last was placed");
    return outcome;
}

static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

// CPU seconds a process has used (user + system), from /proc.
static double Cpu(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

static async Task<string> LineAsync(TollgateProcess server, string admin, long customer, string accountId, IPEndPoint sip, int phonePort)
{
    var password = $"{accountId}-sip-pass";
    await server.SendAsync(HttpMethod.Post, "/api/v1/accounts", admin, new { accountId, customerId = customer, sipPassword = password });
    await PhoneRegistration.RegisterAsync(sip, accountId, password, $"<sip:{accountId}@127.0.0.1:{phonePort}>");
    return accountId;
}

static async Task<HttpResponseMessage> OpenEventsAsync(HttpClient http, string token)
{
    var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/calls/events");
    request.Headers.Authorization = new("Bearer", token);
    var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    return response;
}

// Follows the event stream: notes when each call is answered and hangs it up a moment later; notes how each call ended.
static async Task ReadEventsAsync(HttpResponseMessage stream, ConcurrentDictionary<string, Track> calls, HttpClient http, string token, int holdMs)
{
    using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
    while (await reader.ReadLineAsync() is { } line)
    {
        if (!line.StartsWith("data: {", StringComparison.Ordinal)) continue;
        using var json = JsonDocument.Parse(line[6..]);
        var id = json.RootElement.GetProperty("callId").GetString()!;
        var track = calls.GetOrAdd(id, _ => new Track());
        switch (json.RootElement.GetProperty("state").GetString())
        {
            case "answered":
                track.AnsweredAt = Stopwatch.GetTimestamp();
                _ = Task.Run(async () =>
                {
                    await Task.Delay(holdMs);
                    using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/calls/{id}");
                    request.Headers.Authorization = new("Bearer", token);
                    using var _ = await http.SendAsync(request);
                });
                break;
            case "ended" or "transferred":
                track.EndReason = json.RootElement.GetProperty("reason").GetString();
                track.Ended.TrySetResult();
                break;
        }
    }
}

static int FreePort(SocketType type)
{
    using var probe = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
    probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    return ((IPEndPoint)probe.LocalEndPoint!).Port;
}

/// <summary>One placed call as the benchmark sees it: when it was placed and answered, how it ended.</summary>
internal sealed class Track
{
    public long PostedAt;
    public long? AnsweredAt;
    public string? EndReason;
    public readonly TaskCompletionSource Ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed record Outcome(int Placed, int Failed);
