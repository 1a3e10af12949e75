using Tollgate.Sip.Messages;
using Tollgate.Sip.SessionTimers;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Parsing;

public class RealWorldMessageTests
{
    [Fact]
    public void Parse_YealinkInvite_ReadsDialogFieldsAllowAndBody()
    {
        var invite = Wire.Request(RealWorldCorpus.YealinkInvite);

        invite.Method.ShouldBe(SipMethod.Invite);
        invite.RequestUri.User.ShouldBe("0612345678");
        invite.RequestUri.Host.ShouldBe("sip.example.net");
        invite.CallId.ShouldBe("1893524713@192.168.1.50");
        invite.CSeq.ShouldBe(new CSeq(2, SipMethod.Invite));
        invite.FromTag.ShouldBe("1426387916");
        invite.ToTag.ShouldBeNull();
        invite.From.DisplayName.ShouldBe("Reception");
        invite.Branch.ShouldBe("z9hG4bK1785693404");
        invite.TopVia.HasRPort.ShouldBeTrue();
        invite.TopVia.RPort.ShouldBeNull();
        invite.TopVia.Port.ShouldBe(5062);
        invite.Contacts.Single().Uri.ToString().ShouldBe("sip:1001@192.168.1.50:5062");
        invite.MaxForwards.ShouldBe(70);
        invite.Allow!.Value.HasFlag(SipMethodSet.Update).ShouldBeTrue();
        invite.Allow!.Value.HasFlag(SipMethodSet.Prack).ShouldBeTrue();
        invite.Supported.ShouldBe(["replaces"]);
        invite.ContentType.ShouldBe("application/sdp");
        invite.Body.Length.ShouldBe(306);
        Wire.Text(invite.Body).ShouldStartWith("v=0\r\no=- 20009 20009 IN IP4 192.168.1.50\r\n");
        invite.GetHeaderValue("user-agent").ShouldBe("Yealink SIP-T46S 66.86.0.15");
        invite.GetHeaderValue(KnownHeader.Authorization)!.ShouldStartWith("Digest username=\"1001\"");
    }

    [Fact]
    public void Parse_CiscoGatewayInvite_ReadsSessionTimerAndExtensionHeaders()
    {
        var invite = Wire.Request(RealWorldCorpus.CiscoGatewayInvite);

        invite.RequestUri.User.ShouldBe("+4930123456");
        invite.RequestUri.Port.ShouldBe(5060);
        invite.FromTag.ShouldBe("8C3D1A0-1F4");
        invite.CSeq.Number.ShouldBe(101u);
        invite.MinSE.ShouldBe(1800u);
        invite.SessionExpires!.DeltaSeconds.ShouldBe(1800u);
        invite.SessionExpires.Refresher.ShouldBe(SessionRefresher.Unspecified);
        invite.Supported.ShouldBe(["100rel", "timer", "resource-priority", "replaces", "sdp-anat"]);
        invite.Expires.ShouldBe(180u);
        invite.MaxForwards.ShouldBe(69);
        invite.GetHeaderValue("Cisco-Guid").ShouldBe("2670668345-3064467951-2316042462-1600813964");
        invite.GetHeaderValue("Remote-Party-ID").ShouldBe("<sip:+4940987654@198.51.100.7>;party=calling;screen=no;privacy=off");
        invite.TopVia.Port.ShouldBe(5060);
        invite.TopVia.Branch.ShouldBe("z9hG4bK1A2F3C");
    }

