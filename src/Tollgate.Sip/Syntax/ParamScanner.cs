namespace Tollgate.Sip.Syntax;

/// <summary>One <c>;name[=value]</c> generic-param found in a header value, as byte offsets.</summary>
internal readonly record struct ParamRange(int NameStart, int NameEnd, int ValueStart, int ValueEnd, bool HasValue, bool Quoted)
{
    public ReadOnlySpan<byte> Name(ReadOnlySpan<byte> s) => s[NameStart..NameEnd];

    public ReadOnlySpan<byte> Value(ReadOnlySpan<byte> s) => s[ValueStart..ValueEnd];
}

/// <summary>Scans header parameters: <c>*( SEMI generic-param )</c>, stopping at a list comma or the end.</summary>
/// <remarks>
/// generic-param = token [ EQUAL gen-value ]; gen-value = token / host / quoted-string (RFC 3261 §25.1).
/// LWS is allowed around ";" and "=", including line folds ("; branch =\r\n z9hG4bK..." in RFC 4475 wsinv).
/// </remarks>
internal static class ParamScanner
{
    /// <summary>Scans the next parameter. Returns false at the end of the parameters (error null) or on an error.</summary>
    public static bool TryNext(ReadOnlySpan<byte> s, ref int i, out ParamRange param, out string? error)
    {
        param = default;
        error = null;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length || s[i] == ',')
        {
            return false;
        }

        if (s[i] != ';')
        {
            error = $"unexpected {Lex.Describe(s[i])} where a ';' parameter was expected";
            return false;
        }

        i++;
        Lex.SkipLws(s, ref i);
        var nameStart = i;
        i = Lex.ScanToken(s, i);
        if (i == nameStart)
        {
            error = "empty parameter";
            return false;
        }

        var nameEnd = i;
        var afterName = i;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length || s[i] != '=')
        {
            i = afterName;
            param = new ParamRange(nameStart, nameEnd, nameEnd, nameEnd, false, false);
            return true;
        }

        i++;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length)
        {
            error = $"parameter '{Describe(s[nameStart..nameEnd])}' has no value after '='";
            return false;
        }

        if (s[i] == '"')
        {
            if (!Lex.TryScanQuoted(s, ref i, out var qs, out var qe))
            {
                error = $"parameter '{Describe(s[nameStart..nameEnd])}' has an unterminated quoted string";
                return false;
            }

            param = new ParamRange(nameStart, nameEnd, qs, qe, true, true);
            return true;
        }

        var valueStart = i;
        if (s[i] == '[')
        {
            var close = s[i..].IndexOf((byte)']');
            if (close < 0)
            {
                error = $"parameter '{Describe(s[nameStart..nameEnd])}' has an unterminated IPv6 reference";
                return false;
            }

            i += close + 1;
        }
        else
        {
            // A bare IPv6 address (received=2001:db8::1) is not in the grammar but is common; ':' allows it.
            while (i < s.Length && (SipChars.IsToken(s[i]) || s[i] == ':'))
            {
                i++;
            }
        }

        if (i == valueStart)
        {
            error = $"parameter '{Describe(s[nameStart..nameEnd])}' has an invalid value starting with {Lex.Describe(s[i])}";
            return false;
        }

        param = new ParamRange(nameStart, nameEnd, valueStart, i, true, false);
        return true;
    }

    /// <summary>Checks that the rest of <paramref name="s"/> from <paramref name="i"/> is only parameters.</summary>
    public static bool TryValidateAll(ReadOnlySpan<byte> s, ref int i, out string? error)
    {
        while (TryNext(s, ref i, out _, out error))
        {
        }

        return error is null;
    }

    private static string Describe(ReadOnlySpan<byte> name) => System.Text.Encoding.UTF8.GetString(name);
}
