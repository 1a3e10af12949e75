using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Tests.Messages;

public class NameAddressTests
{
    [Fact]
    public void Parse_QuotedDisplayNameWithEscapes_Unquotes()
    {
        var a = NameAddress.Parse("\"Bob \\\"the builder\\\"\" <sip:bob@example.com>;tag=a1;expires=60");

        a.DisplayName.ShouldBe("Bob \"the builder\"");
        a.Uri.User.ShouldBe("bob");
        a.Tag.ShouldBe("a1");
        a.Expires.ShouldBe(60u);
    }

    [Fact]
    public void Parse_AddrSpec_ParametersBelongToTheHeader()
    {
        var a = NameAddress.Parse("sip:bob@example.com;tag=77");

        a.Uri.Parameters.Count.ShouldBe(0);
        a.Tag.ShouldBe("77");
        a.ToString().ShouldBe("sip:bob@example.com;tag=77");
    }

    [Fact]
    public void WithTag_WritesWithBrackets()
    {
        var a = NameAddress.Parse("sip:bob@example.com").WithTag("xyz");

        a.ToString().ShouldBe("<sip:bob@example.com>;tag=xyz");
    }

    [Fact]
    public void ToString_DisplayNameWithQuote_EscapesIt()
    {
        var a = new NameAddress(SipUri.Parse("sip:x@y"), "Say \"hi\"");

        a.ToString().ShouldBe("\"Say \\\"hi\\\"\" <sip:x@y>");
        NameAddress.Parse(a.ToString()).DisplayName.ShouldBe("Say \"hi\"");
    }

    [Theory]
    [InlineData("<sip:a@b", "missing '>' after the URI")]
    [InlineData("\"Unclosed <sip:a@b>", "unterminated quoted display name")]
    [InlineData("<sip:a@b>;tag=\"q\"", "tag parameter must be a token")]
    [InlineData("<sip:a@b> junk", "unexpected 'j' where a ';' parameter was expected")]
    public void TryParse_Invalid_SaysWhy(string text, string error)
    {
        NameAddress.TryParse(text, out _, out var why).ShouldBeFalse();
        why.ShouldBe(error);
    }
}