    [Fact]
    public void Parse_AsteriskOk_ReadsRecordRouteListAndReceivedRport()
    {
        var ok = Wire.Response(RealWorldCorpus.AsteriskOk);

        ok.StatusCode.ShouldBe(200);
        ok.ReasonPhrase.ShouldBe("OK");
        ok.ToTag.ShouldBe("as5f6a7b8c");
        ok.TopVia.Received.ShouldBe("203.0.113.77");
        ok.TopVia.RPort.ShouldBe(40111);
        ok.RecordRoutes.Count.ShouldBe(2);
        ok.RecordRoutes[0].Uri.IsLooseRouter.ShouldBeTrue();
        ok.RecordRoutes[0].Uri.Host.ShouldBe("192.0.2.20");
        ok.RecordRoutes[1].Uri.Parameters["r2"].ShouldBe("on");
        ok.Contacts.Single().Uri.Transport.ShouldBe("udp");
        ok.Allow!.Value.HasFlag(SipMethodSet.Update).ShouldBeFalse();
        ok.Allow!.Value.HasFlag(SipMethodSet.Refer).ShouldBeTrue();
        ok.SessionExpires!.Refresher.ShouldBe(SessionRefresher.Uas);
        ok.Require.ShouldBe(["timer"]);
        ok.Body.Length.ShouldBe(246);
    }

    [Fact]
    public void Parse_FreeSwitchInvite_ReadsTcpViaAndRefresher()
    {
        var invite = Wire.Request(RealWorldCorpus.FreeSwitchInvite);

        invite.TopVia.Transport.ShouldBe("TCP");
        invite.RequestUri.Transport.ShouldBe("tcp");
        invite.RequestUri.EffectivePort.ShouldBe(5080);
        invite.CSeq.Number.ShouldBe(10492340u);
        invite.SessionExpires.ShouldBe(new SessionExpires(1800, SessionRefresher.Uac));
        invite.MinSE.ShouldBe(120u);
        invite.From.DisplayName.ShouldBe("Extension 1000");
        invite.Supported.ShouldBe(["timer", "path", "replaces"]);
    }

    [Fact]
    public void Parse_Spa941Register_ReadsContactExpiresAndUnquotedDisplayName()
    {
        var register = Wire.Request(RealWorldCorpus.Spa941Register);

        register.Method.ShouldBe(SipMethod.Register);
        register.RequestUri.User.ShouldBeNull();
        register.From.DisplayName.ShouldBe("Alice");
        register.Contacts.Single().Expires.ShouldBe(3600u);
        register.Contacts.Single().DisplayName.ShouldBe("Alice");
        register.Branch.ShouldBe("z9hG4bK-9d2b8e1a");
        register.Body.Length.ShouldBe(0);
        register.Allow.ShouldBe(SipMethodSet.Ack | SipMethodSet.Bye | SipMethodSet.Cancel | SipMethodSet.Info
            | SipMethodSet.Invite | SipMethodSet.Notify | SipMethodSet.Options | SipMethodSet.Refer);
    }

    [Fact]
    public void Parse_AsteriskUnauthorized_ReadsChallenge()
    {
        var challenge = Wire.Response(RealWorldCorpus.AsteriskUnauthorized);

        challenge.StatusCode.ShouldBe(401);
        challenge.GetHeaderValue(KnownHeader.WwwAuthenticate).ShouldBe("Digest algorithm=MD5, realm=\"asterisk\", nonce=\"6b2a9e1c\"");
        challenge.TopVia.Received.ShouldBe("203.0.113.9");
    }

