namespace Tollgate.Sip.Authentication;

/// <summary>What a server knows of a user: the password, or only HA1 for one algorithm.</summary>
public readonly record struct DigestSecret
{
    private DigestSecret(string? password, string? ha1, DigestAlgorithm ha1Algorithm)
    {
        Password = password;
        Ha1 = ha1;
        Ha1Algorithm = ha1Algorithm;
    }

    public string? Password { get; }

    public string? Ha1 { get; }

    public DigestAlgorithm Ha1Algorithm { get; }

    public static DigestSecret FromPassword(string password) => new(password ?? throw new ArgumentNullException(nameof(password)), null, default);

    /// <summary>A stored H(username:realm:password); it verifies only credentials made with the same hash.</summary>
    public static DigestSecret FromHa1(string ha1, DigestAlgorithm algorithm) =>
        new(null, (ha1 ?? throw new ArgumentNullException(nameof(ha1))).ToLowerInvariant(), algorithm);

    internal string? Ha1For(DigestAlgorithm algorithm, string username, string realm)
    {
        if (Password is not null)
        {
            return DigestHash.ComputeHa1(algorithm, username, realm, Password);
        }

        var sameHash = (algorithm is DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess)
            == (Ha1Algorithm is DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess);
        return sameHash ? Ha1 : null;
    }
}
