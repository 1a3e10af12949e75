using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Tests.Messages;

public class ViaTests
{
    [Fact]
    public void Parse_ViaWithAllParameters_ReadsThem()
    {
        var via = Via.Parse("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bKabc;received=198.51.100.2;rport=4000;maddr=239.1.1.1;ttl=16");

        via.Transport.ShouldBe("UDP");
        via.SentBy.ShouldBe("192.0.2.1:5070");
        via.Branch.ShouldBe("z9hG4bKabc");
        via.Received.ShouldBe("198.51.100.2");
        via.RPort.ShouldBe(4000);
        via.MAddr.ShouldBe("239.1.1.1");
        via.Ttl.ShouldBe(16);
    }

    [Fact]
    public void Constructor_WritesCanonicalForm()
    {
        var via = new Via("tcp", "[2001:db8::1]", 5060, SipParameters.Of(new SipParameter("branch", "z9hG4bK1"), new SipParameter("rport", null)));

        via.ToString().ShouldBe("SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK1;rport");
        Via.Parse(via.ToString()).HasRPort.ShouldBeTrue();
    }
}
