using System.Security.Cryptography;

namespace Tollgate.Sip.Authentication;

/// <summary>The digest computations of RFC 2617 §3.2.2 and RFC 8760 §2.4 (qop=auth and no qop).</summary>
public static class DigestHash
{
    /// <summary>HA1 = H(username:realm:password), the value a server may store instead of the password.</summary>
    public static string ComputeHa1(DigestAlgorithm algorithm, string username, string realm, string password) =>
        Hash(algorithm, $"{username}:{realm}:{password}");

    /// <summary>The request-digest ("response") for a stored HA1.</summary>
    /// <remarks>For "-sess" algorithms <paramref name="ha1"/> is the plain H(username:realm:password); the session
    /// HA1 is derived here from the nonce and cnonce.</remarks>
    public static string ComputeResponse(DigestAlgorithm algorithm, string ha1, string nonce, string? nonceCount,
        string? cnonce, string? qop, string method, string digestUri)
    {
        if (algorithm.IsSession())
        {
            ha1 = Hash(algorithm, $"{ha1}:{nonce}:{cnonce}");
        }

        var ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nonceCount}:{cnonce}:{qop}:{ha2}");
    }

    private static string Hash(DigestAlgorithm algorithm, string text)
    {
        var input = Encoding.UTF8.GetBytes(text);
        Span<byte> digest = stackalloc byte[32];
        var length = algorithm is DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess
            ? MD5.HashData(input, digest)
            : SHA256.HashData(input, digest);
        return Convert.ToHexStringLower(digest[..length]);
    }
}
