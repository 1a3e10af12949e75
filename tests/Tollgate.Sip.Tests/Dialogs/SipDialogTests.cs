using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Dialogs;

public class SipDialogTests
{
    private static SipDialog UacDialog(string recordRoute)
    {
        var invite = Wire.Request("""
            INVITE sip:bob@example.com SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKd1
            From: <sip:alice@example.com>;tag=a1
            To: <sip:bob@example.com>
            Call-ID: d-1
            CSeq: 7 INVITE
            Contact: <sip:alice@127.0.0.1>
            Content-Length: 0


            """);
        var ok = SipResponseBuilder.ForRequest(invite, 200, toTag: "b1")
            .AddHeader("Record-Route", recordRoute)
            .AddHeader("Contact", "<sip:bob@192.0.2.10:5070>")
            .Build();
        return DialogFactory.ForUac(invite, ok);
    }

    [Fact]
    public void CreateRequest_LooseRoute_KeepsTargetAsRequestUri()
    {
        var dialog = UacDialog("<sip:p2.example.com;lr>, <sip:p1.example.com;lr>");

        var bye = dialog.CreateRequest(SipMethod.Bye);

        bye.RequestUri.ToString().ShouldBe("sip:bob@192.0.2.10:5070");
        bye.Headers.Where(h => h.Key == "Route").Select(h => h.Value).ShouldBe(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"]);
        bye.GetHeaderValue("CSeq").ShouldBe("8 BYE");
    }

    [Fact]
    public void CreateRequest_StrictRoute_PutsRouteInRequestUriAndTargetLast()
    {
        var dialog = UacDialog("<sip:p2.example.com;lr>, <sip:strict.example.com>");

        var bye = dialog.CreateRequest(SipMethod.Bye);

        bye.RequestUri.ToString().ShouldBe("sip:strict.example.com");
        bye.Headers.Where(h => h.Key == "Route").Select(h => h.Value)
            .ShouldBe(["<sip:p2.example.com;lr>", "<sip:bob@192.0.2.10:5070>"]);
    }

    [Fact]
    public void CreateRequest_EachCall_IncrementsLocalCSeq()
    {
        var dialog = UacDialog("<sip:p1.example.com;lr>");

        dialog.CreateRequest(SipMethod.Update);
        dialog.CreateRequest(SipMethod.Options).GetHeaderValue("CSeq").ShouldBe("9 OPTIONS");

        dialog.CreateAck(7).GetHeaderValue("CSeq").ShouldBe("7 ACK");
        dialog.LocalSequence.ShouldBe(9u);
        Should.Throw<ArgumentException>(() => dialog.CreateRequest(SipMethod.Ack));
    }
}
