using System.Collections.Concurrent;
using System.Net;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Sip.Tests.Support;

namespace Tollgate.Sip.Tests.Stack;

/// <summary>A stack on a fake clock and an in-memory transport, with a scripted peer at 192.0.2.10:5070.</summary>
public sealed class StackHarness : IAsyncDisposable
{
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.10"), 5070);

    public StackHarness(SipStackOptions? options = null)
    {
        Stack = new SipStack(options, Time, Random);
        Stack.AddTransport(Transport);
        Stack.RequestReceived += r =>
        {
            Requests.Enqueue(r);
            OnRequest?.Invoke(r);
        };
    }

    public CountingTimeProvider Time { get; } = new();

    public SeededRandom Random { get; } = new();

    public RecordingTransport Transport { get; } = new();

    public SipStack Stack { get; }

    public ConcurrentQueue<IncomingRequest> Requests { get; } = new();

    /// <summary>Runs for each request before the test looks at it (to answer it, for instance).</summary>
    public Action<IncomingRequest>? OnRequest { get; set; }

    public void Receive(string text) => Transport.Receive(text, Peer);

    public IncomingRequest TakeRequest()
    {
        Requests.TryDequeue(out var r).ShouldBeTrue("a request was expected to reach the application");
        return r!;
    }

    public List<SipMessage> Sent() => Transport.TakeSent();

    public SipResponse SentResponse(int status)
    {
        var response = Sent().OfType<SipResponse>().ShouldHaveSingleItem();
        response.StatusCode.ShouldBe(status);
        return response;
    }

    /// <summary>Waits (without moving the clock) until a message has been sent; async continuations send late.</summary>
    public SipMessage WaitForSent(Func<SipMessage, bool> match)
    {
        SipMessage? found = null;
        SpinWait.SpinUntil(() =>
        {
            while (Transport.Sent.TryDequeue(out var item))
            {
                if (match(item.Message))
                {
                    found = item.Message;
                    return true;
                }
            }

            return false;
        }, TimeSpan.FromSeconds(10));
        return found.ShouldNotBeNull("the expected message was never sent");
    }

    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(10);
        for (var t = TimeSpan.Zero; t < by; t += step)
        {
            Time.Advance(by - t < step ? by - t : step);
        }
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}

/// <summary>Messages a peer sends, written as a peer would.</summary>
public static class PeerMessages
{
    public static string Invite(string branch = "z9hG4bKpeer1", string callId = "peer-call", int cseq = 10,
        string? toTag = null, string contact = "<sip:bob@192.0.2.10:5070>", string? extra = null, string body = "") =>
        Message(body,
            "INVITE sip:alice@127.0.0.1:5060 SIP/2.0",
            $"Via: SIP/2.0/UDP 192.0.2.10:5070;branch={branch};rport",
            "Record-Route: <sip:192.0.2.21;lr>, <sip:192.0.2.22;lr>",
            "From: \"Bob\" <sip:bob@example.com>;tag=bobtag",
            "To: <sip:alice@example.com>" + (toTag is null ? "" : ";tag=" + toTag),
            $"Call-ID: {callId}",
            $"CSeq: {cseq} INVITE",
            $"Contact: {contact}",
            "Max-Forwards: 70",
            extra);

    public static string InDialog(string method, string toTag, int cseq, string branch, string callId = "peer-call",
        string? extra = null, string body = "") =>
        Message(body,
            $"{method} sip:alice@127.0.0.1:5060 SIP/2.0",
            $"Via: SIP/2.0/UDP 192.0.2.10:5070;branch={branch};rport",
            "From: \"Bob\" <sip:bob@example.com>;tag=bobtag",
            $"To: <sip:alice@example.com>;tag={toTag}",
            $"Call-ID: {callId}",
            $"CSeq: {cseq} {method}",
            "Max-Forwards: 70",
            extra);

    /// <summary>The peer's response to a request this side sent, echoing its Via, From, Call-ID and CSeq.</summary>
    public static string ResponseTo(SipRequest request, int status, string toTag = "peertag", string? extra = null,
        string body = "") =>
        Message(body,
            $"SIP/2.0 {status} {SipStatusCodes.GetReasonPhrase(status)}",
            $"Via: {request.GetHeaderValue(KnownHeader.Via)}",
            $"From: {request.GetHeaderValue(KnownHeader.From)}",
            $"To: {request.GetHeaderValue(KnownHeader.To)}" + (request.ToTag is null && status > 100 ? ";tag=" + toTag : ""),
            $"Call-ID: {request.CallId}",
            $"CSeq: {request.CSeq}",
            extra);

    private static string Message(string body, params string?[] lines)
    {
        var head = string.Join("\n", lines.Where(l => !string.IsNullOrEmpty(l)));
        var length = System.Text.Encoding.UTF8.GetByteCount(Wire.Crlf(body));
        return $"{head}\nContent-Length: {length}\n\n{body}";
    }
}
