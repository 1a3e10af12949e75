using System.Globalization;

namespace Tollgate.Sip.Authentication;

/// <summary>A Digest challenge: the value of WWW-Authenticate or Proxy-Authenticate (RFC 3261 §22.4, RFC 8760).</summary>
public sealed record DigestChallenge
{
    public required string Realm { get; init; }

    public required string Nonce { get; init; }

    public DigestAlgorithm Algorithm { get; init; } = DigestAlgorithm.Md5;

    public string? Opaque { get; init; }

    /// <summary>The qop options offered; "auth" is the one this library uses.</summary>
    public IReadOnlyList<string> Qop { get; init; } = ["auth"];

    /// <summary>True when the previous credentials were right but their nonce had expired (RFC 2617 §3.2.1).</summary>
    public bool Stale { get; init; }

    public string? Domain { get; init; }

    /// <summary>Parses a header value; false for non-Digest schemes, unknown algorithms, or missing realm/nonce.</summary>
    public static bool TryParse(string value, out DigestChallenge? challenge)
    {
        challenge = null;
        if (!AuthParameters.TryParse(value, out var p, out _) || !p!.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase)
            || p["realm"] is not { } realm || p["nonce"] is not { } nonce
            || DigestAlgorithmNames.FromName(p["algorithm"]) is not { } algorithm)
        {
            return false;
        }

        challenge = new DigestChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Algorithm = algorithm,
            Opaque = p["opaque"],
            Qop = p["qop"]?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [],
            Stale = string.Equals(p["stale"], "true", StringComparison.OrdinalIgnoreCase),
            Domain = p["domain"],
        };
        return true;
    }

    public override string ToString()
    {
        var sb = new StringBuilder("Digest realm=").Append(Syntax.Lex.Quote(Realm))
            .Append(", nonce=").Append(Syntax.Lex.Quote(Nonce))
            .Append(", algorithm=").Append(Algorithm.ToName());
        if (Qop.Count > 0)
        {
            sb.Append(", qop=").Append(Syntax.Lex.Quote(string.Join(',', Qop)));
        }

        if (Opaque is not null)
        {
            sb.Append(", opaque=").Append(Syntax.Lex.Quote(Opaque));
        }

        if (Domain is not null)
        {
            sb.Append(", domain=").Append(Syntax.Lex.Quote(Domain));
        }

        if (Stale)
        {
            sb.Append(", stale=TRUE");
        }

        return sb.ToString();
    }

    internal bool OffersAuth => Qop.Any(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase));

    internal static string FormatNonceCount(uint nc) => nc.ToString("x8", CultureInfo.InvariantCulture);
}
