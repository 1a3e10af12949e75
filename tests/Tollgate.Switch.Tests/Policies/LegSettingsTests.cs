using Tollgate.Domain.Switching;
using Tollgate.Switch.Policies;

namespace Tollgate.Switch.Tests.Policies;

public class LegSettingsTests
{
    private static readonly TimeSpan Installation = TimeSpan.FromSeconds(300);

    private static PatternPolicy Pattern(long id, string patterns, int priority, bool forbid, int? seconds = null) =>
        new(id, UserAgentPattern.Parse(patterns).Patterns, priority, forbid, seconds is { } s ? TimeSpan.FromSeconds(s) : null);

    [Fact]
    public void NoPolicy_GivesTheInstallationInterval_AndUpdateAllowed() =>
        LegSettings.Resolve(LegPolicy.Default, "Yealink SIP-T46S", Installation).ShouldBe(new LegSettings(false, Installation, null));

    [Fact]
    public void AssignedPolicy_AppliesWhateverTheUserAgent() =>
        LegSettings.Resolve(new LegPolicy(true, TimeSpan.FromSeconds(60), []), null, Installation)
            .ShouldBe(new LegSettings(true, TimeSpan.FromSeconds(60), null));

    [Fact]
    public void MatchingPatterns_TheHighestPriorityWins_AndItsIntervalBeatsTheAssignedOne()
    {
        var policy = new LegPolicy(false, TimeSpan.FromSeconds(120), [
            Pattern(1, "Cisco%,Sipura%", 1, forbid: false, seconds: 30),
            Pattern(2, "Linksys/SPA941-5.1.8", 9, forbid: true, seconds: 45),
            Pattern(3, "%SPA941%", 5, forbid: false, seconds: 15),
        ]);
        LegSettings.Resolve(policy, "linksys/spa941-5.1.8", Installation).ShouldBe(new LegSettings(true, TimeSpan.FromSeconds(45), 2));
        LegSettings.Resolve(policy, "Linksys/SPA941-5.2.0", Installation).ShouldBe(new LegSettings(false, TimeSpan.FromSeconds(15), 3));
        LegSettings.Resolve(policy, "Cisco/SPA303", Installation).ShouldBe(new LegSettings(false, TimeSpan.FromSeconds(30), 1));
        LegSettings.Resolve(policy, "Grandstream GXP2170", Installation).ShouldBe(new LegSettings(false, TimeSpan.FromSeconds(120), null));
        LegSettings.Resolve(policy, null, Installation).MatchedPolicyId.ShouldBeNull("a leg without User-Agent matches no pattern");
    }

    [Fact]
    public void ForbiddenUpdate_StaysForbidden_WhenEitherTheAssignedOrTheMatchedPolicySaysSo()
    {
        var assignedForbids = new LegPolicy(true, null, [Pattern(1, "Yealink%", 1, forbid: false)]);
        LegSettings.Resolve(assignedForbids, "Yealink SIP-T46S", Installation).ForbidUpdate.ShouldBeTrue();
        var matchedForbids = new LegPolicy(false, null, [Pattern(1, "Yealink%", 1, forbid: true)]);
        LegSettings.Resolve(matchedForbids, "Yealink SIP-T46S", Installation).ForbidUpdate.ShouldBeTrue();
    }

    [Fact]
    public void EqualPriorities_TheLowerIdWins() =>
        LegSettings.Resolve(new LegPolicy(false, null, [Pattern(7, "Poly%", 3, true), Pattern(4, "Polycom%", 3, false)]), "Polycom VVX", Installation)
            .MatchedPolicyId.ShouldBe(4);
}
