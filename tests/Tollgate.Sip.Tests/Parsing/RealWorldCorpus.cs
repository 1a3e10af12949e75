namespace Tollgate.Sip.Tests.Parsing;

/// <summary>Messages as real phones, gateways and servers send them (addresses and secrets changed).</summary>
public static class RealWorldCorpus
{
    public const string YealinkInvite = """
        INVITE sip:0612345678@sip.example.net SIP/2.0
        Via: SIP/2.0/UDP 192.168.1.50:5062;branch=z9hG4bK1785693404;rport
        From: "Reception" <sip:1001@sip.example.net>;tag=1426387916
        To: <sip:0612345678@sip.example.net>
        Call-ID: 1893524713@192.168.1.50
        CSeq: 2 INVITE
        Contact: <sip:1001@192.168.1.50:5062>
        Authorization: Digest username="1001", realm="sip.example.net", nonce="Y2FmZWJhYmUxMjM0NTY3OA", uri="sip:0612345678@sip.example.net", response="7e3f7c4d3f1a0a4f8e62e1c1b5c0d9a2", algorithm=MD5
        Content-Type: application/sdp
        Allow: INVITE, INFO, PRACK, ACK, BYE, CANCEL, OPTIONS, NOTIFY, REGISTER, SUBSCRIBE, REFER, PUBLISH, UPDATE, MESSAGE
        Max-Forwards: 70
        User-Agent: Yealink SIP-T46S 66.86.0.15
        Allow-Events: talk,hold,conference,refer,check-sync
        Supported: replaces
        Content-Length: 306

        v=0
        o=- 20009 20009 IN IP4 192.168.1.50
        s=SDP data
        c=IN IP4 192.168.1.50
        t=0 0
        m=audio 11796 RTP/AVP 8 0 18 9 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:18 G729/8000
        a=fmtp:18 annexb=no
        a=rtpmap:9 G722/8000
        a=fmtp:101 0-15
        a=rtpmap:101 telephone-event/8000
        a=ptime:20
        a=sendrecv

        """;

    public const string CiscoGatewayInvite = """
        INVITE sip:+4930123456@203.0.113.10:5060 SIP/2.0
        Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1A2F3C
        Remote-Party-ID: <sip:+4940987654@198.51.100.7>;party=calling;screen=no;privacy=off
        From: <sip:+4940987654@198.51.100.7>;tag=8C3D1A0-1F4
        To: <sip:+4930123456@203.0.113.10>
        Date: Mon, 20 Jan 2025 10:11:12 GMT
        Call-ID: 9F1E2D3C-B6A511EF-8A1BC0DE-5F6A7B8C@198.51.100.7
        Supported: 100rel,timer,resource-priority,replaces,sdp-anat
        Min-SE:  1800
        Cisco-Guid: 2670668345-3064467951-2316042462-1600813964
        User-Agent: Cisco-SIPGateway/IOS-15.x
        Allow: INVITE, OPTIONS, BYE, CANCEL, ACK, PRACK, UPDATE, REFER, SUBSCRIBE, NOTIFY, INFO, REGISTER
        CSeq: 101 INVITE
        Timestamp: 1737367872
        Contact: <sip:+4940987654@198.51.100.7:5060>
        Expires: 180
        Allow-Events: telephone-event
        Max-Forwards: 69
        Session-Expires:  1800
        Content-Type: application/sdp
        Content-Disposition: session;handling=required
        Content-Length: 247

        v=0
        o=CiscoSystemsSIP-GW-UserAgent 8123 4591 IN IP4 198.51.100.7
        s=SIP Call
        c=IN IP4 198.51.100.7
        t=0 0
        m=audio 16384 RTP/AVP 8 101
        c=IN IP4 198.51.100.7
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20

        """;

    public const string AsteriskOk = """
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
        Session-Expires: 1800;refresher=uas
        Contact: <sip:0612345678@10.0.0.30:5060;transport=udp>
        Content-Type: application/sdp
        Require: timer
        Content-Length: 246

        v=0
        o=root 1210533017 1210533017 IN IP4 10.0.0.30
        s=Asterisk PBX 18.20.0
        c=IN IP4 10.0.0.30
        t=0 0
        m=audio 14542 RTP/AVP 8 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=maxptime:150
        a=sendrecv

        """;

