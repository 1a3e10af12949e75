namespace Tollgate.Sip.Tests.Support;

/// <summary>Repeatable randomness for tests; <see cref="NextIntResults"/> can script the back-off draws.</summary>
public sealed class SeededRandom(int seed = 1) : ISipRandom
{
    private readonly Random _random = new(seed);

    /// <summary>When not empty, NextInt returns these values in order (clamped below the maximum).</summary>
    public Queue<int> NextIntResults { get; } = new();

    public List<int> NextIntMaxima { get; } = [];

    public void NextBytes(Span<byte> buffer) => _random.NextBytes(buffer);

    public int NextInt(int maxExclusive)
    {
        NextIntMaxima.Add(maxExclusive);
        return NextIntResults.Count > 0 ? Math.Min(NextIntResults.Dequeue(), maxExclusive - 1) : _random.Next(maxExclusive);
    }
}
