using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Api.Auth;

/// <summary>Validates access tokens, and remembers the ones that passed so a token reused for its lifetime is verified once.</summary>
/// <remarks>
/// <para>
/// Clients send the same access token with every request for up to its 15 minutes; checking its ES256 signature each
/// time costs more than the rest of a typical request. A token is remembered only after a full validation succeeded,
/// under its exact text (so the same signature), and only until it expires by the same clock and skew as the full
/// validation. Revocation is not affected: it is checked for every request after this step (see <see cref="SessionRevocations"/>).
/// </para>
/// <para>Each hit hands out a copy of the identity, so nothing a request does to its principal reaches another request.</para>
/// </remarks>
public sealed class CachingTokenHandler(TimeProvider clock, TimeSpan skew, int capacity = 100_000) : TokenHandler
{
    private readonly JsonWebTokenHandler _inner = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, TokenValidationResult> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out var known))
        {
            if (known.SecurityToken.ValidTo + skew > clock.GetUtcNow().UtcDateTime)
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = known.SecurityToken,
                    ClaimsIdentity = known.ClaimsIdentity.Clone(),
                    Issuer = known.Issuer,
                    TokenType = known.TokenType,
                };
            }
            _valid.TryRemove(token, out _);
        }

        var result = await _inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid)
        {
            if (_valid.Count >= capacity) Evict();
            _valid[token] = result;
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    private void Evict()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (token, result) in _valid)
            if (result.SecurityToken.ValidTo + skew <= now) _valid.TryRemove(token, out _);
        if (_valid.Count >= capacity) _valid.Clear();
    }
}
