namespace Tollgate.Sip.Syntax;

/// <summary>Scans challenge/credentials values: <c>auth-scheme LWS auth-param *(COMMA auth-param)</c> (RFC 3261 §25.1).</summary>
/// <remarks>An unknown scheme with well-formed parameters is valid syntax (RFC 4475 regaut01 expects a 401, not a 400).</remarks>
internal static class AuthScanner
{
    public static bool TryScanScheme(ReadOnlySpan<byte> s, out Range scheme, out int paramsStart, out string? error)
    {
        var i = 0;
        Lex.SkipLws(s, ref i);
        var start = i;
        i = Lex.ScanToken(s, i);
        scheme = start..i;
        paramsStart = i;
        if (i == start)
        {
            error = "missing authentication scheme";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Scans the next auth-param from <paramref name="i"/>; false at the end (error null) or on an error.</summary>
    public static bool TryNextParam(ReadOnlySpan<byte> s, ref int i, out ParamRange param, out string? error)
    {
        param = default;
        error = null;
        Lex.SkipLws(s, ref i);
        while (i < s.Length && s[i] == ',')
        {
            // Tolerate empty elements between commas, as the #rule of RFC 2616 does.
            i++;
            Lex.SkipLws(s, ref i);
        }

        if (i >= s.Length)
        {
            return false;
        }

        var nameStart = i;
        i = Lex.ScanToken(s, i);
        if (i == nameStart)
        {
            error = $"unexpected {Lex.Describe(s[i])} in authentication parameters";
            return false;
        }

        var nameEnd = i;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length || s[i] != '=')
        {
            error = "authentication parameter without '='";
            return false;
        }

        i++;
        Lex.SkipLws(s, ref i);
        if (i < s.Length && s[i] == '"')
        {
            if (!Lex.TryScanQuoted(s, ref i, out var qs, out var qe))
            {
                error = "unterminated quoted string in authentication parameters";
                return false;
            }

            param = new ParamRange(nameStart, nameEnd, qs, qe, true, true);
        }
        else
        {
            var valueStart = i;
            i = Lex.ScanToken(s, i);
            if (i == valueStart)
            {
                error = "authentication parameter without a value";
                return false;
            }

            param = new ParamRange(nameStart, nameEnd, valueStart, i, true, false);
        }

        Lex.SkipLws(s, ref i);
        if (i < s.Length && s[i] != ',')
        {
            error = $"unexpected {Lex.Describe(s[i])} after an authentication parameter";
            return false;
        }

        return true;
    }

    public static bool TryValidate(ReadOnlySpan<byte> s, out string? error)
    {
        if (!TryScanScheme(s, out _, out var i, out error))
        {
            return false;
        }

        while (TryNextParam(s, ref i, out _, out error))
        {
        }

        return error is null;
    }
}
