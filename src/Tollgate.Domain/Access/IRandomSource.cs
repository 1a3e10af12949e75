using System.Security.Cryptography;

namespace Tollgate.Domain.Access;

/// <summary>The one source of randomness: tokens, generated passwords, SIP tags and branches.</summary>
/// <remarks>Injected so tests can make it repeatable; the default is the operating system's CSPRNG.</remarks>
public interface IRandomSource
{
    void Fill(Span<byte> buffer);

    /// <summary>A URL-safe random token carrying <paramref name="bytes"/> bytes of entropy.</summary>
    string Token(int bytes = 32)
    {
        Span<byte> buffer = stackalloc byte[bytes];
        Fill(buffer);
        return Convert.ToBase64String(buffer).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>A password a person can type: letters and digits without look-alikes.</summary>
    string Password(int length = 16)
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[length];
        Span<byte> one = stackalloc byte[1];
        for (var i = 0; i < length;)
        {
            Fill(one);
            // Rejection sampling keeps every character equally likely.
            if (one[0] >= 256 - 256 % alphabet.Length) continue;
            chars[i++] = alphabet[one[0] % alphabet.Length];
        }
        return new string(chars);
    }
}

/// <summary>Randomness from <see cref="RandomNumberGenerator"/>.</summary>
public sealed class SystemRandomSource : IRandomSource
{
    public static SystemRandomSource Instance { get; } = new();

    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);
}
