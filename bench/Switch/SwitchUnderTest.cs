using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Data;
using Tollgate.Data.Calls;
using Tollgate.Hosting;
using Tollgate.Switch;

namespace Tollgate.Bench.Switch;

/// <summary>
/// Tollgate with the api and switch roles, in this process, composed by <see cref="TollgateHost"/> exactly as
/// <c>tollgate up --sip … --keepalive-interval …</c> composes it (real clock, production logging), on a fresh database.
/// </summary>
internal sealed class SwitchUnderTest : IAsyncDisposable
{
    private const string AdminPassword = "bench-admin-password";

    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private SwitchUnderTest(WebApplication app, HttpClient http, int sipPort)
    {
        _app = app;
        _http = http;
        SipPort = sipPort;
    }

    public int SipPort { get; }

    public SwitchService Switch => _app.Services.GetRequiredService<SwitchService>();

    public static async Task<SwitchUnderTest> StartAsync(string connection, string data, int keepAliveSeconds)
    {
        var sipPort = FreeUdpPort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tollgate:Db"] = connection,
            ["Tollgate:Data"] = data,
            ["Tollgate:Urls"] = "http://127.0.0.1:0",
            ["Tollgate:AdminPassword"] = AdminPassword,
            ["Tollgate:Roles"] = "api,switch",
            ["Tollgate:Sip"] = $"udp:127.0.0.1:{sipPort}",
            ["Tollgate:Switch:KeepAliveInterval"] = keepAliveSeconds.ToString(CultureInfo.InvariantCulture),
            // sipp 3.6 answers the first challenge and knows only MD5.
            ["Tollgate:Switch:DigestAlgorithms"] = "MD5",
        }).Build();
        var (settings, error) = TollgateSettings.From(configuration);
        if (settings is null) throw new InvalidOperationException(error);
        var app = TollgateHost.Build(settings, configuration);
        await Bootstrap.MigrateAsync(app.Services.GetRequiredService<TollgateDbFactory>(), CancellationToken.None);
        await Bootstrap.EnsureAdministratorAsync(app, AdminPassword, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { realm = "admin", login = "admin", password = AdminPassword });
        var token = (await Read(login))["accessToken"].GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new SwitchUnderTest(app, http, sipPort);
    }

    /// <summary>A customer, the answering account, the calling account, and an incoming connection trusted at <paramref name="trunkPort"/>.</summary>
    public async Task SetUpAsync(string callee, string caller, string password, int trunkPort)
    {
        var customer = (await PostAsync("/api/v1/customers", new { name = "Bench customer", currency = "USD", timeZone = "UTC", billingPeriod = "monthly" }))
            ["id"].GetInt64();
        await PostAsync("/api/v1/accounts", new { accountId = callee, customerId = customer, sipPassword = password });
        await PostAsync("/api/v1/accounts", new { accountId = caller, customerId = customer, sipPassword = password });
        await PostAsync("/api/v1/connections", new { name = "Bench carrier", direction = "incoming", address = $"127.0.0.1:{trunkPort}" });
    }

    /// <summary>CDRs stored so far.</summary>
    public async Task<int> CdrCountAsync()
    {
        await using var db = _app.Services.GetRequiredService<TollgateDbFactory>().CreateSystem();
        return await db.Set<Cdr>().CountAsync();
    }

    /// <summary>Keep-alives of the live calls so far: sent, answered, and legs in a run of failures.</summary>
    public (long Sent, long Answered, long FailingLegs) KeepAlives()
    {
        long sent = 0, answered = 0, failing = 0;
        foreach (var call in Switch.Calls)
        {
            foreach (var leg in new[] { call.Caller, call.Callee })
            {
                sent += leg.Sent;
                answered += leg.Answered;
                if (leg.Failures > 0) failing++;
            }
        }

        return (sent, answered, failing);
    }

    public async Task ProbeAsync(string callee, int trunkPort)
    {
        var billing = _app.Services.GetRequiredService<Tollgate.Domain.Switching.ISwitchBilling>();
        var store = _app.Services.GetRequiredService<Tollgate.Domain.Switching.ISipRegistrationStore>();
        var source = new IPEndPoint(IPAddress.Loopback, trunkPort);
        async Task Measure(string what, Func<int, Task> action)
        {
            for (var i = 0; i < 300; i++) await action(i);
            var bytes = GC.GetTotalAllocatedBytes(true);
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            const int n = 3000;
            for (var i = 0; i < n; i++) await action(i);
            Console.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds * 1000 / n:0} us wall, {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / n:0} us cpu, {(GC.GetTotalAllocatedBytes(true) - bytes) / n:N0} bytes/call");
        }
        await Measure("AuthorizeCall (trunk)", i => billing.AuthorizeCallAsync(new Tollgate.Domain.Switching.CallAttempt($"probe-{i}", null, source, "12095550000", callee, null, DateTime.UtcNow), default));
        await Measure("AuthorizeCall (account)", i => billing.AuthorizeCallAsync(new Tollgate.Domain.Switching.CallAttempt($"probe-{i}", "bench-caller", source, "bench-caller", callee, null, DateTime.UtcNow), default));
        await Measure("FindIdentity", i => billing.FindIdentityAsync("bench-caller", default));
        await Measure("Registrations.Get", i => store.GetAsync(1, DateTime.UtcNow, default));
        await Measure("CallEnded (CDR)", i => billing.CallEndedAsync(new Tollgate.Domain.Switching.CallRecord($"probe-cdr-{Guid.NewGuid()}", null, 1, 1, null, "1", "2", DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, 200, "normal", "caller", "update", "update"), default));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public static int FreeUdpPort()
    {
        using var probe = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram,
            System.Net.Sockets.ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task<Dictionary<string, JsonElement>> PostAsync(string path, object body) => await Read(await _http.PostAsJsonAsync(path, body));

    private static async Task<Dictionary<string, JsonElement>> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text)!;
    }
}
