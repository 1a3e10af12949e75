using Tollgate.Sip.Parsing;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Parsing;

public class MalformedMessageTests
{
    [Theory]
    [MemberData(nameof(MalformedCorpus.Cases), MemberType = typeof(MalformedCorpus))]
    public void Parse_MalformedMessage_ReturnsPreciseError(string name, string message, string description, int status)
    {
        var error = Wire.Error(message);

        error.Description.ShouldBe(description, name);
        error.StatusCode.ShouldBe(status, name);
        error.ReasonPhrase.ShouldNotContain("\r");
        error.ReasonPhrase.ShouldNotContain("\n");
    }

    [Fact]
    public void Parse_MessageAboveSizeLimit_Returns513()
    {
        var parser = new SipMessageParser(new SipParserOptions { MaxMessageSize = 100 });

        var result = parser.Parse(Wire.Bytes(RealWorldCorpus.KamailioOptionsPing));

        result.Error!.Kind.ShouldBe(SipParseErrorKind.MessageTooLarge);
        result.Error.StatusCode.ShouldBe(513);
    }

    [Fact]
    public void Parse_MoreHeadersThanLimit_ReturnsTooManyHeaders()
    {
        var parser = new SipMessageParser(new SipParserOptions { MaxHeaderCount = 5 });

        var result = parser.Parse(Wire.Bytes(RealWorldCorpus.KamailioOptionsPing));

        result.Error!.Kind.ShouldBe(SipParseErrorKind.TooManyHeaders);
        result.Error.Description.ShouldBe("more than 5 header fields");
    }

    [Fact]
    public void Parse_DefaultLimit_Is64KiB()
    {
        SipParserOptions.Default.MaxMessageSize.ShouldBe(65536);
    }

    [Fact]
    public void Parse_HeaderValidationError_KeepsUnvalidatedMessageForTheErrorResponse()
    {
        var result = Wire.Parse(MalformedCorpus.Cases.Single(c => (string)c[0] == "mismatch01")[1].ToString()!);

        result.Unvalidated.ShouldNotBeNull();
        result.Unvalidated!.Bytes.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Parse_StructuralError_HasNoUnvalidatedMessage()
    {
        Wire.Parse("garbage without structure").Unvalidated.ShouldBeNull();
    }
}
