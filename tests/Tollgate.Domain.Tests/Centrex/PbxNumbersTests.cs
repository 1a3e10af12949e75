using Tollgate.Domain.Centrex;

namespace Tollgate.Domain.Tests.Centrex;

public class PbxNumbersTests
{
    [Theory]
    [InlineData("46")]
    [InlineData("466")]
    [InlineData("00466")]
    [InlineData("12345678")]
    public void Extension_OfTwoToEightDigits_IsAccepted(string number) => PbxNumbers.CheckExtension(number).ShouldBeNull();

    [Theory]
    [InlineData("", "must be 2 to 8 digits (for example 466)")]
    [InlineData("4", "must be 2 to 8 digits; it has 1 (for example 466)")]
    [InlineData("123456789", "must be 2 to 8 digits; it has 9 (for example 466)")]
    [InlineData("46x", "must be digits only; it contains 'x' (for example 466)")]
    [InlineData("4 6", "must be digits only; it contains a space (for example 466)")]
    [InlineData("+466", "must be digits only; it contains '+' (for example 466)")]
    [InlineData("٤٦٦", "must be digits only; it contains '٤' (for example 466)")]
    public void Extension_OtherwiseSaysWhy(string number, string reason) => PbxNumbers.CheckExtension(number).ShouldBe(reason);

    [Theory]
    [InlineData("12094555948")]
    [InlineData("442071234567")]
    [InlineData("123456")]
    [InlineData("123456789012345")]
    public void Alias_OfSixToFifteenDigits_IsAccepted(string alias) => PbxNumbers.CheckAlias(alias).ShouldBeNull();

    [Theory]
    [InlineData("+12094555948", "must be written without '+': 12094555948")]
    [InlineData("12345", "must be 6 to 15 digits; it has 5 (for example 12094555948)")]
    [InlineData("1234567890123456", "must be 6 to 15 digits; it has 16 (for example 12094555948)")]
    [InlineData("(209) 455-5948", "must be digits only; it contains '(' (for example 12094555948)")]
    [InlineData("+1", "must be digits only; it contains '+' (for example 12094555948)")]
    public void Alias_OtherwiseSaysWhy(string alias, string reason) => PbxNumbers.CheckAlias(alias).ShouldBe(reason);

    [Fact]
    public void AccountIds_FollowTheProvidersNaming()
    {
        PbxNumbers.ExtensionAccountId(46170, "466").ShouldBe("ph46170x466");
        PbxNumbers.AutoAttendantAccountId(46170, 1).ShouldBe("ph46170aa1");
    }
}
