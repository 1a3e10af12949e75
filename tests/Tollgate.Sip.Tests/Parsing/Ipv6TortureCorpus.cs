namespace Tollgate.Sip.Tests.Parsing;

/// <summary>IPv6 messages in the manner of RFC 5118 (SIP torture tests for IPv6).</summary>
public static class Ipv6TortureCorpus
{
    public const string Good = """
        REGISTER sip:[2001:db8::10] SIP/2.0
        To: sip:user@example.com
        From: sip:user@example.com;tag=81x2
        Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111
        Call-ID: SSG9559905523997077@hlau_4100
        Max-Forwards: 70
        Contact: "Caller" <sip:caller@[2001:db8::1]>
        CSeq: 98176 REGISTER
        Content-Length: 0


        """;

    public const string PortAmbiguous = """
        REGISTER sip:[2001:db8::10:5070] SIP/2.0
        To: sip:user@example.com
        From: sip:user@example.com;tag=81x2
        Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111
        Call-ID: SSG9559905523997077@hlau_4100
        Contact: "Caller" <sip:caller@[2001:db8::1]>
        Max-Forwards: 70
        CSeq: 98176 REGISTER
        Content-Length: 0


        """;

    public const string PortUnambiguous = """
        REGISTER sip:[2001:db8::10]:5070 SIP/2.0
        To: sip:user@example.com
        From: sip:user@example.com;tag=81x2
        Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bKas3-111
        Call-ID: SSG9559905523997077@hlau_4100
        Contact: "Caller" <sip:caller@[2001:db8::1]>
        Max-Forwards: 70
        CSeq: 98176 REGISTER
        Content-Length: 0


        """;

    public const string ReceivedInBrackets = """
        BYE sip:[2001:db8::10] SIP/2.0
        To: sip:user@example.com;tag=bd76ya
        From: sip:user@example.com;tag=81x2
        Via: SIP/2.0/UDP [2001:db8::9:1];received=[2001:db8::9:255];branch=z9hG4bKas3-111
        Call-ID: SSG9559905523997077@hlau_4100
        Max-Forwards: 70
        CSeq: 321 BYE
        Content-Length: 0


        """;

    public const string Ipv4Mapped = """
        INVITE sip:user@example.com SIP/2.0
        To: sip:user@example.com
        From: sip:user@east.example.com;tag=81x2
        Via: SIP/2.0/UDP [::ffff:192.0.2.10]:19823;branch=z9hG4bKbh19
        Via: SIP/2.0/UDP [::ffff:192.0.2.2]:10820;branch=z9hG4bKbh19
        Call-ID: SSG95523997077@hlau_4100
        Contact: "T. desk phone" <sip:ted@[::ffff:192.0.2.2]>
        CSeq: 612 INVITE
        Max-Forwards: 70
        Content-Length: 0


        """;
}
