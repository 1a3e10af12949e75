using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Api.Auth;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Credentials;

/// <summary>Issues and checks single-use links that let the owner of a credential set its password.</summary>
/// <remarks>
/// A link works once and for <see cref="PortalOptions.SetPasswordLinkHours"/> hours on the injected clock. Issuing a
/// new link, or using one, makes every older unused link of the same credential stop working. Only the SHA-256 of
/// the token is stored.
/// </remarks>
public sealed class SetPasswordTokens(IRandomSource random, TimeProvider clock, IOptions<PortalOptions> portal)
{
    /// <summary>A new link for a saved credential; the token is returned once, for the e-mail.</summary>
    public async Task<IssuedLink> IssueAsync(TollgateDb db, Credential credential, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await RetireAsync(db, credential.Id, now, ct);
        var token = random.Token();
        var expires = now.AddHours(portal.Value.SetPasswordLinkHours);
        db.Set<SetPasswordToken>().Add(new SetPasswordToken
        {
            CredentialId = credential.Id, TokenHash = SignInService.HashToken(token), CreatedAt = now, ExpiresAt = expires,
        });
        return new IssuedLink($"{portal.Value.Url.TrimEnd('/')}/set-password?token={Uri.EscapeDataString(token)}", expires);
    }

    /// <summary>
    /// The usable link for a token, locked for this transaction, or the problem that says why it cannot be used.
    /// Call inside <see cref="TollgateDb.BeginWriteAsync"/>.
    /// </summary>
    public async Task<(SetPasswordToken? Link, Problem? Problem)> FindUsableAsync(TollgateDb db, string token, CancellationToken ct)
    {
        var hash = SignInService.HashToken(token);
        var id = await db.Set<SetPasswordToken>().Where(t => t.TokenHash == hash).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (id is null) return (null, Invalid("This link is not known. Use the newest link you received, or ask for a new one."));
        await db.LockForUpdateAsync<SetPasswordToken>(id.Value, ct);
        var link = await db.Set<SetPasswordToken>().FirstAsync(t => t.Id == id, ct);
        if (link.UsedAt is not null) return (null, Invalid("This link was already used or replaced by a newer one; ask for a new one."));
        if (link.ExpiresAt <= clock.GetUtcNow().UtcDateTime) return (null, Invalid("This link has expired; ask for a new one."));
        return (link, null);
    }

    /// <summary>Marks every unused link of a credential as used (a password was set, or a newer link was sent).</summary>
    public async Task RetireAsync(TollgateDb db, long credentialId, DateTime now, CancellationToken ct)
    {
        foreach (var old in await db.Set<SetPasswordToken>().Where(t => t.CredentialId == credentialId && t.UsedAt == null).ToListAsync(ct))
            old.UsedAt = now;
    }

    private static Problem Invalid(string reason) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.InvalidSetPasswordToken, "The set-password link cannot be used.", reason)
        {
            Errors = new Dictionary<string, string[]> { ["token"] = [reason] },
        };
}

/// <summary>A set-password link as it goes into an e-mail, and when it stops working.</summary>
public sealed record IssuedLink(string Url, DateTime ExpiresAt);
