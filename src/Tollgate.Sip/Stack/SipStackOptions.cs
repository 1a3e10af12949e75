using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Stack;

/// <summary>How a <see cref="SipStack"/> binds, times and answers.</summary>
public sealed record SipStackOptions
{
    /// <summary>Transports to bind on start, e.g. <c>SipListenEndpoint.ParseList("udp:0.0.0.0:5060,tcp:[::]:5060")</c>.</summary>
    public IReadOnlyList<SipListenEndpoint> ListenEndpoints { get; init; } = [];

    /// <summary>The host written in Via and Contact; needed when a transport is bound to a wildcard address.</summary>
    public string? AdvertisedHost { get; init; }

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    public SipParserOptions Parser { get; init; } = SipParserOptions.Default;

    /// <summary>
    /// Methods this endpoint handles. Others are answered by the stack itself: 501 Not Implemented for methods it
    /// does not know, 405 Method Not Allowed for known ones left out, both with an Allow header listing these.
    /// </summary>
    public SipMethodSet AllowedMethods { get; init; } =
        SipMethodSet.Invite | SipMethodSet.Ack | SipMethodSet.Bye | SipMethodSet.Cancel | SipMethodSet.Options
        | SipMethodSet.Update | SipMethodSet.Info;

    /// <summary>Option tags this endpoint supports; a request requiring another gets 420 Bad Extension.</summary>
    public IReadOnlyList<string> SupportedExtensions { get; init; } = ["timer"];

    /// <summary>Answer each INVITE with 100 Trying at once, so the caller stops retransmitting (RFC 3261 §17.2.1).</summary>
    public bool SendTryingImmediately { get; init; } = true;

    /// <summary>How often a re-INVITE or UPDATE that drew 491 is retried after the RFC 3261 §14.1 back-off.</summary>
    public int GlareRetries { get; init; } = 3;

    /// <summary>User-Agent header for requests this stack sends; null for none.</summary>
    public string? UserAgent { get; init; } = "Tollgate";

    /// <summary>Concurrent receives per UDP socket.</summary>
    public int UdpReceiveLoops { get; init; } = 2;
}
