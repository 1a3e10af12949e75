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
/// <para>
/// On a miss the keys come from <paramref name="keys"/>, looked up by the token's <c>kid</c>: this process's own key,
/// or the api's published key set in a process that does not sign tokens.
/// </para>
/// </remarks>
public sealed class CachingTokenHandler(TimeProvider clock, TimeSpan skew, IVerificationKeys keys, int capacity = 100_000) : TokenHandler
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

        var lookup = await keys.FindAsync(KeyIdOf(token), CancellationToken.None);
        if (lookup.Unavailable is { } why) return new TokenValidationResult { IsValid = false, Exception = new TokenKeysUnavailableException(why) };
        var parameters = validationParameters.Clone();
        parameters.IssuerSigningKeys = lookup.Keys;
        var result = await _inner.ValidateTokenAsync(token, parameters);
        if (result.IsValid)
        {
            if (_valid.Count >= capacity) Evict();
            _valid[token] = result;
        }
        return result;
    }

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    /// <summary>The <c>kid</c> of a token's header, or null when it has none or is not a JWT (full validation then says why).</summary>
    private string? KeyIdOf(string token)
    {
        if (!_inner.CanReadToken(token)) return null;
        try
        {
            return _inner.ReadJsonWebToken(token).Kid is { Length: > 0 } kid ? kid : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private void Evict()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (token, result) in _valid)
            if (result.SecurityToken.ValidTo + skew <= now) _valid.TryRemove(token, out _);
        if (_valid.Count >= capacity) _valid.Clear();
    }
}
