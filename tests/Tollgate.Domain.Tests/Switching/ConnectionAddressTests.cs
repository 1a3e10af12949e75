using System.Net;
using Tollgate.Domain.Switching;

namespace Tollgate.Domain.Tests.Switching;

public class ConnectionAddressTests
{
    [Theory]
    [InlineData("192.0.2.1", false, "192.0.2.1")]
    [InlineData(" 192.0.2.1:5060 ", false, "192.0.2.1:5060")]
    [InlineData("[2001:0DB8::0001]:5061", false, "[2001:db8::1]:5061")]
    [InlineData("2001:db8::1", false, "2001:db8::1")]
    [InlineData("[::ffff:192.0.2.1]:5060", false, "192.0.2.1:5060")]
    [InlineData("GW1.Carrier.Example", false, "gw1.carrier.example")]
    [InlineData("gw1.carrier.example:5080", false, "gw1.carrier.example:5080")]
    [InlineData("192.0.2.1", true, "192.0.2.1")]
    public void Normalize_WritesEachAddressOneWay(string text, bool ipOnly, string expected)
    {
        ConnectionAddress.TryNormalize(text, ipOnly, out var normalized, out var error).ShouldBeTrue(error);
        normalized.ShouldBe(expected);
    }

    [Theory]
    [InlineData("gw.carrier.example", true, "not an IP address")]
    [InlineData("192.0.2.1:0", false, "not a port")]
    [InlineData("192.0.2.1:65536", false, "not a port")]
    [InlineData("[2001:db8::1]5060", false, "followed by nothing or by :port")]
    [InlineData("[192.0.2.1]:5060", false, "not an IPv6 address")]
    [InlineData("bad_host!", false, "neither an IP address nor a host name")]
    [InlineData("-gw.example", false, "neither an IP address nor a host name")]
    [InlineData("", false, "must be host or host:port")]
    public void BadAddresses_AreRefusedSayingWhy(string text, bool ipOnly, string reason)
    {
        ConnectionAddress.TryNormalize(text, ipOnly, out _, out var error).ShouldBeFalse();
        error!.ShouldContain(reason);
    }

    [Fact]
    public void CandidatesFor_ASource_AreWithAndWithoutItsPort_AsAnIncomingConnectionIsSaved()
    {
        ConnectionAddress.CandidatesFor(new IPEndPoint(IPAddress.Parse("192.0.2.1").MapToIPv6(), 5060)).ShouldBe(("192.0.2.1:5060", "192.0.2.1"));
        ConnectionAddress.CandidatesFor(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5060)).ShouldBe(("[2001:db8::1]:5060", "2001:db8::1"));
    }
}
