using System.Security.Cryptography;

namespace Tollgate.Sip;

/// <summary>Randomness from the operating system's CSPRNG, as RFC 3261 §19.3 asks of tags and Call-IDs.</summary>
public sealed class CryptoSipRandom : ISipRandom
{
    public static CryptoSipRandom Instance { get; } = new();

    public void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    public int NextInt(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);
}
