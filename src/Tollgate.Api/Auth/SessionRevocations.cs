using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Data;

namespace Tollgate.Api.Auth;

/// <summary>Answers "is this session still good?" for every authenticated request, cheaply.</summary>
/// <remarks>
/// The answer is read from the database at most once per <see cref="AuthOptions.RevocationCheckSeconds"/> per session
/// and process; a revocation made in this process is seen at once, one made by another process within that interval.
/// A session whose owner's validity has ended (<c>ValidUntil</c>) is refused from that instant, without any event.
/// </remarks>
public sealed class SessionRevocations(TollgateDbFactory databases, TimeProvider clock, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Entry> _cache = new();

    public async ValueTask<bool> IsActiveAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!_cache.TryGetValue(sessionId, out var entry) || entry.CheckedAt.AddSeconds(options.Value.RevocationCheckSeconds) <= now)
        {
            await using var db = databases.CreateSystem();
            var state = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId)
                .Select(s => new { s.RevokedAt, s.ValidUntil }).FirstOrDefaultAsync(ct);
            entry = new Entry(state is not null && state.RevokedAt is null, state?.ValidUntil, now);
            if (_cache.Count > 50_000) Prune(now);
            _cache[sessionId] = entry;
        }
        return entry.Active && (entry.ValidUntil is null || now < entry.ValidUntil);
    }

    /// <summary>Forgets what this process knows of these sessions, so the next request reads their state again.</summary>
    /// <remarks>
    /// Called when sessions are revoked here; other processes learn it from the database within the check interval.
    /// Forgetting (rather than caching "revoked") stays correct even if the revoking transaction rolls back.
    /// </remarks>
    public void Forget(IEnumerable<Guid> sessionIds)
    {
        foreach (var id in sessionIds) _cache.TryRemove(id, out _);
    }

    private void Prune(DateTime now)
    {
        var stale = now.AddSeconds(-options.Value.RevocationCheckSeconds);
        foreach (var (id, entry) in _cache)
            if (entry.CheckedAt < stale) _cache.TryRemove(id, out _);
    }

    private readonly record struct Entry(bool Active, DateTime? ValidUntil, DateTime CheckedAt);
}
