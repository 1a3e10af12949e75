namespace Tollgate.Data.Switching;

/// <summary>Voice-call settings for the legs of the calls it applies to: keep-alive interval and whether UPDATE is used.</summary>
/// <remarks>
/// A policy without <see cref="SipEndpointPattern"/> applies where it is assigned (a product, an account, a vendor
/// connection). A policy with one applies, wherever it is assigned or not, to every call leg whose User-Agent matches;
/// among several matching, the highest <see cref="MatchPriority"/> wins.
/// </remarks>
public sealed class ServicePolicy
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Leave UPDATE out of the Allow header on the legs it applies to, and keep them alive with re-INVITE.</summary>
    public bool ForbidUpdateMethod { get; set; }

    /// <summary>Seconds between keep-alives on the legs it applies to; null: the installation's interval.</summary>
    public int? KeepAliveInterval { get; set; }

    /// <summary>A full User-Agent, or patterns with <c>%</c> separated by commas (see <c>UserAgentPattern</c>).</summary>
    public string? SipEndpointPattern { get; set; }

    public int MatchPriority { get; set; }
    public DateTime CreatedAt { get; set; }
}
