namespace Tollgate.Domain.Rating;

/// <summary>One rate of a tariff as rating uses it: the prefix it covers, the instants it is in effect, its terms.</summary>
/// <param name="From">The first instant (UTC) it applies to: the start of its <c>effectiveFrom</c> day in the tariff's time zone.</param>
/// <param name="To">The first instant (UTC) it no longer applies to, or null when open-ended.</param>
public sealed record RateEntry(long Id, string Prefix, DateTime From, DateTime? To, RateTerms Terms)
{
    public bool InEffectAt(DateTime instant) => instant >= From && (To is null || instant < To);
}

/// <summary>The rates of one tariff, indexed for "the longest matching prefix in effect at the call's start".</summary>
/// <remarks>
/// <para>
/// A rate is a candidate when its prefix starts the dialled number and the call starts inside its effective range.
/// Among candidates the longest prefix wins; among rates of that prefix, the one that took effect last (a new price
/// list supersedes the old one from its effective date without closing it). A prefix whose rates are all out of effect
/// is passed over for a shorter one.
/// </para>
/// <para>
/// Numbers are compared as written, after dropping a leading <c>+</c>: <c>+44 20…</c> and <c>4420…</c> are the same
/// number. Lookups allocate nothing, so a table serves millions of calls.
/// </para>
/// </remarks>
public sealed class RateTable
{
    private readonly Dictionary<string, RateEntry[]> _byPrefix;
    private readonly Dictionary<string, RateEntry[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _longest;

    public RateTable(IEnumerable<RateEntry> rates)
    {
        _byPrefix = rates.GroupBy(r => r.Prefix, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.From).ToArray(), StringComparer.Ordinal);
        _lookup = _byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        _longest = _byPrefix.Count == 0 ? 0 : _byPrefix.Keys.Max(k => k.Length);
    }

    public int Count => _byPrefix.Values.Sum(v => v.Length);

    /// <summary>The rate for <paramref name="number"/> at <paramref name="instant"/> (UTC), or null when none applies.</summary>
    public RateEntry? Find(string number, DateTime instant)
    {
        var digits = Normalize(number);
        for (var length = Math.Min(_longest, digits.Length); length > 0; length--)
        {
            if (!_lookup.TryGetValue(digits[..length], out var rates)) continue;
            foreach (var rate in rates)
            {
                if (rate.InEffectAt(instant)) return rate;
            }
        }
        return null;
    }

    /// <summary>The number as prefixes are matched against it: without a leading <c>+</c> and surrounding blanks.</summary>
    public static ReadOnlySpan<char> Normalize(string number)
    {
        var span = number.AsSpan().Trim();
        return span.StartsWith('+') ? span[1..] : span;
    }

    /// <summary>Every prefix of a number that a rate could have (for a database lookup of one number).</summary>
    public static List<string> PrefixesOf(string number, int longest)
    {
        var digits = Normalize(number);
        var prefixes = new List<string>(Math.Min(digits.Length, longest));
        for (var length = 1; length <= Math.Min(digits.Length, longest); length++) prefixes.Add(digits[..length].ToString());
        return prefixes;
    }
}
