using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Auth;

/// <summary>The tokens handed to a client after sign-in or refresh.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary>Sign-in, token refresh and sign-out for every realm.</summary>
/// <remarks>
/// <para>
/// An unknown login and a wrong password get the same answer and take the same time. Wrong passwords in a row lock
/// the login with a doubling delay (30 s, 1 min, 2 min … at most 15 min); the count resets on success. An owner that
/// may not sign in (closed, not yet valid) is told so only after the right password.
/// </para>
/// <para>
/// Refresh tokens are single-use: each refresh returns a new one. Presenting an already-used refresh token revokes the
/// session, because only a thief or a replay would do that.
/// </para>
/// </remarks>
public sealed partial class SignInService(
    TollgateDbFactory databases,
    IEnumerable<ICredentialOwnerResolver> resolvers,
    PasswordHasher hasher,
    TokenIssuer tokens,
    SessionRevocations revocations,
    AddressLimiter addresses,
    IRandomSource random,
    TimeProvider clock,
    IOptions<AuthOptions> options,
    ILogger<SignInService> log)
{
    private readonly Dictionary<CredentialOwner, ICredentialOwnerResolver> _resolvers = resolvers.ToDictionary(r => r.Owner);

    public async Task<(TokenPair? Tokens, Problem? Problem)> SignInAsync(
        Realm realm, string login, string password, IPAddress? address, CancellationToken ct)
    {
        if (addresses.RetryAfter(address) is { } wait) return (null, TooMany(wait));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = databases.CreateSystem();
        var key = Credential.KeyOf(login);
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.Realm == realm && c.LoginKey == key, ct);
        if (credential is null || credential.PasswordHash is null)
        {
            hasher.SpendEquivalentTime(password);
            addresses.Failed(address);
            LogFailed(log, realm.WireName(), "unknown login or no password set");
            return (null, InvalidCredentials());
        }
        if (credential.LockedUntil is { } locked && locked > now) return (null, TooMany(locked - now));

        if (!hasher.Verify(password, credential.PasswordHash))
        {
            credential.FailedAttempts++;
            var max = options.Value.MaxFailedAttempts;
            if (credential.FailedAttempts >= max)
            {
                var seconds = Math.Min(900, 30 * Math.Pow(2, credential.FailedAttempts - max));
                credential.LockedUntil = now.AddSeconds(seconds);
            }
            await db.SaveChangesAsync(ct);
            addresses.Failed(address);
            LogFailed(log, realm.WireName(), $"wrong password, {credential.FailedAttempts} in a row");
            return (null, InvalidCredentials());
        }

        var owner = await ResolveAsync(db, credential, now, ct);
        if (owner is null) return (null, InvalidCredentials());
        if (owner.Refusal is not null) return (null, owner.Refusal);

        credential.FailedAttempts = 0;
        credential.LockedUntil = null;
        if (hasher.NeedsRehash(credential.PasswordHash)) credential.PasswordHash = hasher.Hash(password);

        var refresh = random.Token();
        var session = new Session
        {
            Id = Guid.NewGuid(),
            CredentialId = credential.Id,
            Realm = realm,
            Owner = credential.Owner,
            OwnerId = credential.OwnerId,
            ResellerId = owner.ResellerId,
            CustomerId = owner.CustomerId,
            AccountId = owner.AccountId,
            RefreshTokenHash = Hash(refresh),
            CreatedAt = now,
            RefreshedAt = now,
            ExpiresAt = now.AddDays(options.Value.RefreshTokenDays),
            ValidUntil = owner.ValidUntil,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return (new TokenPair(tokens.Issue(session, credential.Login), refresh, tokens.LifetimeSeconds), null);
    }

    public async Task<(TokenPair? Tokens, Problem? Problem)> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(refreshToken);
        await using var db = databases.CreateSystem();
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.RefreshTokenHash == hash, ct);
        if (session is null)
        {
            var replayed = await db.Sessions.FirstOrDefaultAsync(s => s.PreviousRefreshTokenHash == hash && s.RevokedAt == null, ct);
            if (replayed is not null)
            {
                await RevokeAsync(db, [replayed], "refresh token reused", now, ct);
                LogReuse(log, replayed.Id);
            }
            return (null, InvalidRefresh());
        }
        if (session.RevokedAt is not null || session.ExpiresAt <= now) return (null, InvalidRefresh());

        var credential = await db.Credentials.FirstAsync(c => c.Id == session.CredentialId, ct);
        var owner = await ResolveAsync(db, credential, now, ct);
        if (owner?.Refusal is not null || owner is null)
        {
            await RevokeAsync(db, [session], "owner may no longer sign in", now, ct);
            return (null, owner?.Refusal ?? InvalidRefresh());
        }

        var next = random.Token();
        session.PreviousRefreshTokenHash = session.RefreshTokenHash;
        session.RefreshTokenHash = Hash(next);
        session.RefreshedAt = now;
        session.ExpiresAt = now.AddDays(options.Value.RefreshTokenDays);
        session.ValidUntil = owner.ValidUntil;
        await db.SaveChangesAsync(ct);
        return (new TokenPair(tokens.Issue(session, credential.Login), next, tokens.LifetimeSeconds), null);
    }

    /// <summary>Ends one session: its refresh token and every access token issued for it stop working.</summary>
    public async Task SignOutAsync(Guid sessionId, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        var sessions = await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null).ToListAsync(ct);
        await RevokeAsync(db, sessions, "signed out", clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>
    /// Marks every session of one owner revoked (password or role changed, owner closed or deleted); the caller's
    /// <c>SaveChanges</c> makes it durable, in the same transaction as the change that caused it.
    /// </summary>
    public async Task RevokeAllAsync(TollgateDb db, CredentialOwner owner, long ownerId, string reason, CancellationToken ct, Guid? keep = null)
    {
        var sessions = await db.Sessions
            .Where(s => s.Owner == owner && s.OwnerId == ownerId && s.RevokedAt == null && s.Id != keep).ToListAsync(ct);
        Mark(db, sessions, reason, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Ends every session that acts for a customer: its main login's, its individuals' and its accounts'.</summary>
    public async Task RevokeCustomerAsync(TollgateDb db, long customerId, string reason, CancellationToken ct)
    {
        var sessions = await db.Sessions.Where(s => s.CustomerId == customerId && s.RevokedAt == null).ToListAsync(ct);
        Mark(db, sessions, reason, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// Gives an owner's live sessions a new end of validity (an individual's expiration date or zone changed); their
    /// tokens are refused from that instant. Committed with the caller's <c>SaveChanges</c>.
    /// </summary>
    public async Task SetValidUntilAsync(TollgateDb db, CredentialOwner owner, long ownerId, DateTime? validUntil, CancellationToken ct)
    {
        var sessions = await db.Sessions.Where(s => s.Owner == owner && s.OwnerId == ownerId && s.RevokedAt == null).ToListAsync(ct);
        foreach (var s in sessions) s.ValidUntil = validUntil;
        revocations.Forget(sessions.Select(s => s.Id));
        db.AfterCommit(() => revocations.Forget(sessions.Select(s => s.Id)));
    }

    private async Task RevokeAsync(TollgateDb db, IReadOnlyCollection<Session> sessions, string reason, DateTime now, CancellationToken ct)
    {
        if (sessions.Count == 0) return;
        Mark(db, sessions, reason, now);
        await db.SaveChangesAsync(ct);
        revocations.Forget(sessions.Select(s => s.Id));
    }

    private void Mark(TollgateDb db, IReadOnlyCollection<Session> sessions, string reason, DateTime now)
    {
        foreach (var s in sessions)
        {
            s.RevokedAt = now;
            s.RevokedReason = reason;
        }
        // Drop what this process remembers, so the next request reads the revocation from the database; and again
        // once committed, in case a request read the old state in between.
        var ids = sessions.Select(s => s.Id).ToList();
        revocations.Forget(ids);
        db.AfterCommit(() => revocations.Forget(ids));
    }

    private Task<OwnerState?> ResolveAsync(TollgateDb db, Credential credential, DateTime now, CancellationToken ct) =>
        _resolvers.TryGetValue(credential.Owner, out var resolver)
            ? resolver.ResolveAsync(db, credential.OwnerId, now, ct)
            : Task.FromResult<OwnerState?>(null);

    private static string Hash(string token) => HashToken(token);

    /// <summary>How single-use tokens (refresh tokens, set-password links) are stored: hex SHA-256, never the token itself.</summary>
    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static Problem InvalidCredentials() =>
        new(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "Sign-in failed.", "The login or the password is wrong.");

    private static Problem InvalidRefresh() =>
        new(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidRefreshToken, "The refresh token is not valid.",
            "The refresh token is unknown, already used, expired or revoked; sign in again.");

    private static Problem TooMany(TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        return new Problem(StatusCodes.Status429TooManyRequests, ProblemTypes.TooManySignInAttempts, "Too many failed sign-ins.",
            $"Try again in {seconds} seconds.")
        { Extensions = new Dictionary<string, object?> { ["retryAfter"] = seconds.ToString(CultureInfo.InvariantCulture) } };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed in realm {Realm}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string realm, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse detected; session {SessionId} revoked")]
    private static partial void LogReuse(ILogger logger, Guid sessionId);
}
