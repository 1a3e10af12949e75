using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Switching;

namespace Tollgate.Api.Features.Switching;

/// <summary>The rules for naming a service policy on a product, an account or a vendor connection.</summary>
/// <remarks>
/// <para>Service policies are the administrators' own: only they assign them. A policy with a SIP end-point pattern is
/// applied by the switch to every leg whose User-Agent matches, wherever it is assigned; assigning it as well would say
/// two contradictory things, so it is refused, and a pattern cannot be given to a policy that is assigned somewhere.</para>
/// </remarks>
public static class PolicyAssignments
{
    public const string ServicePolicyField = "servicePolicyId";

    /// <summary>Checks that <paramref name="policyId"/> (when not null) can be assigned by this caller; null when it can.</summary>
    /// <remarks>Call it inside the write transaction: it locks the policy's row, so a pattern cannot be added to it meanwhile.</remarks>
    public static async Task<Problem?> CheckAsync(TollgateDb db, bool callerIsAdministrator, long? policyId, CancellationToken ct)
    {
        if (policyId is not { } id) return null;
        if (!callerIsAdministrator) return NotAdministrator();
        await db.LockForUpdateAsync<ServicePolicy>(id, ct);
        var policy = await db.Set<ServicePolicy>().AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Name, p.SipEndpointPattern }).FirstOrDefaultAsync(ct);
        if (policy is null) return Problem.ReferenceNotFound(ServicePolicyField, "service policy", id);
        return policy.SipEndpointPattern is null
            ? null
            : Problem.Unprocessable(
                $"Service policy {id} ('{policy.Name}') has a SIP end-point pattern: it applies by User-Agent to every call leg and is not assigned.",
                ServicePolicyField);
    }

    /// <summary>Checks a change of the policy (a PATCH member): setting it and clearing it are both the administrators' to do.</summary>
    public static Task<Problem?> CheckChangeAsync(TollgateDb db, bool callerIsAdministrator, Optional<long?> change, CancellationToken ct)
    {
        if (!change.HasValue) return Task.FromResult<Problem?>(null);
        return callerIsAdministrator ? CheckAsync(db, true, change.Value, ct) : Task.FromResult<Problem?>(NotAdministrator());
    }

    private static Problem NotAdministrator() =>
        Problem.Forbidden("Only administrators assign service policies.") with
        {
            Errors = new Dictionary<string, string[]> { [ServicePolicyField] = ["only administrators assign service policies"] },
        };

    /// <summary>How many products, accounts and vendor connections name the policy.</summary>
    public static async Task<(int Products, int Accounts, int Connections)> UsesAsync(TollgateDb db, long policyId, CancellationToken ct) =>
        (await db.Set<Product>().IgnoreQueryFilters().CountAsync(p => p.ServicePolicyId == policyId, ct),
            await db.Accounts.IgnoreQueryFilters().CountAsync(a => a.ServicePolicyId == policyId, ct),
            await db.Set<VendorConnection>().IgnoreQueryFilters().CountAsync(c => c.ServicePolicyId == policyId, ct));
}
