namespace Tollgate.Sip.Syntax;

/// <summary>Validators for the small scalar headers: CSeq, Max-Forwards, Content-Length, Call-ID, delta-seconds.</summary>
internal static class ScalarScanner
{
    /// <summary>RFC 3261 §8.1.1.5: a CSeq number is below 2**31.</summary>
    public const uint MaxCSeq = int.MaxValue;

    /// <summary>delta-seconds is a 32-bit unsigned value (RFC 3261 §25.1 and §20.19).</summary>
    public const ulong MaxDeltaSeconds = uint.MaxValue;

    public static bool TryParseCSeq(ReadOnlySpan<byte> s, out uint number, out Range method, out string? error)
    {
        number = 0;
        method = default;
        var i = 0;
        Lex.SkipLws(s, ref i);
        var start = i;
        while (i < s.Length && SipChars.IsDigit(s[i]))
        {
            i++;
        }

        if (i == start)
        {
            error = "missing sequence number";
            return false;
        }

        if (!Lex.TryParseNumber(s[start..i], MaxCSeq, out var n))
        {
            error = "sequence number is larger than 2**31-1";
            return false;
        }

        number = (uint)n;
        var afterNumber = i;
        Lex.SkipLws(s, ref i);
        if (i == afterNumber)
        {
            error = "missing space between sequence number and method";
            return false;
        }

        var methodStart = i;
        i = Lex.ScanToken(s, i);
        method = methodStart..i;
        if (i == methodStart)
        {
            error = "missing method";
            return false;
        }

        Lex.SkipLws(s, ref i);
        error = i < s.Length ? $"unexpected {Lex.Describe(s[i])} after the method" : null;
        return error is null;
    }

    /// <summary>A bare number without parameters (Max-Forwards, Content-Length, Expires, RSeq).</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, ulong max, out ulong value)
    {
        var trimmed = Lex.Trim(s);
        return Lex.TryParseNumber(trimmed, max, out value);
    }

    /// <summary>delta-seconds followed by header parameters (Session-Expires, Min-SE, Retry-After).</summary>
    public static bool TryParseDeltaWithParams(ReadOnlySpan<byte> s, out ulong seconds, out int paramsStart,
        out string? error)
    {
        seconds = 0;
        var i = 0;
        Lex.SkipLws(s, ref i);
        var start = i;
        while (i < s.Length && SipChars.IsDigit(s[i]))
        {
            i++;
        }

        paramsStart = i;
        if (!Lex.TryParseNumber(s[start..i], MaxDeltaSeconds, out seconds))
        {
            error = i == start ? "missing delta-seconds" : "delta-seconds is larger than 2**32-1";
            return false;
        }

        return ParamScanner.TryValidateAll(s, ref i, out error) && NoListComma(s, i, out error);
    }

    /// <summary>Call-ID = word [ "@" word ] (RFC 3261 §25.1).</summary>
    public static bool TryValidateCallId(ReadOnlySpan<byte> s, out string? error)
    {
        var v = Lex.Trim(s);
        if (v.IsEmpty)
        {
            error = "empty value";
            return false;
        }

        var ats = 0;
        foreach (var b in v)
        {
            if (b == '@')
            {
                ats++;
            }
            else if (!SipChars.IsWordChar(b))
            {
                error = $"invalid character {Lex.Describe(b)}";
                return false;
            }
        }

        error = ats > 1 || v[0] == '@' || v[^1] == '@' ? "must be word or word@word" : null;
        return error is null;
    }

    /// <summary>media-type = m-type "/" m-subtype *( SEMI m-parameter ).</summary>
    public static bool TryValidateMediaType(ReadOnlySpan<byte> s, out string? error)
    {
        var i = 0;
        Lex.SkipLws(s, ref i);
        var start = i;
        i = Lex.ScanToken(s, i);
        if (i == start)
        {
            error = "missing media type";
            return false;
        }

        Lex.SkipLws(s, ref i);
        if (i >= s.Length || s[i] != '/')
        {
            error = "media type must be type/subtype";
            return false;
        }

        i++;
        Lex.SkipLws(s, ref i);
        start = i;
        i = Lex.ScanToken(s, i);
        if (i == start)
        {
            error = "missing media subtype";
            return false;
        }

        return ParamScanner.TryValidateAll(s, ref i, out error) && NoListComma(s, i, out error);
    }

    private static bool NoListComma(ReadOnlySpan<byte> s, int i, out string? error)
    {
        error = i < s.Length ? "unexpected ',' in a single-valued header" : null;
        return error is null;
    }
}
