namespace Tollgate.Sip.Tests.Parsing;

/// <summary>Messages from RFC 4475 (SIP torture tests); the IPv6 ones of RFC 5118 are in <see cref="Ipv6TortureCorpus"/>.</summary>
/// <remarks>
/// Bodies that only pad the RFC's examples are kept with their Content-Length. "&lt;SP&gt;" marks a space that
/// must survive editors trimming trailing whitespace.
/// </remarks>
public static class TortureCorpus
{
    private const string Sdp150 = """
        v=0
        o=mhandley 29739 7272939 IN IP4 192.0.2.3
        s=-
        c=IN IP4 192.0.2.4
        t=0 0
        m=audio 49217 RTP/AVP 0 12
        m=video 3227 RTP/AVP 31
        a=rtpmap:31 LPC

        """;

    // 3.1.1.1 A Short Tortuous INVITE
    public const string Wsinv = """
        INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0
        TO :
         sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n
        from   : "J Rosenberg \\\""       <sip:jdrosen@example.com>
          ;
          tag = 98asjd8
        MaX-fOrWaRdS: 0068
        Call-ID: wsinv.ndaksdj@192.0.2.1
        Content-Length   : 150
        cseq: 0009
          INVITE
        Via  : SIP  /   2.0
         /UDP
            192.0.2.2;branch=390skdjuw
        s :
        NewFangledHeader:   newfangled value
         continued newfangled value
        UnknownHeaderWithUnusualValue: ;;,,;;,;
        Content-Type: application/sdp
        Route:
         <sip:services.example.com;lr;unknownwith=value;unknown-no-value>
        v:  SIP  / 2.0  / TCP     spindle.example.com   ;
          branch  =   z9hG4bK9ikj8  ,
         SIP  /    2.0   / UDP  192.168.255.111   ; branch=
         z9hG4bK30239
        m:"Quoted string \"\"" <sip:jdrosen@example.com> ; newparam =
              newvalue ;
          secondparam ; q = 0.33


        """ + Sdp150;

    // 3.1.1.2 Wide Range of Valid Characters (control characters written as escapes)
    public const string Intmeth =
        "!interesting-Method0123456789_*+`.%indeed'~ sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\n" +
        "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\n" +
        "To: \"BEL:\\\u0007 NUL:\\\u0000 DEL:\\\u007F\" <sip:1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>\n" +
        "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com>;fromParam''~+*_!.-%=\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\";tag=_token~1'+`*%!-.\n" +
        "Call-ID: intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{\n" +
        "CSeq: 139122385 !interesting-Method0123456789_*+`.%indeed'~\n" +
        "Max-Forwards: 255\n" +
        "extensionHeader-!.%*+_`'~: \uFEFF\u5927\u505C\u96FB\n" +
        "Content-Length: 0\n\n";

    // 3.1.1.3 Valid Use of the % Escaping Mechanism
    public const string Esc01 = """
        INVITE sip:sips%3Auser%40example.com@example.net SIP/2.0
        To: sip:%75se%72@example.com
        From: <sip:I%20have%20spaces@example.net>;tag=938
        Max-Forwards: 87
        i: esc01.239409asdfakjkn23onasd0-3234
        CSeq: 234234 INVITE
        Via: SIP/2.0/UDP host5.example.net;branch=z9hG4bKkdjuw
        C: application/sdp
        Contact:
          <sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31>
        Content-Length: 150

        v=0
        o=mhandley 29739 7272939 IN IP4 192.0.2.1
        s=-
        c=IN IP4 192.0.2.1
        t=0 0
        m=audio 49217 RTP/AVP 0 12
        m=video 3227 RTP/AVP 31
        a=rtpmap:31 LPC

        """;

    // 3.1.1.4 Escaped Nulls in URIs
    public const string Escnull = """
        REGISTER sip:example.com SIP/2.0
        To: sip:null-%00-null@example.com
        From: sip:null-%00-null@example.com;tag=839923423
        Max-Forwards: 70
        Call-ID: escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd
        CSeq: 14398234 REGISTER
        Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw
        Contact: <sip:%00@host5.example.com>
        Contact: <sip:%00%00@host5.example.com>
        L:0


        """;

    // 3.1.1.5 Use of % When It Is Not an Escape
    public const string Esc02 = """
        RE%47IST%45R sip:registrar.example.com SIP/2.0
        To: "%Z%45" <sip:resource@example.com>
        From: "%Z%45" <sip:resource@example.com>;tag=f232jadfj23
        Call-ID: esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf
        Via: SIP/2.0/TCP host.example.com;branch=z9hG4bK209793
        Max-Forwards: 70
        Contact: <sip:alias1@host1.example.com>
        C%6Fntact: <sip:alias2@host2.example.com>
        Contact: <sip:alias3@host3.example.com>
        CSeq: 1983 RE%47IST%45R
        l: 0


        """;

