using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Tollgate.Bench.CentrexCreation;
using Tollgate.Testing;

// Benchmark of IP Centrex extension creation through the API on PostgreSQL, with agreement (quota) checks.
// Starts the real `tollgate up` on a fresh database, sets up customers with an agreement whose quantities are limited
// (so every creation counts the products in use under the customer's row lock), then N clients create extensions as the
// customers themselves. Prints creations/s and latency percentiles. See bench/README.md.
// Usage: bench-centrex [--seconds 20] [--warmup 30] [--clients 16] [--customers 64] [--no-analyze]; TOLLGATE_BENCH_PG=<connection string> for your own server.

var seconds = Option("--seconds", 20);
var clients = Option("--clients", 16);
var customers = Option("--customers", 64);
var pool = Option("--pool", 100);
var warmup = Option("--warmup", 30);
const string AdminPassword = "bench-admin-password";
const string CustomerPassword = "bench-customer-password";

var server = Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is { Length: > 0 } ? "TOLLGATE_BENCH_PG" : "throwaway cluster (fsync=off, synchronous_commit=off)";
Console.WriteLine($"IP Centrex extension creation: {clients} clients, {customers} customers, {seconds} s, PostgreSQL via {server}, " +
                  $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");
var connection = await FreshDatabaseAsync();
var data = Directory.CreateTempSubdirectory("tollgate-bench-centrex-").FullName;
var port = FreePort();
var baseAddress = new Uri($"http://127.0.0.1:{port}");
using var tollgate = StartServer(connection, data, port, pool);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60),
};
try
{
    await WaitUntilUpAsync(http, tollgate);
    var cpu = await CpuMeter.CreateAsync(tollgate.Id, connection);
    var setup = await SetUpAsync(http, customers);
    Console.WriteLine($"setup: {customers} customers, agreement Hosted IP PBX x{setup.Quantity:N0} + Call recording x{setup.Quantity:N0}; " +
                      "each creation gets both, so both quantities are checked");

    // Spread: every client works on its own customers. Contended: every client on one customer (its row lock serializes them).
    // Long enough for the runtime to finish recompiling the hot paths (tiered compilation), as in a server that has been
    // running: with 5 s, perf still found the server's tiered-compilation thread at ~15 % of its CPU 20 s later.
    await RunAsync(setup, cpu, $"warm-up, {warmup} s (not counted)", warmup, c => setup.Customers[c % setup.Customers.Count]);
    await AnalyzeAsync(connection);
    var spread = await RunAsync(setup, cpu, $"{clients} clients over {customers} customers", seconds, c => setup.Customers[c % setup.Customers.Count]);
    var contended = await RunAsync(setup, cpu, $"{clients} clients on one customer", Math.Max(5, seconds / 2), _ => setup.Customers[0]);

    await using (var db = new NpgsqlConnection(connection))
    {
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM extensions", db);
        var stored = (long)(await count.ExecuteScalarAsync())!;
        Console.WriteLine($"check: {stored:N0} extensions stored, {setup.CreatedSoFar:N0} answered 201 Created");
        if (stored != setup.CreatedSoFar) throw new InvalidOperationException("Stored extensions and 201 answers differ.");
    }
    Console.WriteLine();
    Console.WriteLine($"target >= 500 creations/s with p99 < 50 ms ({clients} clients): " +
                      $"{(spread.PerSecond >= 500 && spread.P99 < 50 ? "met" : "NOT MET")} ({spread.PerSecond:N0}/s, p99 {spread.P99:0.0} ms)");
    _ = contended;
}
finally
{
    if (!tollgate.HasExited) tollgate.Kill(entireProcessTree: true);
    await tollgate.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}
return 0;

async Task<Result> RunAsync(Setup setup, CpuMeter cpu, string label, int duration, Func<int, Party> customerOf)
{
    var before = cpu.Read();
    var latencies = new List<double>[clients];
    var failures = 0;
    var firstFailure = (string?)null;
    var stop = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(duration);
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var mine = latencies[c] = [];
        var request = 0;
        while (stop.Elapsed < until)
        {
            var customer = customerOf(c + clients * request++);
            var number = Interlocked.Increment(ref customer.NextNumber).ToString(CultureInfo.InvariantCulture);
            using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/customers/{customer.Id}/extensions")
            {
                Content = JsonContent.Create(new { extension = number, name = $"Bench {number}", productId = setup.HostedPbx, addonProductIds = new[] { setup.Recording } }),
            };
            message.Headers.Authorization = new("Bearer", customer.Token);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(message);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                mine.Add(elapsed);
                Interlocked.Increment(ref setup.CreatedSoFar);
            }
            else if (Interlocked.Increment(ref failures) == 1)
            {
                firstFailure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
        }
    })));
    var wall = stop.Elapsed.TotalSeconds;
    var used = cpu.Read() - before;
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
    var result = new Result(all.Length / wall, P(0.50), P(0.95), P(0.99), all.Length == 0 ? double.NaN : all[^1]);
    Console.WriteLine($"{label,-36} {all.Length,8:N0} created {result.PerSecond,8:N0}/s   p50 {result.P50,6:0.0} ms   p95 {result.P95,6:0.0} ms   " +
                      $"p99 {result.P99,6:0.0} ms   max {result.Max,7:0.0} ms   {(failures == 0 ? "no errors" : $"{failures} errors, first: {firstFailure}")}");
    if (all.Length > 0)
    {
        var others = used.MachineMs - used.ServerMs - (double.IsNaN(used.PostgresMs) ? 0 : used.PostgresMs) - used.GeneratorMs;
        Console.WriteLine($"{"",-36} CPU per creation: server {used.ServerMs / all.Length:0.00} ms, PostgreSQL {used.PostgresMs / all.Length:0.00} ms, " +
                          $"load generator {used.GeneratorMs / all.Length:0.00} ms; machine {used.MachineMs / 10 / wall / Environment.ProcessorCount:0}% busy, " +
                          $"{others / 10 / wall / Environment.ProcessorCount:0}% of it other processes");
    }
    return result;
}