    public const string FreeSwitchInvite = """
        INVITE sip:2000@10.0.0.40:5080;transport=tcp SIP/2.0
        Via: SIP/2.0/TCP 10.0.0.41:5060;rport;branch=z9hG4bKvm3Sjg9yQ2p8a
        Max-Forwards: 69
        From: "Extension 1000" <sip:1000@10.0.0.41>;tag=N3rZ0c8KBr9jp
        To: <sip:2000@10.0.0.40:5080;transport=tcp>
        Call-ID: 4b4f5d3e-2a1b-4c6d-8e9f-0a1b2c3d4e5f
        CSeq: 10492340 INVITE
        Contact: <sip:mod_sofia@10.0.0.41:5060;transport=tcp>
        User-Agent: FreeSWITCH-mod_sofia/1.10.11-release~64bit
        Allow: INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, INFO, UPDATE, REGISTER, REFER, NOTIFY, PUBLISH, SUBSCRIBE
        Supported: timer, path, replaces
        Allow-Events: talk, hold, conference, presence, as-feature-event, dialog, line-seize, call-info, sla, include-session-description, presence.winfo, message-summary, refer
        Session-Expires: 1800;refresher=uac
        Min-SE: 120
        Content-Type: application/sdp
        Content-Disposition: session
        X-FS-Support: update_display,send_info
        Remote-Party-ID: "Extension 1000" <sip:1000@10.0.0.41>;party=calling;screen=yes;privacy=off
        Content-Length: 262

        v=0
        o=FreeSWITCH 1737340000 1737340001 IN IP4 10.0.0.41
        s=FreeSWITCH
        c=IN IP4 10.0.0.41
        t=0 0
        m=audio 24580 RTP/AVP 9 8 0 101
        a=rtpmap:9 G722/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20

        """;

    public const string Spa941Register = """
        REGISTER sip:pbx.example.com SIP/2.0
        Via: SIP/2.0/UDP 192.168.0.20:5060;branch=z9hG4bK-9d2b8e1a
        From: Alice <sip:201@pbx.example.com>;tag=b4a5f9e0c3dd1e2fo0
        To: Alice <sip:201@pbx.example.com>
        Call-ID: 7ba2b3c3-f1d6f5e1@192.168.0.20
        CSeq: 57 REGISTER
        Max-Forwards: 70
        Contact: Alice <sip:201@192.168.0.20:5060>;expires=3600
        User-Agent: Linksys/SPA941-5.1.8
        Content-Length: 0
        Allow: ACK, BYE, CANCEL, INFO, INVITE, NOTIFY, OPTIONS, REFER
        Supported: x-sipura


        """;

    public const string AsteriskUnauthorized = """
        SIP/2.0 401 Unauthorized
        Via: SIP/2.0/UDP 192.168.0.20:5060;branch=z9hG4bK-9d2b8e1a;received=203.0.113.9
        From: Alice <sip:201@pbx.example.com>;tag=b4a5f9e0c3dd1e2fo0
        To: Alice <sip:201@pbx.example.com>;tag=as3c1f2a4b
        Call-ID: 7ba2b3c3-f1d6f5e1@192.168.0.20
        CSeq: 57 REGISTER
        Server: Asterisk PBX 16.28.0
        Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE
        Supported: replaces, timer
        WWW-Authenticate: Digest algorithm=MD5, realm="asterisk", nonce="6b2a9e1c"
        Content-Length: 0


        """;

