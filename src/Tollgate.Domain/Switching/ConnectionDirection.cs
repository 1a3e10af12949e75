namespace Tollgate.Domain.Switching;

/// <summary>Which way calls go over a vendor connection.</summary>
public enum ConnectionDirection
{
    /// <summary>The vendor sends calls to us; its INVITEs are trusted by their source address.</summary>
    Incoming,

    /// <summary>We send calls to the vendor, chosen by the longest prefix of the called number.</summary>
    Outgoing,
}

/// <summary>The SIP transport of a vendor connection.</summary>
public enum ConnectionTransport
{
    Udp,
    Tcp,
}
