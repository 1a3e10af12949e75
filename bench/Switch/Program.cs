using System.Diagnostics;
using System.Globalization;
using Tollgate.Bench.Switch;
using Tollgate.Testing;

// Benchmark of the switch under sipp load on loopback (see bench/README.md, "Switch"):
//  1. calls per second: sipp calls through the switch at each rate for a while; sustained means every call succeeded;
//  2. concurrent calls: sipp sets up N calls and holds them while keep-alives (every 30 s) run on both legs of every call;
//     the switch's retained memory per call, its resident set and its CPU are measured while they are held;
//  3. the same through Kamailio (Debian package) as a stateful proxy, when it is installed, in the same run.
// Usage: bench-switch [--rates 300,500,700] [--seconds 30] [--concurrent 20000] [--ramp 400] [--hold 150] [--keepalive 30]
//                     [--auth-rate 500] [--postgres] [--no-kamailio]

var rates = Option("--rates", "300,500,700").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
var seconds = int.Parse(Option("--seconds", "30"), CultureInfo.InvariantCulture);
var concurrent = int.Parse(Option("--concurrent", "20000"), CultureInfo.InvariantCulture);
var ramp = int.Parse(Option("--ramp", "400"), CultureInfo.InvariantCulture);
var hold = int.Parse(Option("--hold", "150"), CultureInfo.InvariantCulture);
var keepAlive = int.Parse(Option("--keepalive", "30"), CultureInfo.InvariantCulture);
var authRate = int.Parse(Option("--auth-rate", "500"), CultureInfo.InvariantCulture);
var postgres = args.Contains("--postgres");
var kamailio = Kamailio.Installed && !args.Contains("--no-kamailio");

const string Callee = "bench-callee";
const string Caller = "bench-caller";
const string Password = "bench-sip-password";
var scenarios = Path.Combine(AppContext.BaseDirectory, "scenarios");
var data = Directory.CreateTempSubdirectory("tollgate-bench-switch-").FullName;
var connection = await TestDatabase.CreateAsync(postgres ? DbKind.Postgres : DbKind.Sqlite, data);
var trunkPort = SwitchUnderTest.FreeUdpPort();

Console.WriteLine($"Switch under sipp load on loopback: {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                  $"{(postgres ? "PostgreSQL (throwaway cluster)" : "SQLite")}, keep-alive every {keepAlive} s, " +
                  $"{(kamailio ? $"Kamailio ({Kamailio.Binary}) for comparison" : "no Kamailio (not installed, or --no-kamailio)")}");
Console.WriteLine($"sipp {SippVersion()}; the switch runs in this process (server GC), composed as `tollgate up` composes it");
await using var tollgate = await SwitchUnderTest.StartAsync(connection, data, keepAlive);
await tollgate.SetUpAsync(Callee, Caller, Password, trunkPort);

var results = new List<string>();
if (args.Contains("--probe"))
{
    await tollgate.ProbeAsync(Callee, trunkPort);
    return 0;
}
var idleBefore = Cpu.Self();
await Task.Delay(TimeSpan.FromSeconds(10));
Console.WriteLine($"idle switch (no calls) for 10 s: CPU {(Cpu.Self() - idleBefore).TotalSeconds / 10:0.00} cores");
Console.WriteLine();
Console.WriteLine("1. Calls per second through the switch: a carrier's calls (trusted by address) to a registered account, " +
                  $"{seconds} s per rate; each call is INVITE/100/180/200/ACK/BYE/200 on both legs, a CDR per call");
await CallRateAsync("warm-up (not counted)", "uac.xml", rates.Min(), tollgate.SipPort, trunkPort, tollgate: tollgate, duration: 10);
foreach (var rate in rates)
    results.Add(await CallRateAsync("switch", "uac.xml", rate, tollgate.SipPort, trunkPort, tollgate: tollgate));
results.Add(await CallRateAsync("switch, caller with digest", "uac-auth.xml", authRate, tollgate.SipPort, SwitchUnderTest.FreeUdpPort(), tollgate: tollgate));

if (concurrent > 0) Console.WriteLine();
if (concurrent > 0) Console.WriteLine($"2. Concurrent calls through the switch: {concurrent:N0} calls set up at {ramp}/s, each held {hold} s, " +
                  $"keep-alives every {keepAlive} s on both legs");
var held = concurrent > 0 ? await ConcurrentAsync(tollgate) : null;

