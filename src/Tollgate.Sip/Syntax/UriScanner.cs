using System.Net;
using System.Text;

namespace Tollgate.Sip.Syntax;

/// <summary>The parts of a URI as byte offsets into the URI text; -1 marks an absent part.</summary>
internal readonly record struct UriParts(
    int SchemeEnd,
    bool IsSip,
    bool IsSecure,
    int UserStart,
    int UserEnd,
    int PasswordStart,
    int PasswordEnd,
    int HostStart,
    int HostEnd,
    int Port,
    int ParamsStart,
    int ParamsEnd,
    int HeadersStart,
    int HeadersEnd);

/// <summary>Validates and splits a URI: SIP/SIPS URIs fully (RFC 3261 §19.1.1, §25.1), other schemes as opaque.</summary>
/// <remarks>
/// Escapes are checked but never decoded: "sip:%75ser@host" keeps its user "%75ser" (RFC 4475 esc01), and
/// comparing escaped and unescaped forms is the caller's business. A SIP URI cannot hold an unescaped "@" outside its
/// userinfo, so the first "@" ends the userinfo even when the user part holds ";" or "?" (RFC 4475 semiuri).
/// </remarks>
internal static class UriScanner
{
    public static bool TryScan(ReadOnlySpan<byte> s, out UriParts parts, out string? error)
    {
        parts = default;
        var colon = s.IndexOf((byte)':');
        if (colon <= 0 || !SipChars.IsAlpha(s[0]))
        {
            error = "missing URI scheme";
            return false;
        }

        foreach (var b in s[..colon])
        {
            if (!SipChars.IsSchemeChar(b))
            {
                error = $"invalid character {Lex.Describe(b)} in URI scheme";
                return false;
            }
        }

        var scheme = s[..colon];
        var isSips = Ascii.EqualsIgnoreCase(scheme, "sips"u8);
        if (isSips || Ascii.EqualsIgnoreCase(scheme, "sip"u8))
        {
            return TryScanSip(s, colon, isSips, out parts, out error);
        }

        // Any other absoluteURI (tel, http, urn, isbn...): hier-part / opaque-part of RFC 2396 uric characters.
        if (colon + 1 >= s.Length)
        {
            error = "empty URI after the scheme";
            return false;
        }

        foreach (var b in s[(colon + 1)..])
        {
            if (!SipChars.IsUricChar(b) && b < 0x80)
            {
                error = $"invalid character {Lex.Describe(b)} in URI";
                return false;
            }
        }

        parts = new UriParts(colon, false, false, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
        error = null;
        return true;
    }

    private static bool TryScanSip(ReadOnlySpan<byte> s, int colon, bool secure, out UriParts parts, out string? error)
    {
        parts = default;
        var i = colon + 1;
        int userStart = -1, userEnd = -1, pwStart = -1, pwEnd = -1;
        var at = s[i..].IndexOf((byte)'@');
        if (at >= 0)
        {
            var userinfoEnd = i + at;
            var pwColon = s[i..userinfoEnd].IndexOf((byte)':');
            userStart = i;
            userEnd = pwColon >= 0 ? i + pwColon : userinfoEnd;
            if (userEnd == userStart)
            {
                error = "empty user part before '@'";
                return false;
            }

            foreach (var b in s[userStart..userEnd])
            {
                if (!SipChars.IsUserChar(b))
                {
                    error = $"invalid character {Lex.Describe(b)} in URI user part";
                    return false;
                }
            }

            if (pwColon >= 0)
            {
                pwStart = userEnd + 1;
                pwEnd = userinfoEnd;
                foreach (var b in s[pwStart..pwEnd])
                {
                    if (!SipChars.IsPasswordChar(b))
                    {
                        error = $"invalid character {Lex.Describe(b)} in URI password";
                        return false;
                    }
                }
            }

            if (!Lex.EscapesAreValid(s[userStart..userinfoEnd]))
            {
                error = "invalid %-escape in URI user part";
                return false;
            }

            i = userinfoEnd + 1;
        }

        if (!TryScanHostPort(s, ref i, out var hostStart, out var hostEnd, out var port, out error))
        {
            return false;
        }

        var paramsStart = i;
        while (i < s.Length && s[i] == ';')
        {
            i++;
            var nameStart = i;
            while (i < s.Length && SipChars.IsParamChar(s[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                error = "empty URI parameter";
                return false;
            }

            if (i < s.Length && s[i] == '=')
            {
                i++;
                var valueStart = i;
                while (i < s.Length && SipChars.IsParamChar(s[i]))
                {
                    i++;
                }

                if (i == valueStart)
                {
                    error = "URI parameter has no value after '='";
                    return false;
                }
            }

            if (!Lex.EscapesAreValid(s[nameStart..i]))
            {
                error = "invalid %-escape in URI parameter";
                return false;
            }
        }

        var paramsEnd = i;
        int headersStart = -1, headersEnd = -1;
        if (i < s.Length && s[i] == '?')
        {
            headersStart = ++i;
            while (i < s.Length && (SipChars.IsHeaderChar(s[i]) || s[i] is (byte)'=' or (byte)'&'))
            {
                i++;
            }

            headersEnd = i;
            if (headersEnd == headersStart || !Lex.EscapesAreValid(s[headersStart..headersEnd]))
            {
                error = "invalid URI headers after '?'";
                return false;
            }
        }

        if (i != s.Length)
        {
            error = $"unexpected {Lex.Describe(s[i])} in SIP URI";
            return false;
        }

        parts = new UriParts(colon, true, secure, userStart, userEnd, pwStart, pwEnd, hostStart, hostEnd, port,
            paramsStart, paramsEnd, headersStart, headersEnd);
        error = null;
        return true;
    }

    /// <summary>Scans host [":" port]; IPv6 references are checked as addresses.</summary>
    public static bool TryScanHostPort(ReadOnlySpan<byte> s, ref int i, out int hostStart, out int hostEnd, out int port,
        out string? error)
    {
        port = -1;
        if (!TryScanHost(s, ref i, out hostStart, out hostEnd, out error))
        {
            return false;
        }

        return i >= s.Length || s[i] != ':' || TryScanPort(s, ref i, false, out port, out error);
    }

    /// <summary>Like <see cref="TryScanHostPort"/> but allows LWS around the colon, as Via's sent-by does.</summary>
    public static bool TryScanHostPortLws(ReadOnlySpan<byte> s, ref int i, out int hostStart, out int hostEnd,
        out int port, out string? error)
    {
        port = -1;
        if (!TryScanHost(s, ref i, out hostStart, out hostEnd, out error))
        {
            return false;
        }

        var probe = i;
        Lex.SkipLws(s, ref probe);
        if (probe >= s.Length || s[probe] != ':')
        {
            return true;
        }

        i = probe;
        return TryScanPort(s, ref i, true, out port, out error);
    }

    private static bool TryScanHost(ReadOnlySpan<byte> s, ref int i, out int hostStart, out int hostEnd, out string? error)
    {
        hostStart = i;
        if (i < s.Length && s[i] == '[')
        {
            var close = s[i..].IndexOf((byte)']');
            if (close < 0)
            {
                hostEnd = i;
                error = "unterminated IPv6 reference";
                return false;
            }

            if (!IsIPv6(s[(i + 1)..(i + close)]))
            {
                hostEnd = i;
                error = "invalid IPv6 address in brackets";
                return false;
            }

            i += close + 1;
        }
        else
        {
            while (i < s.Length && SipChars.IsHostChar(s[i]))
            {
                i++;
            }
        }

        hostEnd = i;
        if (hostEnd == hostStart)
        {
            error = i < s.Length ? $"invalid host starting with {Lex.Describe(s[i])}" : "missing host";
            return false;
        }

        error = null;
        return true;
    }

    // s[i] is ':'. Only Via's sent-by allows LWS around the colon (COLON = SWS ":" SWS); a URI does not.
    private static bool TryScanPort(ReadOnlySpan<byte> s, ref int i, bool allowLws, out int port, out string? error)
    {
        port = -1;
        i++;
        if (allowLws)
        {
            Lex.SkipLws(s, ref i);
        }

        var portStart = i;
        while (i < s.Length && SipChars.IsDigit(s[i]))
        {
            i++;
        }

        if (!Lex.TryParseNumber(s[portStart..i], 65535, out var p))
        {
            error = "invalid port";
            return false;
        }

        port = (int)p;
        error = null;
        return true;
    }

    public static bool IsIPv6(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || s.Length > 64 || s.IndexOf((byte)':') < 0)
        {
            return false;
        }

        Span<char> chars = stackalloc char[s.Length];
        for (var k = 0; k < s.Length; k++)
        {
            chars[k] = (char)s[k];
        }

        return IPAddress.TryParse(chars, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    /// <summary>True for a dotted IPv4 address or an IPv6 address with or without brackets.</summary>
    public static bool IsIPAddress(ReadOnlySpan<byte> s)
    {
        if (s.Length >= 2 && s[0] == '[' && s[^1] == ']')
        {
            return IsIPv6(s[1..^1]);
        }

        if (s.IndexOf((byte)':') >= 0)
        {
            return IsIPv6(s);
        }

        if (s.IsEmpty || s.Length > 15)
        {
            return false;
        }

        Span<char> chars = stackalloc char[s.Length];
        for (var k = 0; k < s.Length; k++)
        {
            if (!SipChars.IsDigit(s[k]) && s[k] != '.')
            {
                return false;
            }

            chars[k] = (char)s[k];
        }

        return IPAddress.TryParse(chars, out _) && s.Count((byte)'.') == 3;
    }
}
