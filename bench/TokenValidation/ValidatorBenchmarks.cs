using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Auth;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Bench.TokenValidation;

/// <summary>
/// What verifying an access token costs per request: the cache hit every request after the first pays, the full ES256
/// validation a token's first request pays (with this process's key, and with a key from the api's key set as a
/// separately started process has it), and the refusal of a tampered token.
/// </summary>
/// <remarks>
/// The handler is the one the API runs (<see cref="CachingTokenHandler"/> with <see cref="AuthServices.TokenValidation"/>).
/// "Cold" builds a fresh handler per operation, so nothing is remembered; the few allocations that adds are small next
/// to the signature check. The key set is served from memory, so no network time is counted: it is fetched once per
/// process anyway.
/// </remarks>
[MemoryDiagnoser]
public class ValidatorBenchmarks
{
    private readonly TimeProvider _clock = TimeProvider.System;
    private string _token = "";
    private string _tampered = "";
    private TokenValidationParameters _parameters = null!;
    private TimeSpan _skew;
    private IVerificationKeys _local = null!;
    private IVerificationKeys _jwks = null!;
    private CachingTokenHandler _warm = null!;
    private SigningKeys _keys = null!;

    [GlobalSetup]
    public async Task SetUp()
    {
        var folder = Directory.CreateTempSubdirectory("tollgate-bench-keys-").FullName;
        _keys = SigningKeys.LoadOrCreate(Path.Combine(folder, "key.pem"));
        var auth = new AuthOptions();
        var issuer = new TokenIssuer(_keys, Options.Create(auth), _clock);
        var now = _clock.GetUtcNow().UtcDateTime;
        _token = issuer.Issue(new Session
        {
            Id = Guid.NewGuid(), Realm = Realm.Customer, Owner = CredentialOwner.Individual, OwnerId = 42, ResellerId = 3, CustomerId = 7,
            RefreshTokenHash = "", CreatedAt = now, RefreshedAt = now, ExpiresAt = now.AddDays(1),
        }, "bob");
        var parts = _token.Split('.');
        _tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("\"bob\"", "\"eve\""))}.{parts[2]}";
        _parameters = AuthServices.TokenValidation(auth, _clock, []);
        _skew = _parameters.ClockSkew;
        _local = new LocalVerificationKeys(_keys);
        var jwks = JsonSerializer.Serialize(_keys.Jwks());
        _jwks = new JwksVerificationKeys(new Uri("http://api.invalid/.well-known/jwks.json"), _clock, TimeSpan.FromHours(1), TimeSpan.FromSeconds(10),
            NullLogger<JwksVerificationKeys>.Instance, new KeySetFromMemory(jwks));
        _warm = new CachingTokenHandler(_clock, _skew, _local);
        if (!(await _warm.ValidateTokenAsync(_token, _parameters)).IsValid) throw new InvalidOperationException("the token does not validate");
        if (!(await new CachingTokenHandler(_clock, _skew, _jwks).ValidateTokenAsync(_token, _parameters)).IsValid)
            throw new InvalidOperationException("the token does not validate with the key set");
    }

    [Benchmark(Baseline = true, Description = "warm: token seen before (every request after its first)")]
    public async Task<bool> Warm() => (await _warm.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark(Description = "cold: full ES256 validation, own key (api role)")]
    public async Task<bool> ColdLocalKey() => (await new CachingTokenHandler(_clock, _skew, _local).ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark(Description = "cold: full ES256 validation, key from the api's JWKS (separate process)")]
    public async Task<bool> ColdJwksKey() => (await new CachingTokenHandler(_clock, _skew, _jwks).ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark(Description = "refused: tampered token (never cached)")]
    public async Task<bool> Tampered() => (await _warm.ValidateTokenAsync(_tampered, _parameters)).IsValid;

    [GlobalCleanup]
    public void CleanUp() => _keys.Dispose();

    /// <summary>Answers every request with the key set, as the api's <c>/.well-known/jwks.json</c> would.</summary>
    private sealed class KeySetFromMemory(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
