namespace Tollgate.Sip.Syntax;

/// <summary>Helpers for comma-separated header values (RFC 3261 §7.3.1).</summary>
internal static class ListScanner
{
    /// <summary>After an element: skips LWS and one comma. True when another element follows.</summary>
    public static bool TryAdvance(ReadOnlySpan<byte> s, ref int i, out string? error)
    {
        error = null;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length)
        {
            return false;
        }

        if (s[i] != ',')
        {
            error = $"unexpected {Lex.Describe(s[i])} between list elements";
            return false;
        }

        i++;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length || s[i] == ',')
        {
            error = "empty list element";
            return false;
        }

        return true;
    }

    /// <summary>Validates a list of tokens (Allow, Supported, Require, ...). An empty value is an empty list.</summary>
    public static bool TryValidateTokens(ReadOnlySpan<byte> s, out string? error)
    {
        var i = 0;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length)
        {
            error = null;
            return true;
        }

        do
        {
            var start = i;
            i = Lex.ScanToken(s, i);
            if (i == start)
            {
                error = $"invalid token starting with {Lex.Describe(s[i])}";
                return false;
            }
        }
        while (TryAdvance(s, ref i, out error));

        return error is null;
    }

    /// <summary>Enumerates the tokens of a token list as ranges; call only on validated input.</summary>
    public static int CollectTokens(ReadOnlySpan<byte> s, List<Range> into)
    {
        var i = 0;
        var count = 0;
        Lex.SkipLws(s, ref i);
        while (i < s.Length)
        {
            var start = i;
            i = Lex.ScanToken(s, i);
            if (i == start)
            {
                break;
            }

            into.Add(start..i);
            count++;
            if (!TryAdvance(s, ref i, out _))
            {
                break;
            }
        }

        return count;
    }
}
