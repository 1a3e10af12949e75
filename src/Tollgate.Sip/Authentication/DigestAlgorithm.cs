namespace Tollgate.Sip.Authentication;

/// <summary>Digest algorithms of RFC 8760 that this library implements.</summary>
/// <remarks>
/// SHA-512-256 (also in RFC 8760) is not offered: .NET has no SHA-512/256, and peers that support it also support
/// SHA-256. The "-sess" variants hash the nonce and cnonce into HA1.
/// </remarks>
public enum DigestAlgorithm
{
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
}

/// <summary>Names of <see cref="DigestAlgorithm"/> values as the algorithm parameter writes them.</summary>
public static class DigestAlgorithmNames
{
    public static string ToName(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Reads an algorithm name; an absent parameter means MD5 (RFC 3261 §22.4); unknown names give null.</summary>
    public static DigestAlgorithm? FromName(string? name) => name?.ToUpperInvariant() switch
    {
        null => DigestAlgorithm.Md5,
        "MD5" => DigestAlgorithm.Md5,
        "MD5-SESS" => DigestAlgorithm.Md5Sess,
        "SHA-256" => DigestAlgorithm.Sha256,
        "SHA-256-SESS" => DigestAlgorithm.Sha256Sess,
        _ => null,
    };

    internal static bool IsSession(this DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;
}
