using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Parsing;

/// <summary>The valid messages of RFC 4475 §3.1.1 and RFC 5118, each with what a parser must read from it.</summary>
public class TortureTests
{
    [Fact]
    public void Parse_Wsinv_HandlesFoldingLwsCaseAndMixedForms()
    {
        var m = Wire.Request(TortureCorpus.Wsinv);

        m.RequestUri.Parameters.Contains("unknownparam").ShouldBeTrue();
        m.To.Uri.User.ShouldBe("vivekg");
        m.ToTag.ShouldBe("1918181833n");
        m.From.DisplayName.ShouldBe("J Rosenberg \\\"");
        m.FromTag.ShouldBe("98asjd8");
        m.MaxForwards.ShouldBe(68);
        m.CallId.ShouldBe("wsinv.ndaksdj@192.0.2.1");
        m.CSeq.ShouldBe(new CSeq(9, SipMethod.Invite));
        m.Vias.Count.ShouldBe(3);
        m.Vias[0].Transport.ShouldBe("UDP");
        m.Vias[0].Host.ShouldBe("192.0.2.2");
        m.Branch.ShouldBe("390skdjuw");
        m.Vias[1].Transport.ShouldBe("TCP");
        m.Vias[1].Host.ShouldBe("spindle.example.com");
        m.Vias[1].Branch.ShouldBe("z9hG4bK9ikj8");
        m.Vias[2].Host.ShouldBe("192.168.255.111");
        m.Vias[2].Branch.ShouldBe("z9hG4bK30239");
        m.GetHeaderValue(KnownHeader.Subject).ShouldBe("");
        m.GetHeaderValue("NewFangledHeader").ShouldBe("newfangled value continued newfangled value");
        m.GetHeaderValue("UnknownHeaderWithUnusualValue").ShouldBe(";;,,;;,;");
        m.Routes.Single().Uri.Parameters["unknownwith"].ShouldBe("value");
        m.Routes.Single().Uri.Parameters.Contains("unknown-no-value").ShouldBeTrue();
        var contact = m.Contacts.Single();
        contact.DisplayName.ShouldBe("Quoted string \"\"");
        contact.Parameters["newparam"].ShouldBe("newvalue");
        contact.Parameters.Contains("secondparam").ShouldBeTrue();
        contact.Q.ShouldBe(0.33);
        m.Body.Length.ShouldBe(150);
    }

    [Fact]
    public void Parse_Intmeth_AcceptsEveryTokenCharacterAndUnknownMethod()
    {
        var m = Wire.Request(TortureCorpus.Intmeth);

        m.Method.Name.ShouldBe("!interesting-Method0123456789_*+`.%indeed'~");
        m.Method.IsKnown.ShouldBeFalse();
        m.RequestUri.User.ShouldBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
        m.RequestUri.Password.ShouldBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
        m.To.DisplayName.ShouldBe("BEL:\u0007 NUL:\u0000 DEL:\u007F");
        m.From.DisplayName.ShouldBe("token1~` token2'+_ token3*%!.-");
        m.From.Parameters["fromParam''~+*_!.-%"].ShouldBe("работающий");
        m.FromTag.ShouldBe("_token~1'+`*%!-.");
        m.CallId.ShouldBe("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{");
        m.CSeq.Number.ShouldBe(139122385u);
        m.Branch.ShouldBe("z9hG4bK-.!%66*_+`'~");
        m.GetHeaderValue("extensionHeader-!.%*+_`'~").ShouldBe("\uFEFF大停電");
    }

    [Fact]
    public void Parse_Esc01_KeepsEscapesWithoutDecoding()
    {
        var m = Wire.Request(TortureCorpus.Esc01);

        m.RequestUri.User.ShouldBe("sips%3Auser%40example.com");
        m.RequestUri.Host.ShouldBe("example.net");
        m.To.Uri.User.ShouldBe("%75se%72");
        m.From.Uri.User.ShouldBe("I%20have%20spaces");
        m.CallId.ShouldBe("esc01.239409asdfakjkn23onasd0-3234");
        m.ContentType.ShouldBe("application/sdp");
        m.Contacts.Single().Uri.Parameters["n%61me"].ShouldBe("v%61lue%25%34%31");
        m.Contacts.Single().Uri.Parameters.Contains("%6C%72").ShouldBeTrue();
    }

    [Fact]
    public void Parse_Escnull_AcceptsEscapedNulInUserParts()
    {
        var m = Wire.Request(TortureCorpus.Escnull);

        m.To.Uri.User.ShouldBe("null-%00-null");
        m.Contacts.Select(c => c.Uri.User).ShouldBe(["%00", "%00%00"]);
    }

    [Fact]
    public void Parse_Esc02_TreatsPercentInMethodAndHeaderNameLiterally()
    {
        var m = Wire.Request(TortureCorpus.Esc02);

        m.Method.Name.ShouldBe("RE%47IST%45R");
        m.Method.ShouldNotBe(SipMethod.Register);
        m.To.DisplayName.ShouldBe("%Z%45");
        m.Contacts.Count.ShouldBe(2);
        m.GetHeaderValue("C%6Fntact").ShouldBe("<sip:alias2@host2.example.com>");
    }

    [Fact]
    public void Parse_Lwsdisp_ReadsDisplayNameTouchingTheBracket()
    {
        var m = Wire.Request(TortureCorpus.Lwsdisp);

        m.From.DisplayName.ShouldBe("caller");
        m.From.Uri.User.ShouldBe("caller");
    }

