using Tollgate.Sip.Messages;

namespace Tollgate.Sip;

/// <summary>Makes the random identifiers SIP needs: tags, branches and Call-IDs.</summary>
/// <remarks>
/// Identifiers are lower-case base-32 text, so they are valid tokens everywhere and survive case-insensitive
/// comparison. A tag carries 64 random bits, a branch 80, a Call-ID 120 (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3 ask
/// for at least 32 bits of randomness and global uniqueness).
/// </remarks>
public static class SipIdentifiers
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string NewTag(this ISipRandom random) => Text(random, 13);

    /// <summary>A branch with the RFC 3261 magic cookie prefix.</summary>
    public static string NewBranch(this ISipRandom random) => Via.MagicCookie + Text(random, 16);

    public static string NewCallId(this ISipRandom random) => Text(random, 24);

    /// <summary>Random text of <paramref name="length"/> base-32 characters (5 bits each).</summary>
    public static string Text(ISipRandom random, int length)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[length];
        random.NextBytes(bytes);
        return string.Create(length, bytes.ToArray(), static (chars, b) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[b[i] & 31];
            }
        });
    }
}
