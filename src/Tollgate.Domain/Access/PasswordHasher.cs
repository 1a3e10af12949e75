using System.Globalization;
using System.Security.Cryptography;

namespace Tollgate.Domain.Access;

/// <summary>Hashes passwords with PBKDF2-HMAC-SHA256 and verifies them in constant time.</summary>
/// <remarks>
/// The stored form is <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64), so the work factor can rise
/// later without invalidating old hashes: <see cref="NeedsRehash"/> tells when a verified hash should be replaced.
/// The default of 600,000 iterations follows OWASP's 2023 recommendation for this algorithm.
/// </remarks>
public sealed class PasswordHasher(int iterations = PasswordHasher.DefaultIterations)
{
    public const int DefaultIterations = 600_000;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public int Iterations { get; } = iterations >= 1 ? iterations : throw new ArgumentOutOfRangeException(nameof(iterations));

    public string Hash(string password)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public bool Verify(string password, string stored)
    {
        if (!TryDecode(stored, out var iterations, out var salt, out var expected)) return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether a stored hash was made with fewer iterations than this hasher uses now.</summary>
    public bool NeedsRehash(string stored) => !TryDecode(stored, out var iterations, out _, out _) || iterations < Iterations;

    /// <summary>Burns the same work as a verification, so an unknown login takes as long as a wrong password.</summary>
    public void SpendEquivalentTime(string password) =>
        Rfc2898DeriveBytes.Pbkdf2(password, new byte[SaltBytes], Iterations, HashAlgorithmName.SHA256, HashBytes);

    private static bool TryDecode(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1) return false;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return hash.Length > 0;
    }
}
