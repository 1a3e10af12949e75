using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tollgate.Domain.Switching;

/// <summary>The address of a vendor connection, <c>host[:port]</c>, in the one written form that compares as text.</summary>
/// <remarks>
/// <para>IP addresses are written as <see cref="IPAddress.ToString"/> writes them (IPv6 compressed and in lower case,
/// in brackets when a port follows); an IPv4 address mapped into IPv6 is written as IPv4, because that is how a
/// dual-stack socket reports an IPv4 peer. Host names are lower-cased. A port, when given, is 1 to 65535.</para>
/// <para>An incoming connection is trusted by its source address, so it must be an IP address: a host name could
/// resolve to anything later. A port on an incoming connection narrows the trust to that source port.</para>
/// </remarks>
public static class ConnectionAddress
{
    /// <summary>Checks and normalises <paramref name="text"/>; <paramref name="ipOnly"/> refuses host names.</summary>
    public static bool TryNormalize(string? text, bool ipOnly, out string normalized, out string? error)
    {
        normalized = "";
        error = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 255)
        {
            error = "must be host or host:port (an IPv6 address in brackets when a port follows)";
            return false;
        }

        text = text.Trim();
        string host;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = "an IPv6 address in brackets must be followed by nothing or by :port";
                return false;
            }

            host = text[1..close];
            if (close + 1 < text.Length && !TryPort(text[(close + 2)..], out port, out error)) return false;
            if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{host}' is not an IPv6 address";
                return false;
            }
        }
        else if (text.Count(c => c == ':') > 1)
        {
            host = text; // a bare IPv6 address
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            if (colon >= 0 && !TryPort(text[(colon + 1)..], out port, out error)) return false;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            normalized = Format(address, port);
            return true;
        }

        if (ipOnly)
        {
            error = $"'{host}' is not an IP address; an incoming connection is trusted by the address its calls come from";
            return false;
        }

        if (!IsHostName(host))
        {
            error = $"'{host}' is neither an IP address nor a host name";
            return false;
        }

        normalized = port is null ? host.ToLowerInvariant() : $"{host.ToLowerInvariant()}:{port.Value.ToString(CultureInfo.InvariantCulture)}";
        return true;
    }

    /// <summary>The two forms under which an incoming connection may have been saved for a source: with its port, and without.</summary>
    public static (string WithPort, string AddressOnly) CandidatesFor(IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return (Format(source.Address, source.Port), Format(source.Address, null));
    }

    private static string Format(IPAddress address, int? port)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var text = address.ToString();
        if (port is null) return text;
        var p = port.Value.ToString(CultureInfo.InvariantCulture);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{text}]:{p}" : $"{text}:{p}";
    }

    private static bool TryPort(string text, out int? port, out string? error)
    {
        port = null;
        error = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535)
        {
            port = p;
            return true;
        }

        error = $"'{text}' is not a port (1 to 65535)";
        return false;
    }

    private static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-')
                                        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
