using Tollgate.Sip.Authentication;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Switch;

/// <summary>How the switch listens, authenticates, and watches calls; checked by the host before it starts.</summary>
public sealed record SwitchOptions
{
    /// <summary>Where SIP listens, e.g. <c>udp:127.0.0.1:5060</c> and <c>tcp:127.0.0.1:5060</c>.</summary>
    public required IReadOnlyList<SipListenEndpoint> ListenEndpoints { get; init; }

    /// <summary>The host written in Via, Contact and From; needed when listening on a wildcard address.</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>The digest realm of REGISTER and INVITE challenges.</summary>
    public string Realm { get; init; } = "tollgate";

    /// <summary>
    /// The digest algorithms challenges offer, most preferred first (one challenge header each). Default SHA-256, then
    /// MD5 (RFC 8760 §2.4). Clients that read only the first challenge and know only MD5 (sipp 3.6, older phones) need
    /// MD5 first or alone.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> DigestAlgorithms { get; init; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>The key that signs digest nonces; every switch process behind one address needs the same key.</summary>
    public required byte[] NonceKey { get; init; }

    /// <summary>Time between keep-alives on a call leg, unless a service policy says otherwise. Default 300 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>How often a keep-alive that timed out (or drew 408 or 481) is sent again before the call is ended. Default 1.</summary>
    public int KeepAliveRetries { get; init; } = 1;

    /// <summary>How long a call may ring before it is cancelled and the caller hears 480. Default 120 s.</summary>
    public TimeSpan NoAnswerTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>RFC 4028 Min-SE: session intervals below it are refused with 422. Default 90 s.</summary>
    public uint MinSessionExpires { get; init; } = 90;

    /// <summary>The session interval the switch answers with when a party asks for session timers. Default 1800 s.</summary>
    public uint SessionExpires { get; init; } = 1800;

    /// <summary>Shortest registration accepted (shorter ones get 423 with Min-Expires). Default 60 s.</summary>
    public TimeSpan MinRegistration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest registration granted, and the one given when a REGISTER names none. Default 3600 s.</summary>
    public TimeSpan MaxRegistration { get; init; } = TimeSpan.FromSeconds(3600);

    /// <summary>Most contacts one account may have registered at once; a new one replaces the oldest. Default 10.</summary>
    public int MaxBindingsPerAccount { get; init; } = 10;

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    /// <summary>The User-Agent of the switch's requests and the Server of its responses.</summary>
    public string UserAgent { get; init; } = "Tollgate";
}
