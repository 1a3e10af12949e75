namespace Tollgate.Sip.Syntax;

/// <summary>Character classes of the RFC 3261 §25 grammar, as one lookup table over bytes.</summary>
internal static class SipChars
{
    [Flags]
    private enum C : ushort
    {
        None = 0,
        Token = 1 << 0,       // alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
        Digit = 1 << 1,
        Alpha = 1 << 2,
        Lws = 1 << 3,         // SP / HTAB / CR / LF (CR LF only ever appear as folds inside a header value)
        Unreserved = 1 << 4,  // alphanum / mark
        User = 1 << 5,        // unreserved / "%" / "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
        Password = 1 << 6,    // unreserved / "%" / "&" / "=" / "+" / "$" / ","
        Param = 1 << 7,       // unreserved / "%" / "[" / "]" / "/" / ":" / "&" / "+" / "$"
        Header = 1 << 8,      // unreserved / "%" / "[" / "]" / "/" / "?" / ":" / "+" / "$"
        Host = 1 << 9,        // alphanum / "-" / "." (and "_", which real DNS names carry)
        Word = 1 << 10,       // token plus "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}"
        Scheme = 1 << 11,     // alphanum / "+" / "-" / "."
        Uric = 1 << 12,       // what an opaque absoluteURI may hold (RFC 2396 uric)
        Hex = 1 << 13,
    }

    private static readonly C[] Table = Build();

    public static bool IsToken(byte b) => (Table[b] & C.Token) != 0;
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    public static bool IsAlpha(byte b) => (Table[b] & C.Alpha) != 0;
    public static bool IsLws(byte b) => (Table[b] & C.Lws) != 0;
    public static bool IsSpaceOrTab(byte b) => b is (byte)' ' or (byte)'\t';
    public static bool IsUserChar(byte b) => (Table[b] & C.User) != 0;
    public static bool IsPasswordChar(byte b) => (Table[b] & C.Password) != 0;
    public static bool IsParamChar(byte b) => (Table[b] & C.Param) != 0;
    public static bool IsHeaderChar(byte b) => (Table[b] & C.Header) != 0;
    public static bool IsHostChar(byte b) => (Table[b] & C.Host) != 0;
    public static bool IsWordChar(byte b) => (Table[b] & C.Word) != 0;
    public static bool IsSchemeChar(byte b) => (Table[b] & C.Scheme) != 0;
    public static bool IsUricChar(byte b) => (Table[b] & C.Uric) != 0;
    public static bool IsHex(byte b) => (Table[b] & C.Hex) != 0;

    private static C[] Build()
    {
        var t = new C[256];
        for (var b = 'a'; b <= 'z'; b++)
        {
            t[b] |= C.Alpha;
            t[b - 32] |= C.Alpha;
        }

        for (var b = '0'; b <= '9'; b++)
        {
            t[b] |= C.Digit | C.Hex;
        }

        foreach (var b in "abcdefABCDEF")
        {
            t[b] |= C.Hex;
        }

        for (var b = 0; b < 256; b++)
        {
            if ((t[b] & (C.Alpha | C.Digit)) != 0)
            {
                t[b] |= C.Token | C.Unreserved | C.Host | C.Word | C.Scheme | C.Uric;
            }
        }

        Add(t, "-.!%*_+`'~", C.Token | C.Word);
        Add(t, "-_.!~*'()", C.Unreserved | C.Uric);
        Add(t, "()<>:\\\"/[]?{}", C.Word);
        Add(t, " \t\r\n", C.Lws);
        Add(t, "-._", C.Host);
        Add(t, "+-.", C.Scheme);
        Add(t, ";/?:@&=+$,%[]", C.Uric);

        for (var b = 0; b < 256; b++)
        {
            if ((t[b] & C.Unreserved) != 0)
            {
                t[b] |= C.User | C.Password | C.Param | C.Header;
            }
        }

        Add(t, "%&=+$,;?/", C.User);
        Add(t, "%&=+$,", C.Password);
        Add(t, "%[]/:&+$", C.Param);
        Add(t, "%[]/?:+$", C.Header);
        return t;
    }

    private static void Add(C[] table, string chars, C flags)
    {
        foreach (var ch in chars)
        {
            table[ch] |= flags;
        }
    }
}
