using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Parsing;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Building;

public class SipRequestBuilderTests
{
    [Fact]
    public void ToArray_Request_WritesExactBytesWithComputedContentLength()
    {
        var builder = new SipRequestBuilder(SipMethod.Options, SipUri.Parse("sip:bob@example.com"))
            .AddHeader("Via", "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1")
            .AddHeader("f", "<sip:alice@example.com>;tag=1")
            .AddHeader(KnownHeader.To, "<sip:bob@example.com>")
            .AddHeader("Call-ID", "c1")
            .AddHeader("CSeq", "1 OPTIONS")
            .AddHeader("X-Custom", "yes")
            .SetBody("hello"u8.ToArray(), "text/plain");

        Wire.Text(builder.ToArray()).ShouldBe(
            "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\r\n" +
            "From: <sip:alice@example.com>;tag=1\r\n" +
            "To: <sip:bob@example.com>\r\n" +
            "Call-ID: c1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "X-Custom: yes\r\n" +
            "Content-Type: text/plain\r\n" +
            "Content-Length: 5\r\n" +
            "\r\n" +
            "hello");
    }

    [Fact]
    public void AddHeader_ContentLength_IsRejected()
    {
        var builder = new SipRequestBuilder(SipMethod.Bye, SipUri.Parse("sip:a@b"));

        Should.Throw<ArgumentException>(() => builder.AddHeader("l", "10"));
    }

    [Fact]
    public void AddHeader_ValueWithLineBreak_IsRejected()
    {
        var builder = new SipRequestBuilder(SipMethod.Bye, SipUri.Parse("sip:a@b"));

        Should.Throw<ArgumentException>(() => builder.AddHeader("Subject", "a\r\nVia: evil"));
    }

    [Fact]
    public void SetHeader_ReplacesAllAtFirstPosition()
    {
        var builder = new SipRequestBuilder(SipMethod.Bye, SipUri.Parse("sip:a@b"))
            .AddHeader("Supported", "a").AddHeader("Require", "x").AddHeader("k", "b").SetHeader("Supported", "timer");

        builder.Headers.Select(h => h.Key + "=" + h.Value).ShouldBe(["Supported=timer", "Require=x"]);
    }

    [Fact]
    public void Build_MissingMandatoryHeaders_Throws()
    {
        var builder = new SipRequestBuilder(SipMethod.Bye, SipUri.Parse("sip:a@b"));

        Should.Throw<InvalidOperationException>(() => builder.Build()).Message.ShouldContain("missing Via header");
    }

    [Fact]
    public void From_EveryCorpusRequest_RoundTripsThroughWriteAndParse()
    {
        foreach (var text in RealWorldCorpus.All.Concat(TortureCorpus.Valid))
        {
            var original = Wire.Message(text);
            var copy = original switch
            {
                SipRequest r => (SipMessage)SipRequestBuilder.From(r).Build(),
                SipResponse s => SipResponseBuilder.From(s).Build(),
                _ => throw new InvalidOperationException(),
            };

            copy.CallId.ShouldBe(original.CallId);
            copy.CSeq.ShouldBe(original.CSeq);
            copy.FromTag.ShouldBe(original.FromTag);
            copy.ToTag.ShouldBe(original.ToTag);
            copy.Vias.Select(v => v.ToString()).ShouldBe(original.Vias.Select(v => v.ToString()));
            copy.Contacts.Select(c => c.ToString()).ShouldBe(original.Contacts.Select(c => c.ToString()));
            copy.Headers.Count.ShouldBe(original.Headers.Count + (original.Contains(KnownHeader.ContentLength) ? 0 : 1));
            copy.Body.ToArray().ShouldBe(original.Body.ToArray());
            if (original is SipRequest req)
            {
                ((SipRequest)copy).RequestUri.ShouldBe(req.RequestUri);
            }

            // Written again, the copy is stable byte for byte.
            var again = copy is SipRequest cr ? SipRequestBuilder.From(cr).ToArray() : SipResponseBuilder.From((SipResponse)copy).ToArray();
            again.ShouldBe(copy.Bytes.ToArray());
        }
    }
}
