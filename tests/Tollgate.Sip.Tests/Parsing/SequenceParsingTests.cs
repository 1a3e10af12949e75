using System.Buffers;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Parsing;

public class SequenceParsingTests
{
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    [Fact]
    public void Parse_MultiSegmentSequence_GivesSameMessageAsOneSpan()
    {
        var bytes = Wire.Bytes(RealWorldCorpus.YealinkInvite);
        var first = new Segment(bytes.AsMemory(0, 100));
        var last = first.Append(bytes.AsMemory(100, 333)).Append(bytes.AsMemory(433));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        var message = SipMessageParser.Default.Parse(sequence).Message.ShouldBeOfType<SipRequest>();

        message.Bytes.ToArray().ShouldBe(bytes);
        message.CallId.ShouldBe("1893524713@192.168.1.50");
        message.Body.Length.ShouldBe(306);
    }

    [Fact]
    public void Parse_SequenceAboveLimit_IsRejectedBeforeCopying()
    {
        var parser = new SipMessageParser(new SipParserOptions { MaxMessageSize = 64 });
        var first = new Segment(new byte[50]);
        var last = first.Append(new byte[50]);

        parser.Parse(new ReadOnlySequence<byte>(first, 0, last, 50)).Error!.Kind.ShouldBe(SipParseErrorKind.MessageTooLarge);
    }

    [Fact]
    public void Parse_WildcardContactWithExpiresZero_IsRecognized()
    {
        var register = Wire.Request(RealWorldCorpus.Spa941Register
            .Replace("Contact: Alice <sip:201@192.168.0.20:5060>;expires=3600", "Contact: *\nExpires: 0", StringComparison.Ordinal));

        register.IsWildcardContact.ShouldBeTrue();
        register.Contacts.ShouldBeEmpty();
        register.Expires.ShouldBe(0u);
    }
}
