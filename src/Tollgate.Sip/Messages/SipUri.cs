using System.Globalization;
using System.Net;
using System.Text;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Messages;

/// <summary>A URI as SIP carries it: a sip:/sips: URI split into its parts (RFC 3261 §19.1), or any other scheme kept opaque.</summary>
/// <remarks>
/// Parts keep their %-escapes as written; nothing is decoded. <see cref="Host"/> keeps IPv6 brackets
/// ("[2001:db8::1]"). A parsed URI writes back exactly as it was read; a URI built or changed with the <c>With</c>
/// methods is written in canonical form. Equality is textual, not the §19.1.4 comparison.
/// </remarks>
public sealed class SipUri : IEquatable<SipUri>
{
    private string? _text;

    private SipUri(string scheme, string? user, string? password, string host, int? port, SipParameters parameters,
        string? headers, string? opaque, string? text)
    {
        Scheme = scheme;
        User = user;
        Password = password;
        Host = host;
        Port = port;
        Parameters = parameters;
        Headers = headers;
        Opaque = opaque;
        _text = text;
    }

    /// <summary>The scheme in lower case ("sip", "sips", "tel", ...).</summary>
    public string Scheme { get; }

    /// <summary>True for sip: and sips: URIs, whose parts are parsed.</summary>
    public bool IsSip => Opaque is null;

    /// <summary>True for sips:.</summary>
    public bool IsSecure => Scheme == "sips";

    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host name or address as written; empty for non-SIP schemes.</summary>
    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    /// <summary>The raw headers part after "?", if any.</summary>
    public string? Headers { get; }

    /// <summary>For non-SIP schemes, everything after "scheme:"; null for SIP URIs.</summary>
    public string? Opaque { get; }

    /// <summary>The port to use when none is given: 5060, or 5061 for sips (RFC 3261 §19.1.2).</summary>
    public int EffectivePort => Port ?? (IsSecure ? 5061 : 5060);

    /// <summary>The transport parameter in lower case, or null.</summary>
    public string? Transport => Parameters["transport"]?.ToLowerInvariant();

    /// <summary>True when the URI carries the <c>lr</c> parameter of a loose router (RFC 3261 §16.12).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    public string? MAddr => Parameters["maddr"];

    /// <summary>The host as an IP address when it is a literal; null for names.</summary>
    public IPAddress? HostAddress
    {
        get
        {
            var h = Host.StartsWith('[') && Host.EndsWith(']') ? Host[1..^1] : Host;
            return IPAddress.TryParse(h, out var a) ? a : null;
        }
    }

    /// <summary>Creates a sip: or sips: URI.</summary>
    public static SipUri Create(string? user, string host, int? port = null, SipParameters? parameters = null,
        bool secure = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('['))
        {
            host = "[" + host + "]";
        }

        return new SipUri(secure ? "sips" : "sip", user, null, host, port, parameters ?? SipParameters.Empty, null, null,
            null);
    }

    /// <summary>Creates a sip: URI that addresses an IP endpoint.</summary>
    public static SipUri Create(string? user, IPEndPoint endPoint, SipParameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return Create(user, endPoint.Address.ToString(), endPoint.Port, parameters);
    }

    public static SipUri Parse(string text) =>
        TryParse(text, out var uri, out var error) ? uri : throw new FormatException($"Invalid URI '{text}': {error}");

    public static bool TryParse(string text, out SipUri uri, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (!UriScanner.TryScan(bytes, out var parts, out error))
        {
            uri = null!;
            return false;
        }

        uri = FromParts(bytes, parts, text);
        return true;
    }

    /// <summary>Materializes a URI from validated bytes.</summary>
    internal static SipUri FromUtf8(ReadOnlySpan<byte> s)
    {
        if (!UriScanner.TryScan(s, out var parts, out var error))
        {
            throw new FormatException("Invalid URI: " + error);
        }

        return FromParts(s, parts, null);
    }

    private static SipUri FromParts(ReadOnlySpan<byte> s, UriParts p, string? text)
    {
        var scheme = Encoding.ASCII.GetString(s[..p.SchemeEnd]).ToLowerInvariant();
        text ??= Encoding.UTF8.GetString(s);
        if (!p.IsSip)
        {
            return new SipUri(scheme, null, null, string.Empty, null, SipParameters.Empty, null,
                text[(p.SchemeEnd + 1)..], text);
        }

        return new SipUri(
            scheme,
            p.UserStart >= 0 ? Encoding.UTF8.GetString(s[p.UserStart..p.UserEnd]) : null,
            p.PasswordStart >= 0 ? Encoding.UTF8.GetString(s[p.PasswordStart..p.PasswordEnd]) : null,
            Encoding.UTF8.GetString(s[p.HostStart..p.HostEnd]),
            p.Port >= 0 ? p.Port : null,
            SipParameters.FromUri(s[p.ParamsStart..p.ParamsEnd]),
            p.HeadersStart >= 0 ? Encoding.UTF8.GetString(s[p.HeadersStart..p.HeadersEnd]) : null,
            null,
            text);
    }

    public SipUri WithUser(string? user) => Copy(user: user, changeUser: true);

    public SipUri WithHost(string host, int? port) => Copy(host: host, port: port, changeHostPort: true);

    public SipUri WithParameter(string name, string? value = null) => Copy(parameters: Parameters.With(name, value));

    public SipUri WithoutParameter(string name) => Copy(parameters: Parameters.Without(name));

    /// <summary>This URI without its headers part, as a Request-URI must be (RFC 3261 §19.1.1).</summary>
    public SipUri WithoutHeaders() => Headers is null ? this : Copy(clearHeaders: true);

    private SipUri Copy(string? user = null, bool changeUser = false, string? host = null, int? port = null,
        bool changeHostPort = false, SipParameters? parameters = null, bool clearHeaders = false)
    {
        if (!IsSip)
        {
            throw new InvalidOperationException($"A {Scheme}: URI has no SIP parts to change.");
        }

        return new SipUri(Scheme, changeUser ? user : User, Password, changeHostPort ? host! : Host,
            changeHostPort ? port : Port, parameters ?? Parameters, clearHeaders ? null : Headers, null, null);
    }

    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null)
            {
                sb.Append(':').Append(Password);
            }

            sb.Append('@');
        }

        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(Parameters.ToString());
        if (Headers is not null)
        {
            sb.Append('?').Append(Headers);
        }

        return sb.ToString();
    }

    public bool Equals(SipUri? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SipUri u && Equals(u);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
