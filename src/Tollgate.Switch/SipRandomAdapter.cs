using Tollgate.Domain.Access;
using Tollgate.Sip;

namespace Tollgate.Switch;

/// <summary>Gives the SIP stack the installation's one randomness source for its tags, branches, Call-IDs and nonces.</summary>
internal sealed class SipRandomAdapter(IRandomSource random) : ISipRandom
{
    public void NextBytes(Span<byte> buffer) => random.Fill(buffer);

    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        Span<byte> bytes = stackalloc byte[4];
        var limit = uint.MaxValue - (uint.MaxValue % (uint)maxExclusive);
        while (true)
        {
            random.Fill(bytes);
            var value = BitConverter.ToUInt32(bytes);
            // Rejection sampling keeps every value equally likely.
            if (value < limit) return (int)(value % (uint)maxExclusive);
        }
    }
}
