using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Tests.Stack;

/// <summary>What the stack answers by itself before the application sees a request.</summary>
public class ScreeningTests
{
    private const string Options = """
        OPTIONS sip:alice@127.0.0.1 SIP/2.0
        Via: SIP/2.0/UDP 192.0.2.10:5070;branch=z9hG4bKs1
        From: <sip:bob@example.com>;tag=b
        To: <sip:alice@example.com>
        Call-ID: screen-1
        CSeq: 1 OPTIONS
        Max-Forwards: 70
        Content-Length: 0


        """;

    [Fact]
    public async Task Request_NonSipRequestUri_Gets416()
    {
        await using var h = new StackHarness();

        h.Receive(Options.Replace("OPTIONS sip:alice@127.0.0.1", "OPTIONS nobodyknowsthisscheme:totallyopaquecontent", StringComparison.Ordinal));

        h.SentResponse(416).ToTag.ShouldNotBeNull();
        h.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_RequiringUnknownExtension_Gets420WithUnsupported()
    {
        await using var h = new StackHarness();

        h.Receive(Options.Replace("Max-Forwards: 70", "Max-Forwards: 70\nRequire: nothing, timer", StringComparison.Ordinal));

        h.SentResponse(420).Unsupported.ShouldBe(["nothing"]);
    }

    [Fact]
    public async Task Request_UnknownMethodOutsideDialog_Gets501WithAllow()
    {
        await using var h = new StackHarness();

        h.Receive(Options.Replace("OPTIONS", "NEWMETHOD", StringComparison.Ordinal));

        h.SentResponse(501).Allow.ShouldNotBeNull();
    }

    [Fact]
    public async Task Request_Malformed_Gets400WithPreciseReasonPhrase()
    {
        await using var h = new StackHarness();

        h.Receive(Options.Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal));

        var response = h.SentResponse(400);
        response.ReasonPhrase.ShouldBe("CSeq: method does not match request line");
        response.CallId.ShouldBe("screen-1");
        response.Branch.ShouldBe("z9hG4bKs1");
        h.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_WrongVersion_Gets505()
    {
        await using var h = new StackHarness();

        h.Receive(Options.Replace("127.0.0.1 SIP/2.0", "127.0.0.1 SIP/3.0", StringComparison.Ordinal));

        h.SentResponse(505).ReasonPhrase.ShouldBe("Request-Line: SIP version is not 2.0");
    }

    [Fact]
    public async Task Garbage_IsDroppedWithoutAnswer()
    {
        await using var h = new StackHarness();

        h.Receive("this is not SIP at all\n\n");

        h.Sent().ShouldBeEmpty();
    }

    [Fact]
    public async Task HandlerThatThrows_Gets500()
    {
        await using var h = new StackHarness();
        h.OnRequest = _ => throw new InvalidOperationException("boom");

        h.Receive(Options);

        h.SentResponse(500);
    }

    [Fact]
    public async Task SendRequestAsync_OutOfDialogOptions_ReturnsPeerResponse()
    {
        await using var h = new StackHarness();
        var request = h.Stack.CreateRequest(SipMethod.Options, SipUri.Parse("sip:192.0.2.10:5070"),
            NameAddress.Parse("<sip:switch@example.com>"), NameAddress.Parse("<sip:192.0.2.10>"));

        var sending = h.Stack.SendRequestAsync(request);
        var options = h.Sent().OfType<SipRequest>().Single();
        h.Receive(PeerMessages.ResponseTo(options, 200));

        (await sending.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode.ShouldBe(200);
        options.GetHeaderValue(KnownHeader.UserAgent).ShouldBe("Tollgate");
        options.CSeq.ShouldBe(new CSeq(1, SipMethod.Options));
        options.Contacts.ShouldBeEmpty();
    }
}
