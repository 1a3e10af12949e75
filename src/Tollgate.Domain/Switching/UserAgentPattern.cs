namespace Tollgate.Domain.Switching;

/// <summary>
/// The SIP end-point pattern of a service policy: a full User-Agent such as <c>Linksys/SPA941-5.1.8</c>, or a
/// comma-separated list of patterns in which <c>%</c> stands for any run of characters, such as
/// <c>Cisco%,Sipura%,Grandstream%</c>.
/// </summary>
/// <remarks>
/// Each pattern must match the whole User-Agent, compared without regard to case (devices are not consistent about
/// it); spaces around the commas are ignored. <c>%</c> may also match nothing, so <c>Cisco%</c> matches <c>Cisco</c>.
/// There is no escape for a literal <c>%</c>: no User-Agent seen in the field contains one. A leg without a
/// User-Agent matches no pattern.
/// </remarks>
public sealed class UserAgentPattern
{
    public const int MaxLength = 500;

    private readonly string[] _patterns;

    private UserAgentPattern(string text, string[] patterns)
    {
        Text = text;
        _patterns = patterns;
    }

    /// <summary>The pattern as written, normalised (trimmed entries joined by <c>,</c>).</summary>
    public string Text { get; }

    /// <summary>The individual patterns.</summary>
    public IReadOnlyList<string> Patterns => _patterns;

    /// <summary>Reads a pattern list; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out UserAgentPattern? pattern, out string? error)
    {
        pattern = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must not be empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters";
            return false;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length == 0)
            {
                error = $"entry {i + 1} is empty (two commas in a row, or a comma at an end)";
                return false;
            }

            if (parts[i].Any(char.IsControl))
            {
                error = $"entry {i + 1} contains a control character";
                return false;
            }

            if (parts[i].All(c => c == '%'))
            {
                error = $"entry {i + 1} would match every device; assign the policy to products, accounts or connections instead";
                return false;
            }
        }

        pattern = new UserAgentPattern(string.Join(",", parts), parts);
        return true;
    }

    public static UserAgentPattern Parse(string text) =>
        TryParse(text, out var pattern, out var error) ? pattern! : throw new FormatException($"'{text}': {error}");

    /// <summary>Whether one of the patterns matches the whole <paramref name="userAgent"/>.</summary>
    public bool Matches(string? userAgent) => MatchesAny(_patterns, userAgent);

    /// <summary>Whether one of <paramref name="patterns"/> (each as in a pattern list) matches the whole <paramref name="userAgent"/>.</summary>
    public static bool MatchesAny(IEnumerable<string> patterns, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (string.IsNullOrEmpty(userAgent))
        {
            return false;
        }

        foreach (var p in patterns)
        {
            if (Like(userAgent, p))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Text;

    // Glob matching with '%' only: the pieces between wildcards must appear in order; the first is anchored at the
    // start and the last at the end unless the pattern starts or ends with '%'.
    private static bool Like(string value, string pattern)
    {
        var pieces = pattern.Split('%');
        if (pieces.Length == 1)
        {
            return value.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        }

        var first = pieces[0];
        var last = pieces[^1];
        if (first.Length + last.Length > value.Length
            || !value.StartsWith(first, StringComparison.OrdinalIgnoreCase)
            || !value.EndsWith(last, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var at = first.Length;
        var end = value.Length - last.Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            if (pieces[i].Length == 0)
            {
                continue;
            }

            var found = value.IndexOf(pieces[i], at, end - at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            at = found + pieces[i].Length;
        }

        return true;
    }
}
