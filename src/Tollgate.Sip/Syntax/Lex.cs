using System.Text;

namespace Tollgate.Sip.Syntax;

/// <summary>Small scanning steps shared by the header grammars; all work on UTF-8 bytes and never throw.</summary>
internal static class Lex
{
    public static void SkipLws(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && SipChars.IsLws(s[i]))
        {
            i++;
        }
    }

    /// <summary>Returns the index just past the token that starts at <paramref name="i"/>.</summary>
    public static int ScanToken(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && SipChars.IsToken(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Scans a quoted-string whose opening quote is at <paramref name="i"/>; leaves i past the closing quote.</summary>
    public static bool TryScanQuoted(ReadOnlySpan<byte> s, ref int i, out int innerStart, out int innerEnd)
    {
        innerStart = i + 1;
        innerEnd = innerStart;
        for (var j = innerStart; j < s.Length; j++)
        {
            if (s[j] == '\\')
            {
                // quoted-pair: "\" followed by any octet except CR and LF.
                if (j + 1 >= s.Length || s[j + 1] is (byte)'\r' or (byte)'\n')
                {
                    return false;
                }

                j++;
            }
            else if (s[j] == '"')
            {
                innerEnd = j;
                i = j + 1;
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses decimal digits; false for empty input, a non-digit, or a value above <paramref name="max"/>.</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> digits, ulong max, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (!SipChars.IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (ulong)(b - '0');
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims LWS (including folds) from both ends.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && SipChars.IsLws(s[start]))
        {
            start++;
        }

        while (end > start && SipChars.IsLws(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    /// <summary>Decodes bytes as UTF-8, collapsing each run of LWS that contains a line fold into one space.</summary>
    public static string Unfold(ReadOnlySpan<byte> s)
    {
        if (s.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return Encoding.UTF8.GetString(s);
        }

        var buffer = s.Length <= 512 ? stackalloc byte[s.Length] : new byte[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is (byte)'\r' or (byte)'\n')
            {
                while (n > 0 && SipChars.IsSpaceOrTab(buffer[n - 1]))
                {
                    n--;
                }

                while (i + 1 < s.Length && SipChars.IsLws(s[i + 1]))
                {
                    i++;
                }

                buffer[n++] = (byte)' ';
            }
            else
            {
                buffer[n++] = s[i];
            }
        }

        return Encoding.UTF8.GetString(buffer[..n]);
    }

    /// <summary>Unescapes the contents of a quoted-string (quoted-pair → the octet).</summary>
    public static string Unquote(ReadOnlySpan<byte> inner)
    {
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return Unfold(inner);
        }

        var buffer = new byte[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            buffer[n++] = inner[i];
        }

        return Unfold(buffer.AsSpan(0, n));
    }

    /// <summary>Quotes text as a quoted-string, escaping '"' and '\'.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>True when every escape ("%" HEX HEX) in a URI component is complete.</summary>
    public static bool EscapesAreValid(ReadOnlySpan<byte> s)
    {
        for (var i = s.IndexOf((byte)'%'); i >= 0 && i < s.Length; i++)
        {
            if (s[i] != '%')
            {
                continue;
            }

            if (i + 2 >= s.Length || !SipChars.IsHex(s[i + 1]) || !SipChars.IsHex(s[i + 2]))
            {
                return false;
            }

            i += 2;
        }

        return true;
    }

    /// <summary>Describes a byte for an error message.</summary>
    public static string Describe(byte b) => b is >= 0x20 and < 0x7f ? $"'{(char)b}'" : $"0x{b:X2}";
}
