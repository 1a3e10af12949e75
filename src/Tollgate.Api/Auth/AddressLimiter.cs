using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Tollgate.Api.Auth;

/// <summary>Counts failed sign-ins per client address, so guessing across many logins is slowed down too.</summary>
/// <remarks>
/// Per-login lockout lives in the database (it must hold across processes); this per-address window is kept in
/// memory: it only has to make mass guessing expensive, and a restart that forgets it costs an attacker nothing new.
/// </remarks>
public sealed class AddressLimiter(TimeProvider clock, IOptions<AuthOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<IPAddress, Counter> _failures = new();

    /// <summary>When the address may try again, or null when it may now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (address is null || !_failures.TryGetValue(address, out var counter)) return null;
        var now = clock.GetUtcNow();
        if (now - counter.WindowStart >= Window) return null;
        return counter.Count >= options.Value.MaxFailuresPerAddress ? counter.WindowStart + Window - now : null;
    }

    public void Failed(IPAddress? address)
    {
        if (address is null) return;
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(address, _ => new Counter(now, 1),
            (_, c) => now - c.WindowStart >= Window ? new Counter(now, 1) : c with { Count = c.Count + 1 });
        if (_failures.Count > 100_000)
            foreach (var (key, c) in _failures)
                if (now - c.WindowStart >= Window) _failures.TryRemove(key, out _);
    }

    private sealed record Counter(DateTimeOffset WindowStart, int Count);
}
