namespace Tollgate.Sip.Syntax;

/// <summary>The parts of one name-addr / addr-spec element with its header parameters, as byte offsets.</summary>
internal readonly record struct NameAddrParts(
    int DisplayStart,
    int DisplayEnd,
    bool DisplayQuoted,
    bool Bracketed,
    int UriStart,
    int UriEnd,
    int ParamsStart,
    int ParamsEnd,
    int TagStart,
    int TagEnd)
{
    public bool HasDisplayName => DisplayEnd > DisplayStart || DisplayQuoted;

    public bool HasTag => TagStart >= 0;
}

/// <summary>Scans <c>( name-addr / addr-spec ) *( SEMI generic-param )</c> as used by From, To, Contact, Route...</summary>
/// <remarks>
/// Without angle brackets a URI may not contain ",", "?" or ";" (RFC 3261 §20.10): a ";" after such a URI starts a
/// header parameter, and a "?" is an error (RFC 4475 regbadct). Spaces inside "&lt; &gt;" are rejected (RFC 4475
/// badaspec allows a 400 here). A display name is either one quoted string or tokens separated by LWS; anything else
/// before the URI, such as the comma of "Bell, Alexander" (RFC 4475 baddn), makes the element malformed.
/// </remarks>
internal static class NameAddrScanner
{
    public static bool TryScan(ReadOnlySpan<byte> s, ref int i, bool requireBrackets, out NameAddrParts parts,
        out string? error)
    {
        parts = default;
        Lex.SkipLws(s, ref i);
        if (i >= s.Length)
        {
            error = "empty value";
            return false;
        }

        int displayStart = i, displayEnd = i;
        var quoted = false;
        if (s[i] == '"')
        {
            if (!Lex.TryScanQuoted(s, ref i, out displayStart, out displayEnd))
            {
                error = "unterminated quoted display name";
                return false;
            }

            quoted = true;
            Lex.SkipLws(s, ref i);
            if (i >= s.Length || s[i] != '<')
            {
                error = "a quoted display name must be followed by '<'";
                return false;
            }
        }
        else if (s[i] != '<')
        {
            // Tokens and LWS; if a '<' follows they were the display name, otherwise this is an addr-spec.
            var j = i;
            while (j < s.Length && (SipChars.IsToken(s[j]) || SipChars.IsLws(s[j])))
            {
                j++;
            }

            if (j < s.Length && s[j] == '<')
            {
                displayEnd = j;
                while (displayEnd > displayStart && SipChars.IsLws(s[displayEnd - 1]))
                {
                    displayEnd--;
                }

                i = j;
            }
        }

        int uriStart, uriEnd;
        var bracketed = i < s.Length && s[i] == '<';
        if (bracketed)
        {
            var close = s[i..].IndexOf((byte)'>');
            if (close < 0)
            {
                error = "missing '>' after the URI";
                return false;
            }

            uriStart = i + 1;
            uriEnd = i + close;
            i = uriEnd + 1;
        }
        else
        {
            if (requireBrackets)
            {
                error = "the URI must be enclosed in '<' and '>'";
                return false;
            }

            uriStart = i;
            while (i < s.Length && !SipChars.IsLws(s[i]) && s[i] is not ((byte)';' or (byte)','))
            {
                i++;
            }

            uriEnd = i;
            if (s[uriStart..uriEnd].IndexOf((byte)'?') >= 0)
            {
                error = "a URI with headers ('?') must be enclosed in '<' and '>'";
                return false;
            }
        }

        if (!UriScanner.TryScan(s[uriStart..uriEnd], out _, out var uriError))
        {
            error = uriError;
            return false;
        }

        var paramsStart = i;
        int tagStart = -1, tagEnd = -1;
        while (ParamScanner.TryNext(s, ref i, out var p, out error))
        {
            if (Ascii.EqualsIgnoreCase(p.Name(s), "tag"u8))
            {
                if (!p.HasValue || p.Quoted)
                {
                    error = "tag parameter must be a token";
                    return false;
                }

                tagStart = p.ValueStart;
                tagEnd = p.ValueEnd;
            }
        }

        if (error is not null)
        {
            return false;
        }

        parts = new NameAddrParts(displayStart, displayEnd, quoted, bracketed, uriStart, uriEnd, paramsStart, i,
            tagStart, tagEnd);
        return true;
    }

    /// <summary>Scans a whole single-valued name-addr header value (From, To); trailing text is an error.</summary>
    public static bool TryScanSingle(ReadOnlySpan<byte> s, out NameAddrParts parts, out string? error)
    {
        var i = 0;
        if (!TryScan(s, ref i, false, out parts, out error))
        {
            return false;
        }

        Lex.SkipLws(s, ref i);
        if (i < s.Length)
        {
            error = $"unexpected {Lex.Describe(s[i])} after the address";
            return false;
        }

        return true;
    }
}
