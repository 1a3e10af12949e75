namespace Tollgate.Sip.Tests.Parsing;

/// <summary>Malformed messages (most from RFC 4475 §3.1.2, §3.1.3, §3.4 and RFC 5118) and the exact error each gives.</summary>
public static class MalformedCorpus
{
    private const string Options = """
        OPTIONS sip:user@example.com SIP/2.0
        To: sip:user@example.com
        From: sip:caller@example.net;tag=1
        Max-Forwards: 70
        Call-ID: t.1
        CSeq: 1 OPTIONS
        Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKt1
        """;

    private static string WithHeaders(string extra) => Options + "\n" + extra + "\n\n";

    private static string Replace(string from, string to) => Options.Replace(from, to, StringComparison.Ordinal) + "\n\n";

    public static TheoryData<string, string, string, int> Cases => new()
    {
        // RFC 4475 3.1.2.1 badinv01
        { "badinv01", Replace("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKt1", "Via: SIP/2.0/UDP 192.0.2.15;;,;,,"), "Via header: empty parameter", 400 },
        // 3.1.2.2 clerr
        { "clerr", WithHeaders("Content-Length: 9999") + "v=0\r\n", "Content-Length: 9999 bytes announced but 5 received", 400 },
        // 3.1.2.3 scalar02
        { "scalar02", WithHeaders("Content-Length: -999"), "Content-Length header: not a non-negative number", 400 },
        // 3.1.2.4 scalarlg
        { "scalarlg-cseq", Replace("CSeq: 1 OPTIONS", "CSeq: 36893488147419103232 OPTIONS"), "CSeq header: sequence number is larger than 2**31-1", 400 },
        { "scalarlg-maxforwards", Replace("Max-Forwards: 70", "Max-Forwards: 300"), "Max-Forwards header: must be a number from 0 to 255", 400 },
        { "scalarlg-expires", WithHeaders("Expires: 10000000000000000000"), "Expires header: must be delta-seconds below 2**32", 400 },
        { "scalarlg-contact", WithHeaders("Contact: <sip:user@host129.example.com>;expires=280297596632815"), "Contact header: expires parameter must be delta-seconds below 2**32", 400 },
        // 3.1.2.6 quotbal
        { "quotbal", Replace("To: sip:user@example.com", "To: \"Mr. J. User <sip:j.user@example.com>"), "To header: unterminated quoted display name", 400 },
        // 3.1.2.7 ltgtruri
        { "ltgtruri", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS <sip:user@example.com> SIP/2.0"), "Request-URI: missing URI scheme", 400 },
        // 3.1.2.8 lwsruri
        { "lwsruri", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS sip:user@example.com; lr SIP/2.0"), "Request-Line: elements must be separated by single spaces", 400 },
        // 3.1.2.9 lwsstart
        { "lwsstart", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS  sip:user@example.com  SIP/2.0"), "Request-Line: elements must be separated by single spaces", 400 },
        // 3.1.2.10 trws
        { "trws", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS sip:user@example.com SIP/2.0  "), "Request-Line: malformed SIP version", 400 },
        // 3.1.2.11 escruri
        { "escruri", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS sip:user@example.com?Route=%3Csip:example.com%3E SIP/2.0"), "Request-URI: headers ('?') are not allowed in a Request-URI", 400 },
        // 3.1.2.13 regbadct
        { "regbadct", WithHeaders("Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E"), "Contact header: a URI with headers ('?') must be enclosed in '<' and '>'", 400 },
        // 3.1.2.14 badaspec
        { "badaspec", Replace("To: sip:user@example.com", "To: \"Watson, Thomas\" < sip:t.watson@example.org >"), "To header: missing URI scheme", 400 },
        // 3.1.2.15 baddn
        { "baddn", Replace("From: sip:caller@example.net;tag=1", "From: Bell, Alexander <sip:a.g.bell@example.com>;tag=43"), "From header: missing URI scheme", 400 },
        // 3.1.2.16 badvers
        { "badvers", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS sip:user@example.com SIP/7.0"), "Request-Line: SIP version is not 2.0", 505 },
        // 3.1.2.17 mismatch01 / 3.1.2.18 mismatch02
        { "mismatch01", Replace("CSeq: 1 OPTIONS", "CSeq: 8 INVITE"), "CSeq: method does not match request line", 400 },
        { "mismatch02", Replace("OPTIONS sip:user@example.com SIP/2.0", "NEWMETHOD sip:user@example.com SIP/2.0"), "CSeq: method does not match request line", 400 },
        // 3.1.2.19 bigcode
        { "bigcode", "SIP/2.0 4294967301 better not break the receiver\nVia: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\n\n", "Status-Line: status code must be three digits from 100 to 699", 400 },
        // 3.1.3.1 badbranch
        { "badbranch", Replace("branch=z9hG4bKt1", "branch=z9hG4bK"), "Via header: branch parameter has nothing after the magic cookie", 400 },
        // 3.1.4.1 insuf
        { "insuf", "INVITE sip:user@example.com SIP/2.0\nCSeq: 193942 INVITE\nVia: SIP/2.0/UDP 192.0.2.95;branch=z9hG4bKkdj.insuf\nl: 0\n\n", "missing From header", 400 },
        // 3.1.4.8 multi01
        { "multi01", WithHeaders("CSeq: 59 OPTIONS"), "CSeq header: appears more than once", 400 },
        { "multi01-to", WithHeaders("To: sip:other@example.net"), "To header: appears more than once", 400 },
        // 3.1.4.9 mcl01
        { "mcl01", WithHeaders("Content-Length: 0\nContent-Length: 5"), "Content-Length header: appears more than once", 400 },
        // 3.4.1 inv2543: no branch at all
        { "inv2543", Replace(";branch=z9hG4bKt1", ""), "Via header: missing branch parameter", 400 },
        // RFC 5118 4.2 ipv6-bad, 4.10 three colons
        { "ipv6-bad", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS sip:2001:db8::10 SIP/2.0"), "Request-URI: invalid port", 400 },
        { "ipv6-3-colons", Replace("OPTIONS sip:user@example.com SIP/2.0", "OPTIONS sip:[2001:db8:::192.0.2.151] SIP/2.0"), "Request-URI: invalid IPv6 address in brackets", 400 },
        // Structure
        { "no-colon", WithHeaders("This line has no colon"), "header line without a colon after the name", 400 },
        { "fold-first", "OPTIONS sip:user@example.com SIP/2.0\n continued\n\n", "continuation line before any header", 400 },
        { "no-empty-line", Options, "headers are not followed by an empty line", 400 },
        { "no-start-line-end", "OPTIONS sip:user@example.com SIP/2.0", "message ends inside the start line", 400 },
        { "garbage", "HELLO\n\n", "Request-Line: must be Method SP Request-URI SP SIP-Version", 400 },
        { "bad-method", "INV<ITE sip:a@b SIP/2.0\n\n", "Request-Line: method is not a token", 400 },
        { "missing-via", Replace("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKt1", ""), "missing Via header", 400 },
        { "missing-call-id", Replace("Call-ID: t.1\n", ""), "missing Call-ID header", 400 },
        { "missing-from-tag", Replace("From: sip:caller@example.net;tag=1", "From: sip:caller@example.net"), "From header: missing tag parameter", 400 },
        { "via-no-sent-by", Replace("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKt1", "Via: SIP/2.0/UDP"), "Via header: missing space before sent-by", 400 },
        { "via-bad-port", Replace("192.0.2.1;branch", "192.0.2.1:99999;branch"), "Via header: sent-by: invalid port", 400 },
        { "via-bad-received", Replace(";branch=z9hG4bKt1", ";branch=z9hG4bKt1;received=host.example.com"), "Via header: received parameter must be an IP address", 400 },
        { "via-bad-ttl", Replace(";branch=z9hG4bKt1", ";branch=z9hG4bKt1;ttl=256"), "Via header: ttl parameter must be a number from 0 to 255", 400 },
        { "route-no-brackets", WithHeaders("Route: sip:proxy.example.com;lr"), "Route header: the URI must be enclosed in '<' and '>'", 400 },
        { "contact-bad-q", WithHeaders("Contact: <sip:a@b>;q=1.5"), "Contact header: q parameter must be a qvalue from 0 to 1", 400 },
        { "allow-bad-token", WithHeaders("Allow: INVITE, <BYE>"), "Allow header: invalid token starting with '<'", 400 },
        { "allow-empty-element", WithHeaders("Allow: INVITE,,BYE"), "Allow header: empty list element", 400 },
        { "se-bad-refresher", WithHeaders("Session-Expires: 1800;refresher=both"), "Session-Expires header: refresher parameter must be uac or uas", 400 },
        { "minse-not-number", WithHeaders("Min-SE: soon"), "Min-SE header: missing delta-seconds", 400 },
        { "content-type-no-subtype", WithHeaders("Content-Type: application"), "Content-Type header: media type must be type/subtype", 400 },
        { "auth-no-equals", WithHeaders("Authorization: Digest username"), "Authorization header: authentication parameter without '='", 400 },
        { "call-id-space", Replace("Call-ID: t.1", "Call-ID: t 1"), "Call-ID header: invalid character ' '", 400 },
        { "uri-bad-escape", Replace("To: sip:user@example.com", "To: <sip:us%4@example.com>"), "To header: invalid %-escape in URI user part", 400 },
        { "uri-bad-host", Replace("To: sip:user@example.com", "To: <sip:user@exa$mple.com>"), "To header: unexpected '$' in SIP URI", 400 },
    };
}