    [Fact]
    public void Parse_CompactForms_MapToTheirLongHeaders()
    {
        var refer = Wire.Request(RealWorldCorpus.CompactFormRefer);

        refer.TopVia.Transport.ShouldBe("TCP");
        refer.TopVia.Parameters.Contains("alias").ShouldBeTrue();
        refer.FromTag.ShouldBe("5dd8c2");
        refer.ToTag.ShouldBe("a7c3e1");
        refer.CallId.ShouldBe("2b1f6cc1-ef0c-4f4c-9f2a-1b2c3d4e5f60");
        refer.Contacts.Single().Parameters["+sip.instance"].ShouldBe("<urn:uuid:00000000-0000-1000-8000-00a0c91e6bf6>");
        refer.GetHeaderValue(KnownHeader.ReferTo)!.ShouldContain("Replaces=12345%40192.0.2.4");
        refer.GetHeaderValue("Referred-By").ShouldBe("<sip:alice@example.com>");
        refer.Supported.ShouldBe(["replaces", "norefersub"]);
        refer.GetHeaderValue(KnownHeader.AllowEvents).ShouldBe("refer, talk");
        refer.GetHeaderValue(KnownHeader.Event).ShouldBe("refer");
        refer.SessionExpires.ShouldBe(new SessionExpires(600, SessionRefresher.Uas));
        refer.GetHeaderValue(KnownHeader.Subject).ShouldBe("transfer");
        refer.Headers[0].Name.ShouldBe("v");
        refer.Headers[0].CanonicalName.ShouldBe("Via");
    }

    [Fact]
    public void Parse_Ipv6Invite_KeepsBracketsAndPorts()
    {
        var invite = Wire.Request(RealWorldCorpus.Ipv6Invite);

        invite.RequestUri.Host.ShouldBe("[2001:db8::20]");
        invite.RequestUri.Port.ShouldBe(5070);
        invite.RequestUri.HostAddress.ShouldBe(System.Net.IPAddress.Parse("2001:db8::20"));
        invite.TopVia.Host.ShouldBe("[2001:db8::10]");
        invite.TopVia.Port.ShouldBe(5060);
        invite.TopVia.Received.ShouldBe("2001:db8::9:255");
        invite.From.Uri.Host.ShouldBe("[2001:db8::10]");
        invite.Contacts.Single().Uri.Port.ShouldBe(5060);
        invite.CallId.ShouldBe("v6call-1@2001:db8::10");
    }

    [Fact]
    public void Parse_SippInvite_ReadsAddrSpecContactAndPaddedContentLength()
    {
        var invite = Wire.Request(RealWorldCorpus.SippUacInvite);

        invite.Contacts.Single().Uri.ToString().ShouldBe("sip:sipp@127.0.0.1:5061");
        invite.Contacts.Single().DisplayName.ShouldBeNull();
        invite.To.DisplayName.ShouldBe("service");
        invite.Body.Length.ShouldBe(129);
        invite.GetHeaderValue(KnownHeader.Subject).ShouldBe("Performance Test");
    }

    [Fact]
    public void Parse_KamailioOptions_HasNoAllowWhichMeansUnknown()
    {
        var options = Wire.Request(RealWorldCorpus.KamailioOptionsPing);

        options.Method.ShouldBe(SipMethod.Options);
        options.Allow.ShouldBeNull();
        options.Branch.ShouldBe("z9hG4bK04b9.8a0c5d61000000000000000000000000.0");
    }

    [Fact]
    public void Parse_CommaSeparatedVias_ListsBothInOrder()
    {
        var ringing = Wire.Response(RealWorldCorpus.PolycomRingingWithRecordRoute);

        ringing.Vias.Count.ShouldBe(2);
        ringing.Vias[0].Host.ShouldBe("192.0.2.20");
        ringing.Vias[0].Port.ShouldBeNull();
        ringing.Vias[1].RPort.ShouldBe(40111);
        ringing.Branch.ShouldBe("z9hG4bK8c2a.1f9e0d5c.0");
        ringing.RecordRoutes.Single().Uri.Parameters["lr"].ShouldBe("on");
        ringing.Allow!.Value.HasFlag(SipMethodSet.Update).ShouldBeTrue();
    }

    [Fact]
    public void Parse_EveryCorpusMessage_WritesBackByteExact()
    {
        foreach (var text in RealWorldCorpus.All)
        {
            var bytes = Wire.Bytes(text);
            var message = Wire.Message(text);
            var expected = bytes.AsSpan(0, message.Bytes.Length).ToArray();
            message.Bytes.ToArray().ShouldBe(expected);
        }
    }
}