// Statistics as autovacuum keeps them in a database that has been running. A fresh database with two products never
// reaches autovacuum's analyze threshold (50 changed rows) for its catalog tables, and without statistics PostgreSQL
// plans the agreement and product look-ups anew on every creation (about 0.35 ms of its CPU each time); a provider
// whose catalog is large enough for this load to matter has them. --no-analyze measures the fresh database instead.
async Task AnalyzeAsync(string connection)
{
    if (args.Contains("--no-analyze"))
    {
        Console.WriteLine("statistics: not refreshed (--no-analyze)");
        return;
    }
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    await using var analyze = new NpgsqlCommand("ANALYZE", db);
    await analyze.ExecuteNonQueryAsync();
    Console.WriteLine("statistics: ANALYZE after the warm-up, as autovacuum keeps them in a running database");
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task<string> FreshDatabaseAsync()
{
    if (Environment.GetEnvironmentVariable("TOLLGATE_BENCH_PG") is not { Length: > 0 } given) return await PostgresServer.CreateDatabaseAsync("tollgate_bench");
    var name = $"tollgate_bench_{Guid.NewGuid():N}"[..40];
    await using (var admin = new NpgsqlConnection(given))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
    return new NpgsqlConnectionStringBuilder(given) { Database = name }.ConnectionString;
}

static Process StartServer(string connection, string data, int port, int pool)
{
    var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "tollgate")) { RedirectStandardOutput = true, RedirectStandardError = true };
    // The pool size is the one setting given; the rest are the shipped defaults.
    var db = new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = pool }.ConnectionString;
    foreach (var a in new[] { "up", "--db", db, "--data", data, "--urls", $"http://127.0.0.1:{port}", "--admin-password", AdminPassword, "--log-format", "json" })
        start.ArgumentList.Add(a);
    var process = Process.Start(start)!;
    // Drain the server's output so it never blocks on a full pipe.
    _ = process.StandardOutput.ReadToEndAsync();
    _ = process.StandardError.ReadToEndAsync();
    return process;
}

static async Task WaitUntilUpAsync(HttpClient http, Process tollgate)
{
    for (var i = 0; i < 600; i++)
    {
        if (tollgate.HasExited) throw new InvalidOperationException($"tollgate up exited with {tollgate.ExitCode}.");
        try
        {
            if ((await http.GetAsync("/livez")).IsSuccessStatusCode) return;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }
        await Task.Delay(100);
    }
    throw new TimeoutException("tollgate up did not answer /livez within 60 s.");
}

static async Task<Setup> SetUpAsync(HttpClient http, int customers)
{
    const int quantity = 1_000_000;
    var admin = await SignInAsync(http, "admin", "admin", AdminPassword);
    var pbxPlan = await PostAsync(http, admin, "/api/v1/subscriptions",
        new { name = "Hosted IP PBX", kind = "account", fee = 15, currency = "USD", activationMode = "startDate", sharedWithResellers = true });
    var recordingPlan = await PostAsync(http, admin, "/api/v1/subscriptions",
        new { name = "Call recording", kind = "account", fee = 20, currency = "USD", activationMode = "firstUsage", sharedWithResellers = true });
    var pbx = await PostAsync(http, admin, "/api/v1/products", new { name = "Hosted IP PBX", kind = "main", sharedWithResellers = true, accountSubscriptionIds = new[] { pbxPlan } });
    var recording = await PostAsync(http, admin, "/api/v1/products",
        new { name = "Call recording", kind = "addon", sharedWithResellers = true, allowedWithAnyMainProduct = true, accountSubscriptionIds = new[] { recordingPlan } });
    var parties = new List<Party>();
    for (var i = 0; i < customers; i++)
    {
        var login = $"bench-customer-{i}";
        var id = await PostAsync(http, admin, "/api/v1/customers",
            new { name = $"Bench customer {i}", login, password = CustomerPassword, currency = "USD", timeZone = "America/Los_Angeles", billingPeriod = "monthly" });
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/customers/{id}/agreement")
        {
            Content = JsonContent.Create(new
            {
                mainProducts = new[] { new { productId = pbx, quantity } }, addonProducts = new[] { new { productId = recording, quantity } },
            }),
        };
        put.Headers.Authorization = new("Bearer", admin);
        (await http.SendAsync(put)).EnsureSuccessStatusCode();
        parties.Add(new Party(id, await SignInAsync(http, "customer", login, CustomerPassword)));
    }
    return new Setup(pbx, recording, quantity, parties);
}

static async Task<string> SignInAsync(HttpClient http, string realm, string login, string password)
{
    var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { realm, login, password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

static async Task<long> PostAsync(HttpClient http, string token, string path, object body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
    request.Headers.Authorization = new("Bearer", token);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

internal sealed record Result(double PerSecond, double P50, double P95, double P99, double Max);

/// <summary>A customer the clients create extensions for, signed in as itself; numbers count up from 100000 (six digits).</summary>
internal sealed class Party(long id, string token)
{
    public long Id { get; } = id;
    public string Token { get; } = token;
    public int NextNumber = 99_999;
}

internal sealed class Setup(long hostedPbx, long recording, int quantity, List<Party> customers)
{
    public long HostedPbx { get; } = hostedPbx;
    public long Recording { get; } = recording;
    public int Quantity { get; } = quantity;
    public List<Party> Customers { get; } = customers;
    public long CreatedSoFar;
}
