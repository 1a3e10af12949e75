using System.Globalization;
using System.Net;

namespace Tollgate.Sip.Transport;

/// <summary>A transport to bind: protocol and local endpoint, as configured ("udp:127.0.0.1:5060").</summary>
/// <remarks>
/// A list is comma-separated: "udp:0.0.0.0:5060,tcp:[::1]:5060". IPv6 addresses are written in brackets; port 0
/// asks the system for a free port. <see cref="TryParseList"/> reports every bad entry at once.
/// </remarks>
public sealed record SipListenEndpoint(SipTransportKind Transport, IPEndPoint EndPoint)
{
    public override string ToString() =>
        $"{Transport.ViaName().ToLowerInvariant()}:{EndPoint}";

    public static IReadOnlyList<SipListenEndpoint> ParseList(string text) =>
        TryParseList(text, out var endpoints, out var errors)
            ? endpoints
            : throw new FormatException(string.Join("; ", errors));

    public static bool TryParseList(string text, out IReadOnlyList<SipListenEndpoint> endpoints,
        out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<SipListenEndpoint>();
        var problems = new List<string>();
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (TryParse(entries[i], out var endpoint, out var error))
            {
                found.Add(endpoint!);
            }
            else
            {
                problems.Add($"entry {i + 1} '{entries[i]}': {error}");
            }
        }

        endpoints = found;
        errors = problems;
        return problems.Count == 0;
    }

    public static bool TryParse(string text, out SipListenEndpoint? endpoint, out string? error)
    {
        endpoint = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = "expected transport:address:port";
            return false;
        }

        if (SipTransportKindExtensions.FromName(text[..colon]) is not { } kind)
        {
            error = $"unknown transport '{text[..colon]}' (use udp or tcp)";
            return false;
        }

        var rest = text[(colon + 1)..];
        var portColon = rest.LastIndexOf(':');
        if (portColon <= 0)
        {
            error = "missing port";
            return false;
        }

        var host = rest[..portColon];
        if (host.Contains(':', StringComparison.Ordinal) && !(host.StartsWith('[') && host.EndsWith(']')))
        {
            error = "an IPv6 address must be written in brackets";
            return false;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            error = $"'{host}' is not an IP address";
            return false;
        }

        if (!int.TryParse(rest[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"'{rest[(portColon + 1)..]}' is not a port";
            return false;
        }

        endpoint = new SipListenEndpoint(kind, new IPEndPoint(address, port));
        error = null;
        return true;
    }
}
