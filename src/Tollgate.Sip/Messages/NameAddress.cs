using System.Globalization;
using System.Text;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Messages;

/// <summary>An address with optional display name and header parameters: one value of From, To, Contact, Route...</summary>
/// <remarks>
/// <see cref="DisplayName"/> is unquoted (quoted-pairs resolved). Header parameters such as <c>tag</c>,
/// <c>expires</c> and <c>q</c> are in <see cref="Parameters"/>; URI parameters stay on <see cref="Uri"/>. A parsed
/// value writes back exactly as read; a changed one is written with angle brackets, which is always valid.
/// </remarks>
public sealed class NameAddress
{
    private string? _text;

    public NameAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri ?? throw new ArgumentNullException(nameof(uri));
        DisplayName = displayName;
        Parameters = parameters ?? SipParameters.Empty;
    }

    private NameAddress(SipUri uri, string? displayName, SipParameters parameters, string text)
        : this(uri, displayName, parameters) => _text = text;

    public string? DisplayName { get; }

    public SipUri Uri { get; }

    public SipParameters Parameters { get; }

    /// <summary>The tag parameter of From and To (RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters["tag"];

    /// <summary>The expires parameter of a Contact, in seconds, or null when absent or not a number.</summary>
    public uint? Expires =>
        uint.TryParse(Parameters["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The q parameter of a Contact (0 to 1), or null when absent or not a qvalue.</summary>
    public double? Q =>
        double.TryParse(Parameters["q"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
        && v is >= 0 and <= 1 ? v : null;

    public NameAddress WithTag(string tag) => new(Uri, DisplayName, Parameters.With("tag", tag));

    public NameAddress WithParameter(string name, string? value) => new(Uri, DisplayName, Parameters.With(name, value));

    public NameAddress WithUri(SipUri uri) => new(uri, DisplayName, Parameters);

    public static NameAddress Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException($"Invalid address '{text}': {error}");

    public static bool TryParse(string text, out NameAddress value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!NameAddrScanner.TryScanSingle(bytes, out var parts, out error))
        {
            value = null!;
            return false;
        }

        value = FromParts(bytes, parts, text.Trim());
        return true;
    }

    /// <summary>Materializes from validated bytes.</summary>
    internal static NameAddress FromParts(ReadOnlySpan<byte> s, NameAddrParts p, string? text = null)
    {
        string? display = null;
        if (p.DisplayQuoted)
        {
            display = Lex.Unquote(s[p.DisplayStart..p.DisplayEnd]);
        }
        else if (p.DisplayEnd > p.DisplayStart)
        {
            display = Lex.Unfold(s[p.DisplayStart..p.DisplayEnd]);
        }

        var uri = SipUri.FromUtf8(s[p.UriStart..p.UriEnd]);
        var parameters = SipParameters.FromHeader(s[..p.ParamsEnd], p.ParamsStart);
        text ??= Lex.Unfold(Lex.Trim(s[Start(p)..p.ParamsEnd]));
        return new NameAddress(uri, display, parameters, text);
    }

    private static int Start(NameAddrParts p) =>
        p.HasDisplayName ? (p.DisplayQuoted ? p.DisplayStart - 1 : p.DisplayStart) : (p.Bracketed ? p.UriStart - 1 : p.UriStart);

    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(DisplayName))
        {
            sb.Append(Lex.Quote(DisplayName)).Append(' ');
        }

        return sb.Append('<').Append(Uri).Append('>').Append(Parameters.ToString()).ToString();
    }
}
