using System.Globalization;
using System.Text;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Messages;

/// <summary>One Via value: sent-protocol, sent-by and parameters (RFC 3261 §20.42, RFC 3581 rport).</summary>
/// <remarks>
/// <see cref="RPort"/> is null both when the parameter is absent and when it is present without a value;
/// <see cref="HasRPort"/> tells the two apart (a request asks for rport by sending it empty).
/// </remarks>
public sealed class Via
{
    /// <summary>The RFC 3261 branch prefix that marks a globally unique branch (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    private string? _text;

    public Via(string transport, string host, int? port, SipParameters parameters)
    {
        Protocol = "SIP";
        Version = "2.0";
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters;
    }

    private Via(string protocol, string version, string transport, string host, int? port, SipParameters parameters,
        string? text)
    {
        Protocol = protocol;
        Version = version;
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters;
        _text = text;
    }

    public string Protocol { get; }

    public string Version { get; }

    /// <summary>The transport in upper case as written: "UDP", "TCP", "TLS", "SCTP", "WS"...</summary>
    public string Transport { get; }

    public string Host { get; }

    public int? Port { get; }

    public SipParameters Parameters { get; }

    public string? Branch => Parameters["branch"];

    public string? Received => Parameters["received"];

    public string? MAddr => Parameters["maddr"];

    public bool HasRPort => Parameters.Contains("rport");

    public int? RPort => int.TryParse(Parameters["rport"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public int? Ttl => int.TryParse(Parameters["ttl"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>"host:port" or "host" as written, the sent-by used in transaction matching.</summary>
    public string SentBy => Port is { } p ? $"{Host}:{p.ToString(CultureInfo.InvariantCulture)}" : Host;

    public Via WithParameter(string name, string? value) =>
        new(Protocol, Version, Transport, Host, Port, Parameters.With(name, value), null);

    public static Via Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var i = 0;
        if (!ViaScanner.TryScan(bytes, ref i, out var parts, out var error) || i != bytes.Length)
        {
            throw new FormatException($"Invalid Via '{text}': {error ?? "trailing text"}");
        }

        return FromParts(bytes, parts);
    }

    internal static Via FromParts(ReadOnlySpan<byte> s, ViaParts p) => new(
        Encoding.ASCII.GetString(s[p.ProtocolStart..p.ProtocolEnd]),
        Encoding.ASCII.GetString(s[p.VersionStart..p.VersionEnd]),
        Encoding.ASCII.GetString(s[p.TransportStart..p.TransportEnd]).ToUpperInvariant(),
        Encoding.UTF8.GetString(s[p.HostStart..p.HostEnd]),
        p.Port >= 0 ? p.Port : null,
        SipParameters.FromHeader(s[..p.ParamsEnd], p.ParamsStart),
        Lex.Unfold(Lex.Trim(s[p.ProtocolStart..p.ParamsEnd])));

    public override string ToString() => _text ??= Format();

    private string Format() =>
        new StringBuilder(Protocol).Append('/').Append(Version).Append('/').Append(Transport).Append(' ')
            .Append(SentBy).Append(Parameters.ToString()).ToString();
}
