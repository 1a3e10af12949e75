using Tollgate.Domain.Cpe;

namespace Tollgate.Domain.Tests.Cpe;

public class MacAddressTests
{
    [Theory]
    [InlineData("00:11:22:FF:13:44")]
    [InlineData("00:11:22:ff:13:44")]
    [InlineData("00-11-22-ff-13-44")]
    [InlineData("001122ff1344")]
    [InlineData("001122FF1344")]
    [InlineData("0011.22ff.1344")]
    [InlineData("  00:11:22:FF:13:44\t")]
    public void Parse_UsualNotations_GiveTheCanonicalForm(string text)
    {
        var mac = MacAddress.Parse(text);
        mac.ToString().ShouldBe("00:11:22:FF:13:44");
        mac.ToUInt64().ShouldBe(0x001122FF1344UL);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("   ", "it is empty")]
    [InlineData("00:11:22:FF:13", "it has 10 hexadecimal digits; a MAC address has 12")]
    [InlineData("00:11:22:FF:13:44:55", "it has 14 hexadecimal digits; a MAC address has 12")]
    [InlineData("00:11:22:FG:13:44", "'G' is not a hexadecimal digit (0-9, A-F)")]
    [InlineData("00:11-22:FF:13:44", "it mixes separators; use one of ':', '-' or '.' throughout")]
    [InlineData("0:11:22:FF:13:440", "with ':' it must be six pairs of digits, such as 00:11:22:FF:13:44")]
    [InlineData("0011:22FF:1344", "with ':' it must be six pairs of digits, such as 00:11:22:FF:13:44")]
    [InlineData("00-1122-FF-13-44", "with '-' it must be six pairs of digits, such as 00-11-22-FF-13-44")]
    [InlineData("00.11.22.FF.13.44", "with '.' it must be three groups of four digits, such as 0011.22FF.1344")]
    [InlineData("00 11 22 FF 13 44", "it contains a space")]
    [InlineData("00:00:00:00:00:00", "00:00:00:00:00:00 is not a device's address")]
    [InlineData("FF:FF:FF:FF:FF:FF", "it is a group (multicast or broadcast) address: its first byte is odd, which no device's address is")]
    [InlineData("01:00:5E:00:00:FB", "it is a group (multicast or broadcast) address: its first byte is odd, which no device's address is")]
    public void TryParse_BadText_SaysWhy(string text, string reason)
    {
        MacAddress.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldBe(reason);
    }

    [Fact]
    public void Parse_BadText_ThrowsFormatExceptionQuotingTheInput()
    {
        var e = Should.Throw<FormatException>(() => MacAddress.Parse("00:11"));
        e.Message.ShouldBe("'00:11' is not a MAC address: it has 4 hexadecimal digits; a MAC address has 12.");
    }

    [Fact]
    public void TryParse_Null_IsFalse()
    {
        MacAddress.TryParse(null, out _).ShouldBeFalse();
        MacAddress.TryParse(null, out _, out var error).ShouldBeFalse();
        error.ShouldBe("it is empty");
    }

    [Fact]
    public void Equality_IsByValueWhateverTheNotation()
    {
        var a = MacAddress.Parse("00-11-22-ff-13-44");
        var b = MacAddress.Parse("0011.22FF.1344");
        (a == b).ShouldBeTrue();
        a.Equals((object)b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());
        (a != MacAddress.Parse("00:11:22:FF:13:45")).ShouldBeTrue();
    }

    [Fact]
    public void Ordering_FollowsTheBytes()
    {
        var low = MacAddress.Parse("00:11:22:FF:13:44");
        var high = MacAddress.Parse("00:11:22:FF:13:45");
        (low < high).ShouldBeTrue();
        (high >= low).ShouldBeTrue();
        new[] { high, low }.Order().ShouldBe([low, high]);
    }

    [Fact]
    public void FromUInt64_RoundTripsAndRefusesWhatNoDeviceHas()
    {
        MacAddress.FromUInt64(0x0014_20FF_3C52).ToString().ShouldBe("00:14:20:FF:3C:52");
        Should.Throw<ArgumentOutOfRangeException>(() => MacAddress.FromUInt64(1UL << 48));
        Should.Throw<ArgumentOutOfRangeException>(() => MacAddress.FromUInt64(0));
        Should.Throw<ArgumentOutOfRangeException>(() => MacAddress.FromUInt64(0x0100_0000_0001));
    }

    [Fact]
    public void Default_IsAllZeros()
    {
        default(MacAddress).ToUInt64().ShouldBe(0UL);
    }
}
