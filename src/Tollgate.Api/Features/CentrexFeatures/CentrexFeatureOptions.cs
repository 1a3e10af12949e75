namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>Settings of the IP Centrex feature API (configuration section <c>Tollgate:Centrex</c>).</summary>
public sealed class CentrexFeatureOptions
{
    /// <summary>The largest greeting accepted, in bytes (5 MiB: over five minutes of 8 kHz 16-bit mono WAV).</summary>
    public int MaxGreetingBytes { get; set; } = 5 << 20;

    /// <summary>The most participants a conference room may allow.</summary>
    public int MaxConferenceParticipants { get; set; } = 100;

    /// <summary>The most menus one auto attendant may have.</summary>
    public int MaxMenusPerAttendant { get; set; } = 50;

    /// <summary>
    /// The SIP domains this installation serves. When set, a request's <c>domain</c> must be one of them; when empty
    /// (one domain), a <c>domain</c> is accepted as given. Account ids are unique in the installation either way.
    /// </summary>
    public List<string> Domains { get; set; } = [];
}
