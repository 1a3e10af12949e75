using System.Text;

namespace Tollgate.Sip.Bench;

/// <summary>The messages the benchmarks use: a phone's INVITE with SDP and a PBX's 200 OK, as on the wire.</summary>
internal static class Samples
{
    public static readonly byte[] Invite = Crlf("""
        INVITE sip:0612345678@sip.example.net SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.50:5062;branch=z9hG4bK1785693404;rport
        From: "Reception" <sip:1001@sip.example.net>;tag=1426387916
        To: <sip:0612345678@sip.example.net>
        Call-ID: 1893524713@192.168.1.50
        CSeq: 2 INVITE
        Contact: <sip:1001@192.168.1.50:5062>
        Content-Type: application/sdp
        Allow: INVITE, INFO, PRACK, ACK, BYE, CANCEL, OPTIONS, NOTIFY, REGISTER, SUBSCRIBE, REFER, PUBLISH, UPDATE, MESSAGE
        Max-Forwards: 70
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Allow-Events: talk,hold,conference,refer,check-sync
        Supported: replaces
        Content-Length: 256

        v=0
        o=- 20009 20009 IN IP4 192.168.1.50
        s=SDP data
        c=IN IP4 192.168.1.50
        t=0 0
        m=audio 11796 RTP/AVP 8 0 18 9 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:18 G729/8000
        a=rtpmap:9 G722/8000
        a=rtpmap:101 telephone-event/8000
        a=ptime:20

        """);

    public static readonly byte[] Ok = Crlf("""
        SIP/2.0 200 OK
        Via: SIP/2.0/UDP 192.168.1.50:5062;branch=z9hG4bK1785693404;received=203.0.113.77;rport=40111
        Record-Route: <sip:192.0.2.20;lr;ftag=1426387916>,<sip:10.0.0.20;r2=on;lr;ftag=1426387916>
        From: "Reception" <sip:1001@sip.example.net>;tag=1426387916
        To: <sip:0612345678@sip.example.net>;tag=as5f6a7b8c
        Call-ID: 1893524713@192.168.1.50
        CSeq: 2 INVITE
        Server: Asterisk PBX 18.20.0
        Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE
        Supported: replaces, timer
        Contact: <sip:0612345678@10.0.0.30:5060;transport=udp>
        Content-Type: application/sdp
        Content-Length: 201

        v=0
        o=root 1210533017 1210533017 IN IP4 10.0.0.30
        s=Asterisk PBX 18.20.0
        c=IN IP4 10.0.0.30
        t=0 0
        m=audio 14542 RTP/AVP 8 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=ptime:20

        """);

    private static byte[] Crlf(string text) => Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal));
}