string? kamailioRate = null, kamailioHeld = null;
if (kamailio)
{
    Console.WriteLine();
    Console.WriteLine("3. The same sipp load through Kamailio as a transaction-stateful proxy (tm, record-route), 2 worker processes");
    foreach (var rate in rates)
    {
        var uasPort = SwitchUnderTest.FreeUdpPort();
        using var proxy = await Kamailio.StartAsync(data, SwitchUnderTest.FreeUdpPort(), uasPort, dialogs: false);
        kamailioRate = await CallRateAsync("kamailio", "uac.xml", rate, proxy.Port, SwitchUnderTest.FreeUdpPort(), uasPort, proxy: proxy);
        results.Add(kamailioRate);
    }

    if (concurrent > 0)
    {
        Console.WriteLine($"   and {concurrent:N0} concurrent calls as dialogs, with its dialog module's OPTIONS keep-alives every 30 s to both parties");
        kamailioHeld = await KamailioConcurrentAsync();
    }
}

Console.WriteLine();
Console.WriteLine("Summary");
foreach (var line in results) Console.WriteLine($"  {line}");
if (held is not null) Console.WriteLine($"  {held}");
if (kamailioHeld is not null) Console.WriteLine($"  {kamailioHeld}");
Directory.Delete(data, recursive: true);
return 0;

// The callee's contact port is where the answering sipp listens: register it for each run, as a phone re-registering.
async Task RegisterAtAsync(int sipPort, int contactPort)
{
    using var register = SippProcess.Start(scenarios, "register.xml", Common(SwitchUnderTest.FreeUdpPort()).Concat(
        ["-m", "1", "-key", "callee", Callee, "-au", Callee, "-ap", Password, "-key", "contact_port", contactPort.ToString(CultureInfo.InvariantCulture),
            $"127.0.0.1:{sipPort}"]));
    var report = await register.WaitAsync(TimeSpan.FromSeconds(30));
    if (report.ExitCode != 0) throw new InvalidOperationException($"REGISTER failed:\n{report.Output}");
}

async Task<string> CallRateAsync(string through, string scenario, int rate, int targetPort, int callerPort, int? uasPort = null,
    SwitchUnderTest? tollgate = null, Kamailio? proxy = null, int? duration = null)
{
    var calls = rate * (duration ?? seconds);
    uasPort ??= SwitchUnderTest.FreeUdpPort();
    if (tollgate is not null) await RegisterAtAsync(targetPort, uasPort.Value);
    if (tollgate is not null && scenario == "uac.xml" && callerPort != trunkPort)
        throw new InvalidOperationException("Calls from the trunk must come from its trusted port.");
    var cdrsBefore = tollgate is null ? 0 : await tollgate.CdrCountAsync();
    using var uas = SippProcess.Start(scenarios, "uas.xml", Common(uasPort.Value).Concat(["-m", calls.ToString(CultureInfo.InvariantCulture), "-aa"]));
    var caller = scenario == "uac.xml" ? "12095550000" : Caller;
    var cpuBefore = (Self: Cpu.Self(), Proxy: proxy?.Cpu ?? TimeSpan.Zero);
    var watch = Stopwatch.StartNew();
    using var uac = SippProcess.Start(scenarios, scenario, Common(callerPort).Concat([
        "-m", calls.ToString(CultureInfo.InvariantCulture), "-r", rate.ToString(CultureInfo.InvariantCulture), "-l", (rate * 4).ToString(CultureInfo.InvariantCulture),
        "-d", "0", "-key", "callee", Callee, "-key", "caller", caller, "-au", caller, "-ap", Password,
        "-auth_uri", $"{Callee}@127.0.0.1:{targetPort}", "-aa", $"127.0.0.1:{targetPort}",
    ]));
    var calling = await uac.WaitAsync(TimeSpan.FromSeconds(seconds * 4 + 60));
    var elapsed = watch.Elapsed.TotalSeconds;
    var answering = await uas.WaitAsync(TimeSpan.FromSeconds(30));
    var cpu = (tollgate is not null ? Cpu.Self() - cpuBefore.Self : proxy!.Cpu - cpuBefore.Proxy).TotalSeconds;
    var sippCpu = (uac.Cpu + uas.Cpu).TotalSeconds;
    var cdrs = tollgate is null ? "" : $", CDRs stored {await WaitForCdrsAsync(tollgate, cdrsBefore + (int)calling.Successful) - cdrsBefore:N0}";
    var achieved = calling.Successful / elapsed;
    // Sustained: every call succeeded, and at the rate offered (sipp falls behind when answers come late).
    var sustained = calling.Successful == calls && calling.Failed == 0 && achieved >= rate * 0.95;
    var line = $"{through,-28} offered {rate,4}/s for {duration ?? seconds} s: {calling.Successful:N0}/{calls:N0} calls succeeded, {calling.Failed} failed, " +
               $"{achieved:N0} calls/s achieved, retransmissions {calling.Retransmissions + answering.Retransmissions}; " +
               $"{(through.StartsWith("kamailio", StringComparison.Ordinal) ? "Kamailio" : "switch")} CPU {cpu / elapsed:0.00} cores, " +
               $"both sipps {sippCpu / elapsed:0.00} cores{cdrs} -> {(sustained ? "sustained" : "NOT sustained")}";
    Console.WriteLine($"   {line}");
    if (!sustained || calling.Retransmissions > 0) Console.WriteLine($"   the calling sipp's last screen:\n{LastScreen(calling.Output)}");
    return line;
}

