namespace Tollgate.Sip.Transport;

/// <summary>The transport protocols the library speaks (RFC 3261 §18).</summary>
public enum SipTransportKind
{
    Udp,
    Tcp,
}

/// <summary>Names of transports as Via and the transport URI parameter write them.</summary>
public static class SipTransportKindExtensions
{
    /// <summary>"UDP" or "TCP", as in a Via header.</summary>
    public static string ViaName(this SipTransportKind kind) => kind == SipTransportKind.Tcp ? "TCP" : "UDP";

    /// <summary>True for transports that deliver reliably, which turns off retransmissions (RFC 3261 §17).</summary>
    public static bool IsReliable(this SipTransportKind kind) => kind != SipTransportKind.Udp;

    /// <summary>Reads a transport name case-insensitively ("udp", "TCP"); null when unknown.</summary>
    public static SipTransportKind? FromName(string? name) => name?.ToUpperInvariant() switch
    {
        "UDP" => SipTransportKind.Udp,
        "TCP" => SipTransportKind.Tcp,
        _ => null,
    };
}
