using System.Net;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transport;

public class SipListenEndpointTests
{
    [Fact]
    public void ParseList_UdpAndTcpWithIPv6_ReadsBoth()
    {
        var endpoints = SipListenEndpoint.ParseList("udp:127.0.0.1:5060, tcp:[::1]:5061");

        endpoints.ShouldBe([
            new SipListenEndpoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060)),
            new SipListenEndpoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.IPv6Loopback, 5061)),
        ]);
        endpoints[1].ToString().ShouldBe("tcp:[::1]:5061");
    }

    [Fact]
    public void TryParseList_SeveralBadEntries_ReportsEveryOne()
    {
        SipListenEndpoint.TryParseList("sctp:1.2.3.4:5060,udp:::1:5060,tcp:host:5060,udp:1.2.3.4:99999,udp:1.2.3.4:5060", out var ok, out var errors)
            .ShouldBeFalse();

        errors.ShouldBe([
            "entry 1 'sctp:1.2.3.4:5060': unknown transport 'sctp' (use udp or tcp)",
            "entry 2 'udp:::1:5060': an IPv6 address must be written in brackets",
            "entry 3 'tcp:host:5060': 'host' is not an IP address",
            "entry 4 'udp:1.2.3.4:99999': '99999' is not a port",
        ]);
        ok.Count.ShouldBe(1);
    }
}
