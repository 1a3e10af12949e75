using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Access;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Auth;

/// <summary>Writes signed access tokens for sessions.</summary>
/// <remarks>
/// The key is asked for only when a token is written: sign-in services are part of every process (creating the first
/// administrator uses them), but only a process with the api role has the key and issues tokens.
/// </remarks>
public sealed class TokenIssuer(Func<SigningKeys> keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    public TokenIssuer(SigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock) : this(() => keys, options, clock)
    {
    }

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public int LifetimeSeconds => options.Value.AccessTokenSeconds;

    public string Issue(Session session, string login)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = $"{session.Owner.ToString().ToLowerInvariant()}:{session.OwnerId}",
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [TokenClaims.Realm] = session.Realm.WireName(),
            [TokenClaims.Owner] = session.Owner.ToString().ToLowerInvariant(),
            [TokenClaims.OwnerId] = session.OwnerId,
            [TokenClaims.Session] = session.Id.ToString(),
            [TokenClaims.Login] = login,
        };
        if (session.ResellerId is { } r) claims[TokenClaims.Reseller] = r;
        if (session.CustomerId is { } c) claims[TokenClaims.Customer] = c;
        if (session.AccountId is { } a) claims[TokenClaims.Account] = a;

        var expires = now.AddSeconds(LifetimeSeconds);
        if (session.ValidUntil is { } until && until < expires) expires = until;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            Claims = claims,
            SigningCredentials = keys().Credentials,
        });
    }
}