    // 3.1.1.6 Message with No LWS between Display Name and <
    public const string Lwsdisp = """
        OPTIONS sip:user@example.com SIP/2.0
        To: sip:user@example.com
        From: caller<sip:caller@example.com>;tag=323
        Max-Forwards: 70
        Call-ID: lwsdisp.1234abcd@funky.example.com
        CSeq: 60 OPTIONS
        Via: SIP/2.0/UDP funky.example.com;branch=z9hG4bKkdjuw
        l: 0


        """;

    // 3.1.1.8 Extra Trailing Octets in a UDP Datagram
    public const string Dblreq = """
        REGISTER sip:example.com SIP/2.0
        To: sip:j.user@example.com
        From: sip:j.user@example.com;tag=43251j3j324
        Max-Forwards: 8
        I: dblreq.0ha0isndaksdj99sdfafnl3lk233412
        Contact: sip:j.user@host.example.com
        CSeq: 8 REGISTER
        Via: SIP/2.0/UDP 192.0.2.125;branch=z9hG4bKkdjuw23492
        Content-Length: 0


        INVITE sip:joe@example.com SIP/2.0
        t: sip:joe@example.com
        From: sip:caller@example.net;tag=141334
        Max-Forwards: 8
        Call-ID: dblreq.0ha0isnda977644900765@192.0.2.15
        CSeq: 8 INVITE
        Via: SIP/2.0/UDP 192.0.2.15;branch=z9hG4bKkdjuw380234
        Content-Type: application/sdp
        Content-Length: 150


        """ + Sdp150;

    // 3.1.1.9 Semicolon-Separated Parameters in URI User Part
    public const string Semiuri = """
        OPTIONS sip:user;par=u%40example.net@example.com SIP/2.0
        To: sip:j_user@example.com
        From: sip:caller@example.org;tag=33242
        Max-Forwards: 3
        Call-ID: semiuri.0ha0isndaksdj
        CSeq: 8 OPTIONS
        Accept: application/sdp, application/pkcs7-mime,
                multipart/mixed, multipart/signed,
                message/sip, message/sipfrag
        Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw
        l: 0


        """;

    // 3.1.1.10 Varied and Unknown Transport Types
    public const string Transports = """
        OPTIONS sip:user@example.com SIP/2.0
        To: sip:user@example.com
        From: <sip:caller@example.com>;tag=323
        Max-Forwards: 70
        Call-ID:  transports.kijh4akdnaqjkwendsasfdj
        Accept: application/sdp
        CSeq: 60 OPTIONS
        Via: SIP/2.0/UDP t1.example.com;branch=z9hG4bKkdjuw
        Via: SIP/2.0/SCTP t2.example.com;branch=z9hG4bKklasjdhf
        Via: SIP/2.0/TLS t3.example.com;branch=z9hG4bK2980unddj
        Via: SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en
        Via: SIP/2.0/TCP t5.example.com;branch=z9hG4bK0a9idfnee
        l: 0


        """;

    // 3.1.1.12 Unusual Reason Phrase
    public const string Unreason = """
        SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое
        Via: SIP/2.0/UDP 192.0.2.198;branch=z9hG4bK1324923
        Call-ID: unreason.1234ksdfak3j2erwedfsASdf
        CSeq: 35 INVITE
        From: sip:user@example.com;tag=11141343
        To: sip:user@example.edu;tag=2229
        Content-Length: 154
        Content-Type: application/sdp
        Contact: <sip:user@host198.example.com>

        v=0
        o=mhandley 29739 7272939 IN IP4 192.0.2.198
        s=-
        c=IN IP4 192.0.2.198
        t=0 0
        m=audio 49217 RTP/AVP 0 12
        m=video 3227 RTP/AVP 31
        a=rtpmap:31 LPC

        """;

    // 3.1.1.13 Empty Reason Phrase
    public static readonly string Noreason = """
        SIP/2.0 100<SP>
        Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe
        Call-ID: noreason.asndj203insdf99223ndf
        CSeq: 35 INVITE
        From: <sip:user@example.com>;tag=39ansfi3
        To: <sip:user@example.edu>;tag=902jndnke3
        Content-Length: 0
        Contact: <sip:user@host105.example.com>


        """.Replace("<SP>", " ", StringComparison.Ordinal);

    // 3.1.4.12 / 3.1.4.13 / 3.1.4.14 REGISTER Contact forms
    public const string Cparam01 = """
        REGISTER sip:example.com SIP/2.0
        Via: SIP/2.0/UDP saturn.example.com:5060;branch=z9hG4bKkdjuw
        Max-Forwards: 70
        From: sip:watson@example.com;tag=DkfVgjkrtMwaerKKpe
        To: sip:watson@example.com
        Call-ID: cparam01.70710@saturn.example.com
        CSeq: 2 REGISTER
        Contact: sip:+19725552222@gw1.example.net;unknownparam
        l: 0


        """;

