using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Rating;

namespace Tollgate.Api.Features.Rating;

/// <summary>Which tariffs a product, a reseller or a vendor connection may point at.</summary>
/// <remarks>
/// The same rule as for a product's plans: an administrators' product takes an administrators' tariff, one shared with
/// resellers when the product is shared (its resellers' customers are rated by it); a reseller's product takes the
/// reseller's own tariffs or the administrators' shared ones. A reseller's wholesale tariff is an administrators'
/// tariff in the reseller's currency (what the provider charges it). A vendor connection's cost tariff is an
/// administrators' tariff in any currency (the vendor's).
/// </remarks>
public static class TariffLinks
{
    public static async Task<Problem?> CheckForProductAsync(TollgateDb db, long tariffId, long? managedBy, bool shared, CancellationToken ct)
    {
        var tariff = await db.Set<Tariff>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tariffId, ct);
        if (tariff is null) return Problem.ReferenceNotFound("tariffId", "tariff", tariffId);
        if (managedBy is null)
        {
            if (tariff.ManagedBy is not null)
                return Problem.Unprocessable($"Tariff {tariffId} belongs to reseller {tariff.ManagedBy}; an administrators' product takes the administrators' tariffs.", "tariffId");
            if (shared && !tariff.SharedWithResellers)
                return Problem.Unprocessable($"Tariff {tariffId} is not shared with resellers, so a product shared with resellers cannot use it.", "tariffId");
            return null;
        }
        return tariff.ManagedBy == managedBy || (tariff.ManagedBy is null && tariff.SharedWithResellers)
            ? null
            : Problem.Unprocessable($"Tariff {tariffId} is not available to reseller {managedBy}, which manages this product.", "tariffId");
    }

    public static async Task<Problem?> CheckWholesaleAsync(TollgateDb db, long tariffId, string currency, CancellationToken ct)
    {
        var (tariff, problem) = await AdministratorsAsync(db, tariffId, "a wholesale tariff", ct);
        if (tariff is null) return problem;
        if (!string.Equals(tariff.Currency, currency, StringComparison.OrdinalIgnoreCase))
            return Problem.Unprocessable($"Tariff {tariffId} is in {tariff.Currency}; the reseller pays in {currency}.", "tariffId");
        return null;
    }

    public static async Task<Problem?> CheckForConnectionAsync(TollgateDb db, long tariffId, CancellationToken ct) =>
        (await AdministratorsAsync(db, tariffId, "a vendor's cost tariff", ct)).Problem;

    /// <summary>The tariff, when it exists and is the administrators' own (not a reseller's).</summary>
    private static async Task<(Tariff? Tariff, Problem? Problem)> AdministratorsAsync(TollgateDb db, long tariffId, string what, CancellationToken ct)
    {
        var tariff = await db.Set<Tariff>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tariffId, ct);
        if (tariff is null) return (null, Problem.ReferenceNotFound("tariffId", "tariff", tariffId));
        return tariff.ManagedBy is null
            ? (tariff, null)
            : (null, Problem.Unprocessable($"Tariff {tariffId} belongs to reseller {tariff.ManagedBy}; {what} is the administrators'.", "tariffId"));
    }
}
