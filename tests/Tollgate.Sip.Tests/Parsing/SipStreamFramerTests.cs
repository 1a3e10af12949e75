using Tollgate.Sip.Parsing;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Parsing;

public class SipStreamFramerTests
{
    private static readonly byte[] Message = Wire.Bytes(RealWorldCorpus.SippUacInvite);

    [Fact]
    public void TryFrame_WholeMessage_ReturnsItsLength()
    {
        SipStreamFramer.TryFrame(Message, 65536, out var length, out _).ShouldBe(SipFrameKind.Message);

        length.ShouldBe(Message.Length);
    }

    [Fact]
    public void TryFrame_EveryPrefix_NeedsMoreData()
    {
        for (var cut = 1; cut < Message.Length; cut++)
        {
            SipStreamFramer.TryFrame(Message.AsSpan(0, cut), 65536, out _, out _).ShouldBe(SipFrameKind.NeedMoreData, $"cut at {cut}");
        }
    }

    [Fact]
    public void TryFrame_TwoCoalescedMessages_FramesTheFirst()
    {
        var both = Message.Concat(Message).ToArray();

        SipStreamFramer.TryFrame(both, 65536, out var length, out _).ShouldBe(SipFrameKind.Message);

        length.ShouldBe(Message.Length);
    }

    [Theory]
    [InlineData("\r\n\r\n", SipFrameKind.Ping, 4)]
    [InlineData("\r\nINVITE", SipFrameKind.Pong, 2)]
    [InlineData("\r\n", SipFrameKind.NeedMoreData, 0)]
    [InlineData("\r\n\r", SipFrameKind.NeedMoreData, 0)]
    public void TryFrame_KeepAlives_AreRecognized(string input, SipFrameKind kind, int length)
    {
        SipStreamFramer.TryFrame(System.Text.Encoding.ASCII.GetBytes(input), 65536, out var n, out _).ShouldBe(kind);

        n.ShouldBe(length);
    }

    [Fact]
    public void TryFrame_NoContentLength_IsAnError()
    {
        var bytes = Wire.Bytes("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\n\n");

        SipStreamFramer.TryFrame(bytes, 65536, out _, out var error).ShouldBe(SipFrameKind.Error);

        error.ShouldBe("Content-Length header is mandatory on a stream transport");
    }

    [Fact]
    public void TryFrame_CompactContentLength_IsRead()
    {
        var bytes = Wire.Bytes("OPTIONS sip:a@b SIP/2.0\nl : 3\n\nabcREST");

        SipStreamFramer.TryFrame(bytes, 65536, out var length, out _).ShouldBe(SipFrameKind.Message);

        length.ShouldBe(bytes.Length - 4);
    }

    [Fact]
    public void TryFrame_HeadersLongerThanLimit_IsAnError()
    {
        var bytes = new byte[300];
        Array.Fill(bytes, (byte)'a');

        SipStreamFramer.TryFrame(bytes, 256, out _, out var error).ShouldBe(SipFrameKind.Error);

        error.ShouldBe("no end of headers within 256 bytes");
    }

    [Fact]
    public void TryFrame_BodyBeyondLimit_IsAnError()
    {
        var bytes = Wire.Bytes("OPTIONS sip:a@b SIP/2.0\nContent-Length: 100000\n\n");

        SipStreamFramer.TryFrame(bytes, 65536, out _, out var error).ShouldBe(SipFrameKind.Error);

        error!.ShouldStartWith("message of ");
    }
}
