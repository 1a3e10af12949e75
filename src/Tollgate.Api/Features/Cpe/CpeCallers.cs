using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe;

/// <summary>What the CPE rules need to know about a caller, and checks several CPE endpoints share.</summary>
public static class CpeCallers
{
    /// <summary>The reseller acting, or null for the administrator (and for callers who cannot manage devices at all).</summary>
    public static long? ActingReseller(this Caller caller) => caller.Realm == Realm.Reseller ? caller.ResellerId : null;

    /// <summary>
    /// The manager a body names, as the caller may set it: a reseller manages only its own (so it may leave
    /// <paramref name="managedBy"/> out) and shares nothing; the administrator names any reseller it can see.
    /// </summary>
    public static async Task<(CpeManagement Management, Problem? Problem)> ResolveManagementAsync(
        TollgateDb db, Caller caller, long? managedBy, bool shared, CancellationToken ct)
    {
        if (caller.ActingReseller() is { } reseller)
        {
            if (managedBy is not null && managedBy != reseller) return (default, Problem.ReferenceNotFound("managedBy", "reseller", managedBy));
            if (shared) return (default, Problem.Validation("sharedWithResellers", "only the administrator shares devices and profiles with resellers"));
            return (new CpeManagement(reseller, false), null);
        }
        var management = new CpeManagement(managedBy, shared);
        if (management.Problem is { } problem) return (default, Problem.Validation("sharedWithResellers", problem));
        if (managedBy is not null && !await db.Resellers.AnyAsync(r => r.Id == managedBy, ct))
            return (default, Problem.ReferenceNotFound("managedBy", "reseller", managedBy));
        return (management, null);
    }

    /// <summary>The customer a device is to be allocated to, if the caller can see it and it is open.</summary>
    public static async Task<(Customer? Customer, Problem? Problem)> FindCustomerAsync(TollgateDb db, long customerId, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        if (customer is null) return (null, Problem.ReferenceNotFound("customerId", "customer", customerId));
        if (customer.Status == Domain.Parties.PartyStatus.Closed)
            return (null, Problem.Unprocessable($"Customer {customerId} is closed and cannot be given devices.", "customerId"));
        return (customer, null);
    }
}
