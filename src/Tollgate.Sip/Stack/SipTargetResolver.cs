using System.Net;
using System.Net.Sockets;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Stack;

/// <summary>Turns a next-hop URI into a flow: transport, address and port (a subset of RFC 3263).</summary>
/// <remarks>
/// The transport comes from the URI's transport parameter (UDP by default), the host from maddr or the host part
/// (names via A/AAAA lookup), the port from the URI or 5060. NAPTR and SRV lookups and sips (TLS) are not done.
/// </remarks>
internal sealed class SipTargetResolver(Func<SipTransportKind, AddressFamily, ISipTransport?> pickTransport)
{
    public async ValueTask<SipFlow?> ResolveAsync(SipUri uri, CancellationToken cancellationToken)
    {
        if (!uri.IsSip || uri.IsSecure)
        {
            return null;
        }

        var kind = SipTransportKindExtensions.FromName(uri.Transport) ?? SipTransportKind.Udp;
        if (uri.Transport is not null && SipTransportKindExtensions.FromName(uri.Transport) is null)
        {
            return null;
        }

        var host = (uri.MAddr ?? uri.Host).Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return null;
            }
        }

        foreach (var address in addresses)
        {
            if (pickTransport(kind, address.AddressFamily) is { } transport)
            {
                return new SipFlow(transport, new IPEndPoint(address, uri.EffectivePort));
            }
        }

        return null;
    }
}
