using Tollgate.Data.Audit;
using Tollgate.Domain.Switching;

namespace Tollgate.Data.Switching;

/// <summary>A SIP trunk to or from a vendor (carrier): where it is, how calls are chosen for it, and its service policy.</summary>
/// <remarks>
/// An incoming connection names the address its INVITEs come from (an IP address, optionally with a port); calls
/// from there are trusted without digest credentials. An outgoing connection names where calls are sent (a host
/// name or IP address, optionally with a port) and the number prefixes routed to it, and may carry the vendor's tariff,
/// at which rating writes the provider's cost of each call that leaves by it.
/// </remarks>
public sealed class VendorConnection
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public ConnectionDirection Direction { get; set; }

    /// <summary>host[:port]; IPv6 addresses in brackets. Stored normalised, so an incoming address compares as text.</summary>
    public required string Address { get; set; }

    public ConnectionTransport Transport { get; set; }
    public long? ServicePolicyId { get; set; }

    /// <summary>The cost tariff: what the provider pays the vendor for a call that leaves by this (outgoing) connection; null: no cost is recorded.</summary>
    public long? TariffId { get; set; }

    /// <summary>The <see cref="Address"/> of an incoming connection, null for outgoing ones: unique, so a source is trusted by one connection only.</summary>
    [AuditIgnore]
    public string? TrustedAddress { get; set; }

    public DateTime CreatedAt { get; set; }
    public List<VendorConnectionPrefix> Prefixes { get; set; } = [];
}

/// <summary>A number prefix routed to an outgoing connection; each prefix belongs to one connection.</summary>
[Unscoped("reached only through its connection, which only administrators see")]
public sealed class VendorConnectionPrefix
{
    public long ConnectionId { get; set; }
    public required string Prefix { get; set; }
}
