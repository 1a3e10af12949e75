using Tollgate.Sip.Sdp;

namespace Tollgate.Sip.Tests.Sdp;

public class SdpBodyTests
{
    private static readonly byte[] Offer = "v=0\r\no=alice 2890844526 2890844527 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n"u8.ToArray();

    [Fact]
    public void TryReadOrigin_ValidBody_ReadsAllFields()
    {
        SdpBody.TryReadOrigin(Offer, out var origin).ShouldBeTrue();

        origin.ShouldBe(new SdpOrigin("alice", "2890844526", 2890844527, "IN", "IP4", "198.51.100.1"));
    }

    [Fact]
    public void TryWithOriginVersion_RewritesOnlyTheVersion()
    {
        SdpBody.TryWithOriginVersion(Offer, 7, out var rewritten).ShouldBeTrue();

        var expected = System.Text.Encoding.ASCII.GetString(Offer).Replace("2890844527", "7", StringComparison.Ordinal);
        System.Text.Encoding.ASCII.GetString(rewritten).ShouldBe(expected);
    }

    [Fact]
    public void TryIncrementOriginVersion_LfOnlyBody_KeepsLineEnds()
    {
        var lf = "v=0\no=- 1 41 IN IP6 2001:db8::1\ns=-\n"u8.ToArray();

        SdpBody.TryIncrementOriginVersion(lf, out var next).ShouldBeTrue();

        System.Text.Encoding.ASCII.GetString(next).ShouldBe("v=0\no=- 1 42 IN IP6 2001:db8::1\ns=-\n");
    }

    [Theory]
    [InlineData("v=0\r\ns=-\r\n")]
    [InlineData("v=0\r\no=alice 1 notanumber IN IP4 1.2.3.4\r\n")]
    [InlineData("v=0\r\no=alice 1 2 IN IP4\r\n")]
    public void TryReadOrigin_MissingOrBadOrigin_ReturnsFalse(string body)
    {
        SdpBody.TryReadOrigin(System.Text.Encoding.ASCII.GetBytes(body), out _).ShouldBeFalse();
    }
}
