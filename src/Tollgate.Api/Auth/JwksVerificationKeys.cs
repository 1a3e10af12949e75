using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Api.Auth;

/// <summary>Token verification keys fetched from the api role's JSON Web Key Set (<c>/.well-known/jwks.json</c>).</summary>
/// <remarks>
/// <para>
/// The set is fetched on first use and kept. It is fetched again when a token names a key id the set does not hold
/// (the api's key was replaced) and when it is older than <see cref="AuthOptions.JwksRefreshSeconds"/>; but never more
/// often than once per <see cref="AuthOptions.JwksMinRefreshSeconds"/>, so a flood of tokens with made-up key ids
/// cannot make this process hammer the api. One fetch serves every request waiting for it.
/// </para>
/// <para>
/// A failed fetch keeps the keys already known (a short outage of the api does not stop this process). With no key
/// known at all, lookups answer <see cref="KeyLookup.Unavailable"/> and requests get 503, not 401: the token is not
/// at fault.
/// </para>
/// <para>Only P-256 keys for signatures (<c>kty</c> EC, <c>crv</c> P-256, <c>use</c> sig or absent, <c>alg</c> ES256 or absent) are taken.</para>
/// </remarks>
public sealed partial class JwksVerificationKeys : IVerificationKeys, IDisposable
{
    /// <summary>A key set is a few hundred bytes; anything much larger is not one.</summary>
    private const int MaxBytes = 64 * 1024;

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxAge;
    private readonly TimeSpan _minInterval;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile KeySet? _keys;
    private long _lastAttemptTicks = DateTime.MinValue.Ticks;
    private string? _lastFailure;

    public JwksVerificationKeys(Uri url, TimeProvider clock, TimeSpan maxAge, TimeSpan minInterval, ILogger<JwksVerificationKeys> log,
        HttpMessageHandler? handler = null)
    {
        _url = url;
        _clock = clock;
        _maxAge = maxAge;
        _minInterval = minInterval;
        _log = log;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(10),
            MaxResponseContentBufferSize = MaxBytes,
        };
    }

    /// <summary>How many times the set was fetched (successfully or not): what the rate limit bounds.</summary>
    public int Fetches { get; private set; }

    public string Describe() => $"keys from {_url}";

    public async ValueTask<KeyLookup> FindAsync(string? keyId, CancellationToken ct)
    {
        var keys = _keys;
        if (keys is not null && Fits(keys, keyId, Now())) return keys.Lookup;
        if (!MayFetch(Now())) return keys?.Lookup ?? KeyLookup.None(Unreachable());

        await _fetching.WaitAsync(ct);
        try
        {
            // Whoever held the lock before may just have fetched what this request needs.
            keys = _keys;
            var now = Now();
            if (keys is not null && Fits(keys, keyId, now)) return keys.Lookup;
            if (!MayFetch(now)) return keys?.Lookup ?? KeyLookup.None(Unreachable());
            Interlocked.Exchange(ref _lastAttemptTicks, now.Ticks);
            Fetches++;
            try
            {
                keys = await FetchAsync(now);
                _keys = keys;
                _lastFailure = null;
                LogFetched(_log, keys.Lookup.Keys.Count, _url);
                return keys.Lookup;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException or ArgumentException
                                           or System.Text.Json.JsonException or CryptographicException)
            {
                _lastFailure = e is TaskCanceledException ? "it did not answer within 10 seconds" : e.Message;
                LogFailed(_log, _url, _lastFailure, _keys is not null);
                return _keys?.Lookup ?? KeyLookup.None(Unreachable());
            }
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _fetching.Dispose();
    }

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private bool Fits(KeySet keys, string? keyId, DateTime now) =>
        now - keys.FetchedAt < _maxAge && (keyId is null || keys.Ids.Contains(keyId));

    private bool MayFetch(DateTime now) => now - new DateTime(Interlocked.Read(ref _lastAttemptTicks), DateTimeKind.Utc) >= _minInterval;

    private string Unreachable() =>
        $"The keys that verify access tokens could not be fetched from {_url}" + (_lastFailure is null ? "." : $": {_lastFailure}.");

    private async Task<KeySet> FetchAsync(DateTime now)
    {
        using var response = await _http.GetAsync(_url);
        if (!response.IsSuccessStatusCode) throw new InvalidDataException($"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
        var text = await response.Content.ReadAsStringAsync();
        var set = new JsonWebKeySet(text);
        var keys = new List<SecurityKey>();
        foreach (var jwk in set.Keys)
        {
            if (jwk.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve || jwk.Crv != JsonWebKeyECTypes.P256) continue;
            if (jwk.Use is { Length: > 0 } use && use != JsonWebKeyUseNames.Sig) continue;
            if (jwk.Alg is { Length: > 0 } alg && alg != SecurityAlgorithms.EcdsaSha256) continue;
            var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
            });
            // A factory per key, as SigningKeys does: the shared one caches providers by key id across instances.
            keys.Add(new ECDsaSecurityKey(ecdsa) { KeyId = jwk.Kid, CryptoProviderFactory = new CryptoProviderFactory() });
        }
        if (keys.Count == 0) throw new InvalidDataException("its key set holds no ES256 (P-256) signing key");
        return new KeySet(new KeyLookup(keys), keys.Select(k => k.KeyId).OfType<string>().ToHashSet(StringComparer.Ordinal), now);
    }

    private sealed record KeySet(KeyLookup Lookup, HashSet<string> Ids, DateTime FetchedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} token verification key(s) from {Url}")]
    private static partial void LogFetched(ILogger logger, int count, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch token verification keys from {Url}: {Reason} (keeping the known keys: {KeepsOld})")]
    private static partial void LogFailed(ILogger logger, Uri url, string reason, bool keepsOld);
}