    [Fact]
    public void Parse_Dblreq_IgnoresOctetsAfterContentLength()
    {
        var m = Wire.Request(TortureCorpus.Dblreq);

        m.Method.ShouldBe(SipMethod.Register);
        m.Body.Length.ShouldBe(0);
        Wire.Text(m.Bytes).ShouldNotContain("INVITE");
        m.Contacts.Single().Uri.User.ShouldBe("j.user");
    }

    [Fact]
    public void Parse_Semiuri_KeepsSemicolonsInTheUserPart()
    {
        var m = Wire.Request(TortureCorpus.Semiuri);

        m.RequestUri.User.ShouldBe("user;par=u%40example.net");
        m.RequestUri.Host.ShouldBe("example.com");
        m.RequestUri.Parameters.Count.ShouldBe(0);
        m.GetHeaderValue(KnownHeader.Accept)!.ShouldEndWith("message/sip, message/sipfrag");
    }

    [Fact]
    public void Parse_Transports_KeepsUnknownTransportNames()
    {
        var m = Wire.Request(TortureCorpus.Transports);

        m.Vias.Select(v => v.Transport).ShouldBe(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"]);
        m.CallId.ShouldBe("transports.kijh4akdnaqjkwendsasfdj");
    }

    [Fact]
    public void Parse_Unreason_ReadsUtf8ReasonPhrase()
    {
        var m = Wire.Response(TortureCorpus.Unreason);

        m.StatusCode.ShouldBe(200);
        m.ReasonPhrase.ShouldBe("= 2**3 * 5**2 но сто девяносто девять - простое");
        m.Body.Length.ShouldBe(154);
    }

    [Fact]
    public void Parse_Noreason_AcceptsEmptyReasonPhrase()
    {
        var m = Wire.Response(TortureCorpus.Noreason);

        m.StatusCode.ShouldBe(100);
        m.ReasonPhrase.ShouldBe("");
    }

    [Fact]
    public void Parse_ContactWithoutBrackets_GivesItsParameterToTheHeader()
    {
        var withoutBrackets = Wire.Request(TortureCorpus.Cparam01).Contacts.Single();
        var withBrackets = Wire.Request(TortureCorpus.Cparam02).Contacts.Single();

        withoutBrackets.Parameters.Contains("unknownparam").ShouldBeTrue();
        withoutBrackets.Uri.Parameters.Count.ShouldBe(0);
        withBrackets.Parameters.Count.ShouldBe(0);
        withBrackets.Uri.Parameters.Contains("unknownparam").ShouldBeTrue();
    }

    [Fact]
    public void Parse_Regescrt_KeepsUriHeadersInsideBrackets()
    {
        var m = Wire.Request(TortureCorpus.Regescrt);

        m.Contacts.Single().Uri.Headers.ShouldBe("Route=%3Csip:sip.example.com%3E");
    }

    [Fact]
    public void Parse_UnknownSchemes_AreOpaqueButValid()
    {
        var headers = Wire.Request(TortureCorpus.Unksm2);
        var requestUri = Wire.Request(TortureCorpus.Unkscm);

        headers.To.Uri.Scheme.ShouldBe("isbn");
        headers.To.Uri.Opaque.ShouldBe("2983792873");
        headers.From.Uri.Scheme.ShouldBe("http");
        headers.Contacts.Single().Uri.ToString().ShouldBe("name:John_Smith");
        requestUri.RequestUri.IsSip.ShouldBeFalse();
        requestUri.RequestUri.Scheme.ShouldBe("nobodyknowsthisscheme");
    }

    [Fact]
    public void Parse_Bext01_ReadsRequireAndProxyRequire()
    {
        var m = Wire.Request(TortureCorpus.Bext01);

        m.Require.ShouldBe(["nothing"]);
        m.ProxyRequire.ShouldBe(["noProxyRequire"]);
    }

    [Fact]
    public void Parse_UnknownAuthorizationScheme_IsWellFormed()
    {
        var m = Wire.Request(TortureCorpus.Regaut01);

        m.GetHeaderValue(KnownHeader.Authorization).ShouldBe("NoOneKnowsThisScheme opaque-data=here");
    }

    [Fact]
    public void Parse_BadDateTimeZone_IsAccepted()
    {
        Wire.Request(TortureCorpus.Baddate).GetHeaderValue(KnownHeader.Date).ShouldBe("Fri, 01 Jan 2010 16:00:00 EST");
    }

    [Fact]
    public void Parse_Ipv6Literals_KeepBracketsAndSplitPortsOutsideThem()
    {
        Wire.Request(Ipv6TortureCorpus.Good).RequestUri.Host.ShouldBe("[2001:db8::10]");
        Wire.Request(Ipv6TortureCorpus.Good).Contacts.Single().Uri.Host.ShouldBe("[2001:db8::1]");
        Wire.Request(Ipv6TortureCorpus.PortAmbiguous).RequestUri.Host.ShouldBe("[2001:db8::10:5070]");
        Wire.Request(Ipv6TortureCorpus.PortAmbiguous).RequestUri.Port.ShouldBeNull();
        Wire.Request(Ipv6TortureCorpus.PortUnambiguous).RequestUri.Port.ShouldBe(5070);
        Wire.Request(Ipv6TortureCorpus.ReceivedInBrackets).TopVia.Received.ShouldBe("[2001:db8::9:255]");
        var mapped = Wire.Request(Ipv6TortureCorpus.Ipv4Mapped);
        mapped.TopVia.Host.ShouldBe("[::ffff:192.0.2.10]");
        mapped.TopVia.Port.ShouldBe(19823);
        mapped.Contacts.Single().Uri.HostAddress!.IsIPv4MappedToIPv6.ShouldBeTrue();
    }
}
