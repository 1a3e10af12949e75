using System.Net;
using Microsoft.Extensions.Time.Testing;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Tests.Support;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Tests.Transactions;

/// <summary>A transaction layer on a fake clock with an in-memory transport.</summary>
public sealed class Harness
{
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.10"), 5070);

    public Harness(SipTransportKind kind = SipTransportKind.Udp)
    {
        Transport = new RecordingTransport(kind);
        Layer = new SipTransactionLayer(Time);
        Flow = new SipFlow(Transport, Peer);
    }

    public FakeTimeProvider Time { get; } = new();

    public RecordingTransport Transport { get; }

    public SipTransactionLayer Layer { get; }

    public SipFlow Flow { get; }

    public string ViaTransport => Transport.Kind.ViaName();

    /// <summary>A request as this side would send it.</summary>
    public SipRequest Outgoing(SipMethod method, string branch = "z9hG4bKclient1") =>
        new SipRequestBuilder(method, SipUri.Parse("sip:bob@192.0.2.10:5070"))
            .AddHeader("Via", $"SIP/2.0/{ViaTransport} 127.0.0.1:5060;branch={branch};rport")
            .AddHeader("Route", "<sip:proxy.example.com;lr>")
            .AddHeader("From", "<sip:alice@example.com>;tag=a1")
            .AddHeader("To", "<sip:bob@example.com>")
            .AddHeader("Call-ID", "tx-call")
            .AddHeader("CSeq", $"5 {method.Name}")
            .AddHeader("Max-Forwards", "70")
            .Build();

    /// <summary>A request as it arrives from the peer.</summary>
    public SipRequest Incoming(SipMethod method, string branch = "z9hG4bKserver1", string? toTag = null)
    {
        var request = new SipRequestBuilder(method, SipUri.Parse("sip:alice@127.0.0.1"))
            .AddHeader("Via", $"SIP/2.0/{ViaTransport} 192.0.2.10:5070;branch={branch}")
            .AddHeader("From", "<sip:bob@example.com>;tag=b1")
            .AddHeader("To", toTag is null ? "<sip:alice@example.com>" : $"<sip:alice@example.com>;tag={toTag}")
            .AddHeader("Call-ID", "tx-incoming")
            .AddHeader("CSeq", $"9 {method.Name}")
            .AddHeader("Max-Forwards", "70")
            .Build();
        request.Flow = Flow;
        return request;
    }

    public static SipResponse ResponseTo(SipRequest request, int status, string? toTag = "b2") =>
        SipResponseBuilder.ForRequest(request, status, toTag: toTag).Build();

    /// <summary>Moves the fake clock in small steps so each timer fires at its own time.</summary>
    public void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var t = TimeSpan.Zero; t < by; t += step)
        {
            Time.Advance(by - t < step ? by - t : step);
        }
    }

    /// <summary>Advances and returns how many messages were sent meanwhile.</summary>
    public int SentDuring(TimeSpan by)
    {
        Transport.TakeSent();
        Advance(by);
        return Transport.TakeSent().Count;
    }
}
