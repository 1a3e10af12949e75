using System.Globalization;
using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tollgate.Data.Calls;
using Tollgate.Switch.Calls;

namespace Tollgate.Switch.Tests.Support;

/// <summary>
/// A whole Tollgate process with the switch listening on free loopback ports (UDP and TCP), a real database and the
/// movable clock: sipp talks to it over real sockets, the test moves the clock to make keep-alives due.
/// </summary>
/// <remarks>
/// <para>Every timer of the switch (keep-alive, transaction timeouts, retransmissions) runs on the test's clock, so
/// nothing happens by itself: a test waits until the switch has done what the last message asked of it (a call is
/// connected, a keep-alive answered), then moves the clock by exactly the time the next step needs. Keep-alives come
/// every <see cref="Interval"/> of that clock; a keep-alive nobody answers fails after <see cref="TransactionTimeout"/>.</para>
/// <para>Challenges offer MD5 only: sipp 3.6 answers the first challenge and knows no SHA-256.</para>
/// </remarks>
public abstract class SwitchFixture(DbKind kind) : IAsyncLifetime
{
    /// <summary>The installation's keep-alive interval in these tests.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>64·T1 with the default T1 of 500 ms: when an unanswered request fails (Timer B, Timer F).</summary>
    public static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(32);

    private TollgateTestApp? _app;

    public TollgateTestApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Everything the app logged, at every level.</summary>
    public LogCapture Logs { get; } = new();

    public SwitchService Switch => App.Service<SwitchService>();

    /// <summary>Where the switch takes UDP and TCP.</summary>
    public IPEndPoint Udp { get; private set; } = null!;

    public IPEndPoint Tcp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await TollgateTestApp.StartAsync(kind, new Dictionary<string, string?>
        {
            ["Tollgate:Sip"] = "udp:127.0.0.1:0,tcp:127.0.0.1:0",
            ["Tollgate:Switch:KeepAliveInterval"] = Interval.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            ["Tollgate:Switch:KeepAliveRetries"] = "1",
            ["Tollgate:Switch:DigestAlgorithms"] = "MD5",
        }, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(Logs);
            s.Configure<LoggerFilterOptions>(o => o.AddFilter<LogCapture>(null, LogLevel.Trace));
        });
        foreach (var listening in Switch.Listening)
        {
            var (transport, endpoint) = (listening[..3], IPEndPoint.Parse(listening[4..]));
            if (transport == "udp") Udp = endpoint;
            else Tcp = endpoint;
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    public IPEndPoint Endpoint(string transport) => transport == "tcp" ? Tcp : Udp;

    /// <summary>
    /// Waits (polling, never for a fixed time) until <paramref name="condition"/> holds; fails with <paramref name="what"/>
    /// after a generous limit, or at once when one of the <paramref name="parties"/> has given up, showing what it saw.
    /// </summary>
    public static async Task UntilAsync(Func<bool> condition, string what, params Sipp[] parties)
    {
        var limit = DateTime.UtcNow + Sipp.Limit;
        while (!condition())
        {
            var gone = parties.FirstOrDefault(p => p.HasExited);
            if (gone is not null || DateTime.UtcNow > limit)
            {
                var seen = string.Join("\n", parties.Select(p => $"--- sipp on port {p.Port}{(p.HasExited ? $" (exited):\n{p.Output()}" : "")}:\n{p.Messages()}"));
                throw new TimeoutException($"{(gone is null ? $"Waited {Sipp.Limit}" : $"sipp on port {gone.Port} ended")} before: {what}\n{seen}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The connected call from <paramref name="callingNumber"/>, once it is connected and the caller has acknowledged it.</summary>
    public async Task<LiveCall> ConnectedAsync(string callingNumber, params Sipp[] parties)
    {
        LiveCall? call = null;
        await UntilAsync(() => (call = Switch.Calls.FirstOrDefault(c => c.CallingNumber == callingNumber && c.CallerAcknowledged)) is not null,
            $"a connected call from {callingNumber}", parties);
        return call!;
    }

    /// <summary>The call now, by its Call-ID; null once it has ended.</summary>
    public LiveCall? Call(string callId) => Switch.Calls.FirstOrDefault(c => c.CallId == callId);

    /// <summary>Waits until the live call satisfies <paramref name="condition"/>.</summary>
    public Task UntilCallAsync(string callId, Func<LiveCall, bool> condition, string what, params Sipp[] parties) =>
        UntilAsync(() => Call(callId) is { } call && condition(call), what, parties);

    /// <summary>The CDR of the caller's Call-ID, once it is stored.</summary>
    public Task<Cdr> CdrAsync(string callId) => CdrAsync(c => c.CallId == callId, $"the CDR of call {callId}");

    /// <summary>The first CDR matching <paramref name="match"/>, once one is stored (CDRs are written after the call, in batches).</summary>
    public async Task<Cdr> CdrAsync(Expression<Func<Cdr, bool>> match, string what)
    {
        Cdr? cdr = null;
        await UntilAsync(() =>
        {
            using var db = App.Database();
            cdr = db.Set<Cdr>().AsNoTracking().FirstOrDefault(match);
            return cdr is not null;
        }, what);
        return cdr!;
    }

    /// <summary>Moves the switch's clock; every timer that falls due runs before this returns.</summary>
    public void Advance(TimeSpan by) => App.Clock.Advance(by);

    public DateTime Now => App.Clock.GetUtcNow().UtcDateTime;
}

public sealed class SqliteSwitch() : SwitchFixture(DbKind.Sqlite);

public sealed class PostgresSwitch() : SwitchFixture(DbKind.Postgres);

/// <summary>
/// The sipp tests run alone, one after another: each moves the switch's clock, and sipp's own retransmission timers
/// are real time, which two busy cores shared with parallel tests could stretch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SippCollection
{
    public const string Name = "switch-sipp";
}