async Task<int> WaitForCdrsAsync(SwitchUnderTest tollgate, int expected)
{
    var until = DateTime.UtcNow.AddSeconds(30);
    int count;
    while ((count = await tollgate.CdrCountAsync()) < expected && DateTime.UtcNow < until) await Task.Delay(200);
    return count;
}

async Task<string> ConcurrentAsync(SwitchUnderTest tollgate)
{
    var uasPort = SwitchUnderTest.FreeUdpPort();
    await RegisterAtAsync(tollgate.SipPort, uasPort);
    // The previous runs' transactions linger 32 s (Timers J/L): the baseline is taken without them.
    await Task.Delay(TimeSpan.FromSeconds(35));
    var baseline = Heap();
    var rssBefore = Cpu.Rss(Environment.ProcessId);
    using var uas = SippProcess.Start(scenarios, "uas.xml", Common(uasPort).Concat(["-m", concurrent.ToString(CultureInfo.InvariantCulture), "-aa"]));
    using var uac = SippProcess.Start(scenarios, "uac.xml", Common(trunkPort).Concat([
        "-m", concurrent.ToString(CultureInfo.InvariantCulture), "-r", ramp.ToString(CultureInfo.InvariantCulture),
        "-l", concurrent.ToString(CultureInfo.InvariantCulture), "-d", (hold * 1000).ToString(CultureInfo.InvariantCulture),
        "-key", "callee", Callee, "-key", "caller", "12095550001", "-aa", $"127.0.0.1:{tollgate.SipPort}",
    ]));
    var started = Stopwatch.StartNew();
    while (tollgate.Switch.ConnectedCallCount < concurrent)
    {
        if (uac.HasExited) throw new InvalidOperationException($"sipp stopped before {concurrent} calls were up:\n{uac.Output}");
        if (started.Elapsed > TimeSpan.FromSeconds(hold)) throw new TimeoutException($"only {tollgate.Switch.ConnectedCallCount} calls came up");
        await Task.Delay(500);
    }

    var upAfter = started.Elapsed.TotalSeconds;
    Console.WriteLine($"   {concurrent:N0} calls up after {upAfter:0.0} s");
    // Let the set-up's transactions run out (Timers J/L keep them 32 s) so what remains is what the calls hold.
    await Task.Delay(TimeSpan.FromSeconds(35));
    var window = TimeSpan.FromSeconds(Math.Min(keepAlive * 2, Math.Max(10, hold - upAfter - 45)));
    var (sentBefore, _, _) = tollgate.KeepAlives();
    var cpuBefore = (Self: Cpu.Self(), Sipp: uac.Cpu + uas.Cpu);
    await Task.Delay(window);
    var cpu = (Cpu.Self() - cpuBefore.Self).TotalSeconds / window.TotalSeconds;
    var sippCpu = (uac.Cpu + uas.Cpu - cpuBefore.Sipp).TotalSeconds / window.TotalSeconds;
    var (sent, answered, failing) = tollgate.KeepAlives();
    var live = tollgate.Switch.ConnectedCallCount;
    var heap = Heap();
    var rss = Cpu.Rss(Environment.ProcessId);
    var perCall = (heap - baseline) / (double)live;
    // The resident set is no per-call figure: the server GC keeps the heaps the rate runs grew and returns them as it
    // compacts, so it may even shrink while the calls come up. It is printed as it is.

    Console.WriteLine($"   holding {live:N0} calls: {sent - sentBefore:N0} keep-alives sent in the last {window.TotalSeconds:0} s " +
                      $"({(sent - sentBefore) / window.TotalSeconds:N0}/s), {sent:N0} sent and {answered:N0} answered in all, {failing} legs failing; " +
                      $"switch CPU {cpu:0.00} cores, sipps {sippCpu:0.00} cores");
    Console.WriteLine($"   switch memory: managed heap {baseline / 1048576.0:0.0} MB -> {heap / 1048576.0:0.0} MB after a full GC " +
                      $"= {perCall:N0} bytes per call; resident set {rss / 1048576.0:0} MB while holding them ({rssBefore / 1048576.0:0} MB before)");
    var calling = await uac.WaitAsync(TimeSpan.FromSeconds(hold * 2 + 120));
    await uas.WaitAsync(TimeSpan.FromSeconds(60));
    var ok = calling.Successful == concurrent && calling.Failed == 0 && failing == 0 && answered > 0;
    Console.WriteLine($"   all calls ended: {calling.Successful:N0} succeeded, {calling.Failed} failed -> {(ok ? "held" : "NOT held")}");
    return $"switch: {live:N0} concurrent calls held with keep-alives every {keepAlive} s ({sent:N0} sent, {answered:N0} answered, {failing} legs failing), " +
           $"{perCall:N0} bytes/call retained (heap), resident set {rss / 1048576.0:0} MB, CPU {cpu:0.00} cores while holding " +
           $"({calling.Failed} failed calls) -> {(ok ? "held" : "NOT held")}";
}

