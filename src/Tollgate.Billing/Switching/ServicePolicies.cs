using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Data.Switching;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>Which service policy settings apply to one leg of a call.</summary>
/// <remarks>
/// <para>An account's leg gets the account's own policy, else its main product's, else that of its first add-on
/// product that has one (lowest product id). A vendor connection's leg gets the connection's policy.</para>
/// <para>An assigned policy without a SIP end-point pattern applies as it is. A policy with a pattern applies only to
/// legs whose User-Agent matches, and that is decided by the switch, which knows the User-Agent: every policy with a
/// pattern is handed over in <see cref="LegPolicy.UserAgentPolicies"/>, highest <c>matchPriority</c> first (lower id
/// first among equals), whether or not it is assigned anywhere.</para>
/// </remarks>
public sealed class ServicePolicies
{
    public async Task<LegPolicy> ForAccountAsync(TollgateDb db, long accountKey, IReadOnlyList<PatternPolicy> patterns, CancellationToken ct)
    {
        var own = await db.Accounts.Where(a => a.Id == accountKey).Select(a => a.ServicePolicyId).FirstOrDefaultAsync(ct);
        var policyId = own ?? await db.Set<AccountProduct>()
            .Where(ap => ap.AccountId == accountKey)
            .Join(db.Set<Product>(), ap => ap.ProductId, p => p.Id, (ap, p) => new { ap.Kind, p.Id, p.ServicePolicyId })
            .Where(x => x.ServicePolicyId != null)
            .OrderBy(x => x.Kind == ProductKind.Main ? 0 : 1).ThenBy(x => x.Id)
            .Select(x => x.ServicePolicyId).FirstOrDefaultAsync(ct);
        return await AssignedAsync(db, policyId, patterns, ct);
    }

    public Task<LegPolicy> ForConnectionAsync(TollgateDb db, long? policyId, IReadOnlyList<PatternPolicy> patterns, CancellationToken ct) =>
        AssignedAsync(db, policyId, patterns, ct);

    /// <summary>Every policy with a SIP end-point pattern, in the order the switch tries them.</summary>
    public async Task<IReadOnlyList<PatternPolicy>> PatternPoliciesAsync(TollgateDb db, CancellationToken ct)
    {
        var rows = await db.Set<ServicePolicy>().AsNoTracking().Where(p => p.SipEndpointPattern != null)
            .OrderByDescending(p => p.MatchPriority).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.SipEndpointPattern, p.MatchPriority, p.ForbidUpdateMethod, p.KeepAliveInterval })
            .ToListAsync(ct);
        return rows.Select(p => new PatternPolicy(p.Id, UserAgentPattern.Parse(p.SipEndpointPattern!).Patterns, p.MatchPriority,
            p.ForbidUpdateMethod, Seconds(p.KeepAliveInterval))).ToList();
    }

    private static async Task<LegPolicy> AssignedAsync(TollgateDb db, long? policyId, IReadOnlyList<PatternPolicy> patterns, CancellationToken ct)
    {
        var policy = policyId is null ? null : await db.Set<ServicePolicy>().AsNoTracking()
            .Where(p => p.Id == policyId && p.SipEndpointPattern == null)
            .Select(p => new { p.ForbidUpdateMethod, p.KeepAliveInterval }).FirstOrDefaultAsync(ct);
        return policy is null
            ? new LegPolicy(false, null, patterns)
            : new LegPolicy(policy.ForbidUpdateMethod, Seconds(policy.KeepAliveInterval), patterns);
    }

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
}
