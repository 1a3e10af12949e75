using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Authentication;

/// <summary>Server side of Digest authentication (RFC 3261 §22, RFC 8760): challenges and stateless verification.</summary>
/// <remarks>
/// <para>A nonce is the issue time, 8 random bytes and an HMAC-SHA-256 over both and the realm, base64url
/// encoded; any copy of the server holding the same key can check it without shared state, and an expired one is
/// reported as <see cref="DigestOutcome.Stale"/> so the client retries without asking its user again.</para>
/// <para>Being stateless, it cannot detect a replayed nonce count within the nonce lifetime; keep the lifetime
/// short (the default is 5 minutes).</para>
/// </remarks>
public sealed class DigestAuthenticator
{
    private const int PayloadLength = 16;
    private const int MacLength = 16;

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly ISipRandom _random;

    /// <summary>Creates an authenticator whose nonces are signed with <paramref name="key"/>.</summary>
    /// <remarks>The key is shared by every server that must accept the nonces; 32 random bytes is right.</remarks>
    public DigestAuthenticator(byte[] key, TimeProvider time, ISipRandom random, TimeSpan? nonceLifetime = null,
        IReadOnlyList<DigestAlgorithm>? algorithms = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 16)
        {
            throw new ArgumentException("The nonce key must be at least 16 bytes.", nameof(key));
        }

        _key = key;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        NonceLifetime = nonceLifetime ?? TimeSpan.FromMinutes(5);
        Algorithms = algorithms ?? [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];
    }

    public TimeSpan NonceLifetime { get; }

    /// <summary>The algorithms offered, most preferred first (RFC 8760 §2.4 wants SHA-256 before MD5).</summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; }

    public DigestChallenge CreateChallenge(string realm, DigestAlgorithm algorithm, bool stale = false) =>
        new() { Realm = realm, Nonce = IssueNonce(realm), Algorithm = algorithm, Stale = stale, Qop = ["auth"] };

    /// <summary>A 401 (or 407 for a proxy) carrying one challenge per offered algorithm.</summary>
    public SipResponseBuilder Challenge(SipRequest request, string realm, bool stale = false, string? toTag = null,
        bool proxy = false)
    {
        var response = SipResponseBuilder.ForRequest(request,
            proxy ? SipStatusCodes.ProxyAuthenticationRequired : SipStatusCodes.Unauthorized, null, toTag);
        var header = proxy ? KnownHeader.ProxyAuthenticate : KnownHeader.WwwAuthenticate;
        var nonce = IssueNonce(realm);
        foreach (var algorithm in Algorithms)
        {
            response.AddHeader(header, new DigestChallenge
            {
                Realm = realm, Nonce = nonce, Algorithm = algorithm, Stale = stale, Qop = ["auth"],
            }.ToString());
        }

        return response;
    }

    /// <summary>Checks the request's credentials for <paramref name="realm"/>; <paramref name="findSecret"/> gives null for an unknown user.</summary>
    public DigestOutcome Authenticate(SipRequest request, string realm, Func<string, DigestSecret?> findSecret,
        out string? username, bool proxy = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(findSecret);
        username = null;
        var malformed = false;
        foreach (var value in request.GetHeaderValues(proxy ? KnownHeader.ProxyAuthorization : KnownHeader.Authorization))
        {
            if (!DigestCredentials.TryParse(value, out var credentials))
            {
                malformed = true;
                continue;
            }

            if (!credentials!.Realm.Equals(realm, StringComparison.Ordinal))
            {
                continue;
            }

            username = credentials.Username;
            return findSecret(credentials.Username) is { } secret
                ? Verify(request.Method, request.RequestUriText, credentials, realm, secret)
                : DigestOutcome.Invalid;
        }

        return malformed ? DigestOutcome.Malformed : DigestOutcome.Missing;
    }

    /// <summary>Checks one set of credentials against the secret, the nonce and the request line.</summary>
    public DigestOutcome Verify(SipMethod method, string requestUri, DigestCredentials credentials, string realm,
        DigestSecret secret)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(credentials);
        if (!credentials.Realm.Equals(realm, StringComparison.Ordinal)
            || !credentials.Uri.Equals(requestUri, StringComparison.Ordinal)
            || !Algorithms.Contains(credentials.Algorithm)
            || (credentials.Qop is not null && (!credentials.Qop.Equals("auth", StringComparison.OrdinalIgnoreCase)
                || credentials.Cnonce is null || credentials.NonceCount is null))
            || !TryReadNonce(credentials.Nonce, realm, out var issued)
            || secret.Ha1For(credentials.Algorithm, credentials.Username, realm) is not { } ha1)
        {
            return DigestOutcome.Invalid;
        }

        var expected = DigestHash.ComputeResponse(credentials.Algorithm, ha1, credentials.Nonce, credentials.NonceCount,
            credentials.Cnonce, credentials.Qop, method.Name, credentials.Uri);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected),
                Encoding.ASCII.GetBytes(credentials.Response.ToLowerInvariant())))
        {
            return DigestOutcome.Invalid;
        }

        var age = _time.GetUtcNow() - issued;
        return age > NonceLifetime || age < -TimeSpan.FromMinutes(1) ? DigestOutcome.Stale : DigestOutcome.Valid;
    }

    /// <summary>A fresh nonce for <paramref name="realm"/>.</summary>
    public string IssueNonce(string realm)
    {
        Span<byte> nonce = stackalloc byte[PayloadLength + MacLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        _random.NextBytes(nonce[8..PayloadLength]);
        Mac(nonce[..PayloadLength], realm, nonce[PayloadLength..]);
        return Base64Url.EncodeToString(nonce);
    }

    private bool TryReadNonce(string text, string realm, out DateTimeOffset issued)
    {
        issued = default;
        Span<byte> nonce = stackalloc byte[PayloadLength + MacLength + 3];
        if (text.Length > 64 || !Base64Url.TryDecodeFromChars(text, nonce, out var length) || length != PayloadLength + MacLength)
        {
            return false;
        }

        Span<byte> mac = stackalloc byte[MacLength];
        Mac(nonce[..PayloadLength], realm, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, nonce[PayloadLength..(PayloadLength + MacLength)]))
        {
            return false;
        }

        issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(nonce));
        return true;
    }

    private void Mac(ReadOnlySpan<byte> payload, string realm, Span<byte> destination)
    {
        var realmBytes = Encoding.UTF8.GetBytes(realm);
        var input = new byte[payload.Length + realmBytes.Length];
        payload.CopyTo(input);
        realmBytes.CopyTo(input.AsSpan(payload.Length));
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, full);
        full[..MacLength].CopyTo(destination);
    }
}
