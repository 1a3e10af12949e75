using Tollgate.Domain.Switching;

namespace Tollgate.Domain.Tests.Switching;

public class UserAgentPatternTests
{
    [Theory]
    [InlineData("Linksys/SPA941-5.1.8", "Linksys/SPA941-5.1.8", true)]
    [InlineData("Linksys/SPA941-5.1.8", "linksys/spa941-5.1.8", true)]
    [InlineData("Linksys/SPA941-5.1.8", "Linksys/SPA941-5.1.8 extra", false)]
    [InlineData("Cisco%,Sipura%,Grandstream%", "Grandstream GXP2170 1.0.11.3", true)]
    [InlineData("Cisco%,Sipura%,Grandstream%", "Cisco", true)]
    [InlineData("Cisco%,Sipura%,Grandstream%", "Yealink SIP-T46S", false)]
    [InlineData("Cisco%,Sipura%,Grandstream%", "My Cisco", false)]
    [InlineData("%SPA9%", "Linksys/SPA941-5.1.8", true)]
    [InlineData("Poly%VVX%5.9", "Polycom/VVX-410 UA/5.9", true)]
    [InlineData("Poly%VVX%5.9", "Polycom/VVX-410 UA/6.0", false)]
    [InlineData("abc%abc", "abc", false)]
    [InlineData("abc%abc", "abcabc", true)]
    public void Matches_WholeUserAgent_IgnoringCase_WithPercentAsWildcard(string pattern, string userAgent, bool matches) =>
        UserAgentPattern.Parse(pattern).Matches(userAgent).ShouldBe(matches);

    [Fact]
    public void MissingUserAgent_MatchesNothing()
    {
        UserAgentPattern.Parse("%a%").Matches(null).ShouldBeFalse();
        UserAgentPattern.Parse("%a%").Matches("").ShouldBeFalse();
    }

    [Fact]
    public void Text_IsTheTrimmedEntriesJoinedByCommas() =>
        UserAgentPattern.Parse(" Cisco% ,  Sipura%").Text.ShouldBe("Cisco%,Sipura%");

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("Cisco%,,Sipura%", "entry 2 is empty")]
    [InlineData("Cisco%,", "entry 2 is empty")]
    [InlineData("%", "would match every device")]
    [InlineData("Cisco%,%%", "entry 2 would match every device")]
    [InlineData("Cis\u0001co", "control character")]
    public void BadPatterns_AreRefusedSayingWhy(string text, string reason)
    {
        UserAgentPattern.TryParse(text, out var pattern, out var error).ShouldBeFalse();
        pattern.ShouldBeNull();
        error!.ShouldContain(reason);
    }

    [Fact]
    public void OverlongPattern_IsRefused() =>
        UserAgentPattern.TryParse(new string('a', UserAgentPattern.MaxLength + 1), out _, out var error).ShouldBeFalse(error);
}