    public const string Cparam02 = """
        REGISTER sip:example.com SIP/2.0
        Via: SIP/2.0/UDP saturn.example.com:5060;branch=z9hG4bKkdjuw
        Max-Forwards: 70
        From: sip:watson@example.com;tag=838293
        To: sip:watson@example.com
        Call-ID: cparam02.70710@saturn.example.com
        CSeq: 3 REGISTER
        Contact: <sip:+19725552222@gw1.example.net;unknownparam>
        l: 0


        """;

    public const string Regescrt = """
        REGISTER sip:example.com SIP/2.0
        To: sip:user@example.com
        From: sip:user@example.com;tag=8
        Max-Forwards: 70
        Call-ID: regescrt.k345asrl3fdbv@192.0.2.1
        CSeq: 14398234 REGISTER
        Via: SIP/2.0/UDP host5.example.com;branch=z9hG4bKkdjuw
        M: <sip:user@example.com?Route=%3Csip:sip.example.com%3E>
        L:0


        """;

    // 3.1.4.4 Unknown URI Schemes in Header Fields
    public const string Unksm2 = """
        REGISTER sip:example.com SIP/2.0
        To: isbn:2983792873
        From: <http://www.example.com>;tag=3234233
        Call-ID: unksm2.daksdj@hyphenated-host.example.com
        CSeq: 234902 REGISTER
        Max-Forwards: 70
        Via: SIP/2.0/UDP 192.0.2.21:5060;branch=z9hG4bKkdjuw
        Contact: <name:John_Smith>
        l: 0


        """;

    // 3.1.4.2 Request-URI with Unknown Scheme
    public const string Unkscm = """
        OPTIONS nobodyknowsthisscheme:totallyopaquecontent SIP/2.0
        To: sip:user@example.com
        From: sip:caller@example.net;tag=384
        Max-Forwards: 3
        Call-ID: unkscm.nasdfasser0q239nwsdfasdkl34
        CSeq: 3923423 OPTIONS
        Via: SIP/2.0/TCP host9.example.com;branch=z9hG4bKkdjuw39234
        Content-Length: 0


        """;

    // 3.1.4.5 Proxy-Require and Require
    public const string Bext01 = """
        OPTIONS sip:user@example.com SIP/2.0
        To: sip:j_user@example.com
        From: sip:caller@example.net;tag=242etr
        Max-Forwards: 6
        Call-ID: bext01.0ha0isndaksdj
        Require: nothing
        Proxy-Require: noProxyRequire
        CSeq: 8 OPTIONS
        Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKkdjuw
        l: 0


        """;

    // 3.1.4.7 Unknown Authorization Scheme
    public const string Regaut01 = """
        REGISTER sip:example.com SIP/2.0
        To: sip:j.user@example.com
        From: sip:j.user@example.com;tag=87321hj23128
        Max-Forwards: 8
        Call-ID: regaut01.0ha0isndaksdj
        CSeq: 9338 REGISTER
        Via: SIP/2.0/TCP 192.0.2.253;branch=z9hG4bKkdjuw
        Authorization: NoOneKnowsThisScheme opaque-data=here
        Content-Length:0


        """;

    // 3.1.2.12 Invalid Time Zone in Date Header Field (accepted: Date is not used)
    public const string Baddate = """
        INVITE sip:user@example.com SIP/2.0
        To: sip:user@example.com
        From: sip:caller@example.net;tag=2234923
        Max-Forwards: 70
        Call-ID: baddate.239423mnsadf3j23lj42--sedfnm234
        CSeq: 1392934 INVITE
        Via: SIP/2.0/UDP host.example.com;branch=z9hG4bKkdjuw
        Date: Fri, 01 Jan 2010 16:00:00 EST
        Contact: <sip:caller@host5.example.net>
        Content-Length: 0


        """;

    public static IEnumerable<string> Valid =>
    [
        Wsinv, Intmeth, Esc01, Escnull, Esc02, Lwsdisp, Dblreq, Semiuri, Transports, Unreason, Noreason, Cparam01,
        Cparam02, Regescrt, Unksm2, Unkscm, Bext01, Regaut01, Baddate, Ipv6TortureCorpus.Good,
        Ipv6TortureCorpus.PortAmbiguous, Ipv6TortureCorpus.PortUnambiguous, Ipv6TortureCorpus.ReceivedInBrackets,
        Ipv6TortureCorpus.Ipv4Mapped,
    ];
}
