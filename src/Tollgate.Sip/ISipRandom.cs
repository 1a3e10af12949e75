namespace Tollgate.Sip;

/// <summary>The one source of randomness for tags, branches, Call-IDs, nonces and back-off delays.</summary>
/// <remarks>Production uses <see cref="CryptoSipRandom"/>; tests pass a seeded one to make identifiers repeatable.</remarks>
public interface ISipRandom
{
    /// <summary>Fills the buffer with random bytes.</summary>
    void NextBytes(Span<byte> buffer);

    /// <summary>A uniformly distributed integer from 0 to <paramref name="maxExclusive"/> - 1.</summary>
    int NextInt(int maxExclusive);
}