    /// <summary>A mobile softphone that writes every header it can in compact form, over TCP.</summary>
    public const string CompactFormRefer = """
        REFER sip:bob@192.0.2.4 SIP/2.0
        v: SIP/2.0/TCP 198.51.100.23:51432;branch=z9hG4bK.Xy7Qw2;alias
        f: <sip:alice@example.com>;tag=5dd8c2
        t: <sip:bob@example.org>;tag=a7c3e1
        i: 2b1f6cc1-ef0c-4f4c-9f2a-1b2c3d4e5f60
        CSeq: 93 REFER
        m: <sip:alice@198.51.100.23:51432;transport=tcp>;+sip.instance="<urn:uuid:00000000-0000-1000-8000-00a0c91e6bf6>"
        r: <sip:carol@example.net?Replaces=12345%40192.0.2.4%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994>
        b: <sip:alice@example.com>
        k: replaces, norefersub
        u: refer, talk
        o: refer
        x: 600;refresher=uas
        s: transfer
        Max-Forwards: 70
        l: 0


        """;

    /// <summary>An INVITE between IPv6 hosts (RFC 5118 style), with an IPv6 SDP.</summary>
    public const string Ipv6Invite = """
        INVITE sip:bob@[2001:db8::20]:5070;transport=udp SIP/2.0
        Via: SIP/2.0/UDP [2001:db8::10]:5060;branch=z9hG4bKv6a1;received=2001:db8::9:255;rport=5060
        Max-Forwards: 70
        From: <sip:alice@[2001:db8::10]>;tag=v6f1
        To: <sip:bob@[2001:db8::20]:5070>
        Call-ID: v6call-1@2001:db8::10
        CSeq: 1 INVITE
        Contact: <sip:alice@[2001:db8::10]:5060>
        Content-Type: application/sdp
        Content-Length: 116

        v=0
        o=alice 2890844526 2890844526 IN IP6 2001:db8::10
        s=-
        c=IN IP6 2001:db8::10
        t=0 0
        m=audio 49170 RTP/AVP 0

        """;

    public const string SippUacInvite = """
        INVITE sip:service@127.0.0.1:5060 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-4021-1-0
        From: sipp <sip:sipp@127.0.0.1:5061>;tag=4021SIPpTag001
        To: service <sip:service@127.0.0.1:5060>
        Call-ID: 1-4021@127.0.0.1
        CSeq: 1 INVITE
        Contact: sip:sipp@127.0.0.1:5061
        Max-Forwards: 70
        Subject: Performance Test
        Content-Type: application/sdp
        Content-Length:   129

        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        """;

    public const string KamailioOptionsPing = """
        OPTIONS sip:1001@192.168.1.50:5062 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK04b9.8a0c5d61000000000000000000000000.0
        To: <sip:1001@192.168.1.50:5062>
        From: <sip:pinger@192.0.2.20>;tag=5a8a9c0e4b27ef2bc0bce0e7e4e52a3f-1b3d
        CSeq: 10 OPTIONS
        Call-ID: 1c8a2c3d40f5e2a1-30751@192.0.2.20
        Max-Forwards: 70
        Content-Length: 0
        User-Agent: kamailio (5.7.4 (x86_64/linux))


        """;

    public const string PolycomRingingWithRecordRoute = """
        SIP/2.0 180 Ringing
        Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK8c2a.1f9e0d5c.0, SIP/2.0/UDP 192.168.1.50:5062;received=203.0.113.77;branch=z9hG4bK1785693404;rport=40111
        Record-Route: <sip:192.0.2.20;lr=on;ftag=1426387916>
        From: "Reception" <sip:1001@sip.example.net>;tag=1426387916
        To: <sip:1002@sip.example.net>;tag=C5A1E2B3-9D0F4A2E
        CSeq: 2 INVITE
        Call-ID: 1893524713@192.168.1.50
        Contact: <sip:1002@192.168.1.60>
        User-Agent: PolycomVVX-VVX_411-UA/6.4.6.2546
        Accept-Language: en
        Allow: INVITE,ACK,BYE,CANCEL,OPTIONS,INFO,MESSAGE,SUBSCRIBE,NOTIFY,PRACK,UPDATE,REFER
        Allow-Events: conference,talk,hold
        Content-Length: 0


        """;

    public static IEnumerable<string> All =>
    [
        YealinkInvite, CiscoGatewayInvite, AsteriskOk, FreeSwitchInvite, Spa941Register, AsteriskUnauthorized,
        CompactFormRefer, Ipv6Invite, SippUacInvite, KamailioOptionsPing, PolycomRingingWithRecordRoute,
    ];
}
