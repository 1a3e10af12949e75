using Tollgate.Domain.Switching;

namespace Tollgate.Switch.Policies;

/// <summary>The service policy settings one call leg ends up with: whether UPDATE is forbidden, and its keep-alive interval.</summary>
/// <param name="MatchedPolicyId">The policy chosen by the leg's User-Agent, if any.</param>
public readonly record struct LegSettings(bool ForbidUpdate, TimeSpan KeepAliveInterval, long? MatchedPolicyId)
{
    /// <summary>Combines the policy assigned to the leg's party with the best policy matching its User-Agent.</summary>
    /// <remarks>
    /// Among the policies whose SIP end-point pattern matches <paramref name="userAgent"/>, the one with the highest
    /// match priority wins (the lower id among equals). UPDATE is forbidden when either the assigned or the matched
    /// policy forbids it: a device known to mishandle UPDATE must not get it whatever else applies. The interval is the
    /// matched policy's, else the assigned policy's, else the installation's.
    /// </remarks>
    public static LegSettings Resolve(LegPolicy policy, string? userAgent, TimeSpan installationInterval)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var matched = policy.UserAgentPolicies
            .OrderByDescending(p => p.MatchPriority).ThenBy(p => p.PolicyId)
            .FirstOrDefault(p => UserAgentPattern.MatchesAny(p.Patterns, userAgent));
        return new LegSettings(
            policy.ForbidUpdate || matched?.ForbidUpdate == true,
            matched?.KeepAliveInterval ?? policy.KeepAliveInterval ?? installationInterval,
            matched?.PolicyId);
    }
}
