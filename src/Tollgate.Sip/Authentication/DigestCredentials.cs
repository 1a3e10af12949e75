using System.Globalization;

namespace Tollgate.Sip.Authentication;

/// <summary>Digest credentials: the value of Authorization or Proxy-Authorization (RFC 3261 §22.4, RFC 8760).</summary>
public sealed record DigestCredentials
{
    public required string Username { get; init; }

    public required string Realm { get; init; }

    public required string Nonce { get; init; }

    /// <summary>The digest-uri, which must be the Request-URI the credentials were made for.</summary>
    public required string Uri { get; init; }

    public required string Response { get; init; }

    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    public string? Cnonce { get; init; }

    public string? Opaque { get; init; }

    /// <summary>"auth", or null for the RFC 2069 form without qop.</summary>
    public string? Qop { get; init; }

    /// <summary>nc as 8 hex digits, present with qop.</summary>
    public string? NonceCount { get; init; }

    public static bool TryParse(string value, out DigestCredentials? credentials)
    {
        credentials = null;
        if (!AuthParameters.TryParse(value, out var p, out _) || !p!.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase)
            || p["username"] is not { } username || p["realm"] is not { } realm || p["nonce"] is not { } nonce
            || p["uri"] is not { } uri || p["response"] is not { } response
            || DigestAlgorithmNames.FromName(p["algorithm"]) is not { } algorithm)
        {
            return false;
        }

        var nc = p["nc"];
        if (nc is not null && (nc.Length != 8 || !uint.TryParse(nc, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        credentials = new DigestCredentials
        {
            Username = username,
            Realm = realm,
            Nonce = nonce,
            Uri = uri,
            Response = response,
            Algorithm = algorithm,
            Cnonce = p["cnonce"],
            Opaque = p["opaque"],
            Qop = p["qop"],
            NonceCount = nc,
        };
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder("Digest username=").Append(Syntax.Lex.Quote(Username))
            .Append(", realm=").Append(Syntax.Lex.Quote(Realm))
            .Append(", nonce=").Append(Syntax.Lex.Quote(Nonce))
            .Append(", uri=").Append(Syntax.Lex.Quote(Uri))
            .Append(", response=").Append(Syntax.Lex.Quote(Response))
            .Append(", algorithm=").Append(Algorithm.ToName());
        if (Qop is not null)
        {
            sb.Append(", qop=").Append(Qop).Append(", nc=").Append(NonceCount).Append(", cnonce=").Append(Syntax.Lex.Quote(Cnonce ?? ""));
        }

        if (Opaque is not null)
        {
            sb.Append(", opaque=").Append(Syntax.Lex.Quote(Opaque));
        }

        return sb.ToString();
    }
}
