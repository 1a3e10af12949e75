using System.Net;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Parsing;
using Tollgate.Sip.Tests.Support;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Building;

public class SipResponseBuilderTests
{
    private const string Invite = """
        INVITE sip:bob@example.com SIP/2.0
        Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKaaa;rport, SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKbbb
        Via: SIP/2.0/TCP 10.0.0.8;branch=z9hG4bKccc
        Record-Route: <sip:p1.example.com;lr>
        Record-Route: <sip:p2.example.com;lr>
        From: "Alice" <sip:alice@example.com>;tag=f1
        To: <sip:bob@example.com>
        Call-ID: call-1
        CSeq: 7 INVITE
        Timestamp: 54
        Max-Forwards: 70
        Contact: <sip:alice@10.0.0.1>
        Content-Length: 0


        """;

    [Fact]
    public void ForRequest_Ok_IsByteExactWithToTagAndRecordRoute()
    {
        var request = Wire.Request(Invite);

        var response = SipResponseBuilder.ForRequest(request, 200, toTag: "t9").Build();

        Wire.Text(response.Bytes).ShouldBe(Wire.Crlf("""
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKaaa;rport, SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKbbb
            Via: SIP/2.0/TCP 10.0.0.8;branch=z9hG4bKccc
            From: "Alice" <sip:alice@example.com>;tag=f1
            To: <sip:bob@example.com>;tag=t9
            Call-ID: call-1
            CSeq: 7 INVITE
            Record-Route: <sip:p1.example.com;lr>
            Record-Route: <sip:p2.example.com;lr>
            Content-Length: 0


            """));
    }

    [Fact]
    public void ForRequest_Trying_HasNoToTagAndEchoesTimestamp()
    {
        var request = Wire.Request(Invite);

        var trying = SipResponseBuilder.ForRequest(request, 100, toTag: "t9").Build();

        trying.ToTag.ShouldBeNull();
        trying.GetHeaderValue(KnownHeader.Timestamp).ShouldBe("54");
        trying.RecordRoutes.ShouldBeEmpty();
        trying.ReasonPhrase.ShouldBe("Trying");
    }

    [Fact]
    public void ForRequest_RequestWithToTag_KeepsItsTag()
    {
        var request = Wire.Request(Invite.Replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=old", StringComparison.Ordinal));

        SipResponseBuilder.ForRequest(request, 486, toTag: "new").Build().ToTag.ShouldBe("old");
    }

    [Fact]
    public void ForRequest_ReceivedOverNetwork_AddsReceivedAndRportToTopViaOnly()
    {
        var request = Wire.Request(Invite);
        request.Flow = new SipFlow(new RecordingTransport(), new IPEndPoint(IPAddress.Parse("203.0.113.5"), 40000));

        var response = SipResponseBuilder.ForRequest(request, 180, toTag: "t").Build();

        response.Vias.Count.ShouldBe(3);
        response.Vias[0].Received.ShouldBe("203.0.113.5");
        response.Vias[0].RPort.ShouldBe(40000);
        response.Vias[1].Host.ShouldBe("10.0.0.9");
        response.Vias[1].Received.ShouldBeNull();
        response.Vias[2].Transport.ShouldBe("TCP");
    }

    [Fact]
    public void ForRequest_SentByIsSourceWithoutRport_AddsNothing()
    {
        var request = Wire.Request(RealWorldCorpus.KamailioOptionsPing);
        request.Flow = new SipFlow(new RecordingTransport(), new IPEndPoint(IPAddress.Parse("192.0.2.20"), 5060));

        var response = SipResponseBuilder.ForRequest(request, 200, toTag: "t").Build();

        response.TopVia.Parameters.Count.ShouldBe(1);
    }

    [Fact]
    public void ForRequest_ReasonPhraseOverride_IsWritten()
    {
        var request = Wire.Request(Invite);

        var response = SipResponseBuilder.ForRequest(request, 400, "Via header: missing branch parameter").Build();

        Wire.Text(response.Bytes).ShouldStartWith("SIP/2.0 400 Via header: missing branch parameter\r\n");
    }

    [Fact]
    public void Constructor_ReasonWithNewline_Throws()
    {
        Should.Throw<ArgumentException>(() => new SipResponseBuilder(200, "OK\r\nX: injected"));
    }
}
