using System.Net;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Tests.Messages;

public class SipUriTests
{
    [Fact]
    public void Parse_FullSipUri_SplitsEveryPart()
    {
        var uri = SipUri.Parse("sips:alice:secret@atlanta.example.com:5071;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");

        uri.Scheme.ShouldBe("sips");
        uri.IsSecure.ShouldBeTrue();
        uri.User.ShouldBe("alice");
        uri.Password.ShouldBe("secret");
        uri.Host.ShouldBe("atlanta.example.com");
        uri.Port.ShouldBe(5071);
        uri.Transport.ShouldBe("tcp");
        uri.IsLooseRouter.ShouldBeTrue();
        uri.MAddr.ShouldBe("239.255.255.1");
        uri.Headers.ShouldBe("subject=project%20x&priority=urgent");
        uri.ToString().ShouldBe("sips:alice:secret@atlanta.example.com:5071;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent");
    }

    [Theory]
    [InlineData("sip:example.com", 5060)]
    [InlineData("sips:example.com", 5061)]
    [InlineData("sip:example.com:7000", 7000)]
    public void EffectivePort_WithoutPort_UsesSchemeDefault(string text, int port)
    {
        SipUri.Parse(text).EffectivePort.ShouldBe(port);
    }

    [Fact]
    public void Create_IPv6Host_AddsBrackets()
    {
        var uri = SipUri.Create("bob", new IPEndPoint(IPAddress.Parse("2001:db8::5"), 5062));

        uri.ToString().ShouldBe("sip:bob@[2001:db8::5]:5062");
        uri.HostAddress.ShouldBe(IPAddress.Parse("2001:db8::5"));
    }

    [Fact]
    public void WithParameter_ChangedUri_IsWrittenCanonically()
    {
        var uri = SipUri.Parse("sip:carol@chicago.example.com").WithParameter("transport", "tcp").WithParameter("lr");

        uri.ToString().ShouldBe("sip:carol@chicago.example.com;transport=tcp;lr");
    }

    [Fact]
    public void WithoutHeaders_RemovesQueryPart()
    {
        SipUri.Parse("sip:a@b?x=y").WithoutHeaders().ToString().ShouldBe("sip:a@b");
    }

    [Theory]
    [InlineData("sip:", "missing host")]
    [InlineData("example.com", "missing URI scheme")]
    [InlineData("sip:a@b:70000", "invalid port")]
    [InlineData("sip:[::1", "unterminated IPv6 reference")]
    [InlineData("sip:a b@c", "invalid character ' ' in URI user part")]
    [InlineData("sip:a@b;=x", "empty URI parameter")]
    public void TryParse_Invalid_SaysWhy(string text, string error)
    {
        SipUri.TryParse(text, out _, out var why).ShouldBeFalse();
        why.ShouldBe(error);
    }

    [Fact]
    public void Parse_TelUri_IsOpaque()
    {
        var uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");

        uri.IsSip.ShouldBeFalse();
        uri.Opaque.ShouldBe("+1-201-555-0123;phone-context=example.com");
        Should.Throw<InvalidOperationException>(() => uri.WithUser("x"));
    }
}