async Task<string> KamailioConcurrentAsync()
{
    var uasPort = SwitchUnderTest.FreeUdpPort();
    using var proxy = await Kamailio.StartAsync(data, SwitchUnderTest.FreeUdpPort(), uasPort, dialogs: true);
    var shmBefore = await proxy.SharedMemoryUsedAsync();
    using var uas = SippProcess.Start(scenarios, "uas.xml", Common(uasPort).Concat(["-m", concurrent.ToString(CultureInfo.InvariantCulture), "-aa"]));
    using var uac = SippProcess.Start(scenarios, "uac.xml", Common(SwitchUnderTest.FreeUdpPort()).Concat([
        "-m", concurrent.ToString(CultureInfo.InvariantCulture), "-r", ramp.ToString(CultureInfo.InvariantCulture),
        "-l", concurrent.ToString(CultureInfo.InvariantCulture), "-d", (hold * 1000).ToString(CultureInfo.InvariantCulture),
        "-key", "callee", Callee, "-key", "caller", "12095550002", "-aa", $"127.0.0.1:{proxy.Port}",
    ]));
    var started = Stopwatch.StartNew();
    long dialogs;
    while ((dialogs = await proxy.ActiveDialogsAsync()) < concurrent)
    {
        if (uac.HasExited) throw new InvalidOperationException($"sipp stopped before {concurrent} calls were up:\n{uac.Output}");
        if (started.Elapsed > TimeSpan.FromSeconds(hold)) throw new TimeoutException($"only {dialogs} dialogs came up");
        await Task.Delay(500);
    }

    var upAfter = started.Elapsed.TotalSeconds;
    await Task.Delay(TimeSpan.FromSeconds(35));
    var window = TimeSpan.FromSeconds(Math.Min(keepAlive * 2, Math.Max(10, hold - upAfter - 45)));
    var cpuBefore = proxy.Cpu;
    await Task.Delay(window);
    var cpu = (proxy.Cpu - cpuBefore).TotalSeconds / window.TotalSeconds;
    var shm = await proxy.SharedMemoryUsedAsync();
    var perCall = (shm - shmBefore) / (double)concurrent;
    Console.WriteLine($"   Kamailio: {dialogs:N0} dialogs up after {upAfter:0.0} s; holding them: CPU {cpu:0.00} cores, shared memory " +
                      $"{shmBefore / 1048576.0:0.0} MB -> {shm / 1048576.0:0.0} MB = {perCall:N0} bytes per call");
    var calling = await uac.WaitAsync(TimeSpan.FromSeconds(hold * 2 + 120));
    await uas.WaitAsync(TimeSpan.FromSeconds(60));
    Console.WriteLine($"   all calls ended: {calling.Successful:N0} succeeded, {calling.Failed} failed");
    return $"kamailio: {concurrent:N0} concurrent dialogs with OPTIONS keep-alives every 30 s, {perCall:N0} bytes/call of shared memory, " +
           $"CPU {cpu:0.00} cores while holding ({calling.Failed} failed calls)";
}

static long Heap()
{
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

static string LastScreen(string output)
{
    var at = output.LastIndexOf("Messages  Retrans", StringComparison.Ordinal);
    return at < 0 ? output[Math.Max(0, output.Length - 3000)..] : output[Math.Max(0, at - 200)..Math.Min(output.Length, at + 2500)];
}

static IEnumerable<string> Common(int port) =>
    ["-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", "u1", "-nostdin", "-nd", "-max_recv_loops", "10000",
        "-timeout", "900s", "-timeout_error"];

static string SippVersion()
{
    using var sipp = Process.Start(new ProcessStartInfo("sipp", "-v") { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var text = sipp.StandardOutput.ReadToEnd() + sipp.StandardError.ReadToEnd();
    sipp.WaitForExit();
    return text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("SIPp", StringComparison.Ordinal)) ?? "?";
}

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
