using Tollgate.Domain.Access;
using Tollgate.Domain.Switching;

namespace Tollgate.Domain.Tests.Switching;

public class SipPasswordsTests
{
    [Fact]
    public void Generated_IsLongEnoughAndAcceptedByItsOwnRules()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => SipPasswords.Generate(SystemRandomSource.Instance)).ToList();
        passwords.ShouldAllBe(p => p.Length == SipPasswords.GeneratedLength && SipPasswords.Problem(p) == null);
        passwords.Distinct().Count().ShouldBe(50);
    }

    [Theory]
    [InlineData("short", "8 to 64")]
    [InlineData("with space inside", "printable ASCII")]
    [InlineData("quote\"inside", "printable ASCII")]
    [InlineData("back\\slash1", "printable ASCII")]
    [InlineData("ünïcödé-password", "printable ASCII")]
    public void Problem_NamesWhatPhonesWouldNotTake(string password, string reason) =>
        SipPasswords.Problem(password)!.ShouldContain(reason);

    [Fact]
    public void Problem_IsNullForAGoodPassword() => SipPasswords.Problem("Phone-Secret-42!").ShouldBeNull();
}
