using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary>Reads customers' agreements and how much of them is used, and holds customers to them.</summary>
/// <remarks>
/// Checks are only as good as the lock around them: callers hold the customer's row lock
/// (<see cref="TollgateDb.LockForUpdateAsync{TEntity}"/> on <see cref="Customer"/>, inside
/// <see cref="TollgateDb.BeginWriteAsync"/>) from before the count until the commit, so two requests cannot both see
/// the last free unit.
/// </remarks>
public static class Agreements
{
    /// <summary>A product a request gives an account, and the request member that names it (for the answer's <c>errors</c>).</summary>
    public sealed record Requested(long ProductId, string Field);

    /// <summary>The customer's agreement row with its products, created (not yet saved) when it has none.</summary>
    public static async Task<CustomerAgreement> GetOrAddAsync(TollgateDb db, long customerId, long? resellerId, CancellationToken ct)
    {
        var agreement = await db.Agreements.IgnoreQueryFilters().Include(a => a.Products).FirstOrDefaultAsync(a => a.CustomerId == customerId, ct);
        if (agreement is not null) return agreement;
        agreement = new CustomerAgreement { CustomerId = customerId, ResellerId = resellerId };
        db.Agreements.Add(agreement);
        return agreement;
    }

    /// <summary>Per product, how many of the customer's open (active or blocked) accounts hold it; products nobody holds are absent.</summary>
    public static async Task<Dictionary<long, int>> UseAsync(TollgateDb db, long customerId, IReadOnlyCollection<long> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0) return [];
        var ids = productIds.ToList();
        return await db.Set<AccountProduct>().IgnoreQueryFilters()
            .Where(p => p.CustomerId == customerId && ids.Contains(p.ProductId))
            .Where(p => db.Accounts.IgnoreQueryFilters().Any(a => a.Id == p.AccountId && a.Status != AccountStatus.Closed))
            .GroupBy(p => p.ProductId)
            .Select(g => new { ProductId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ProductId, x => x.Count, ct);
    }

    /// <summary>
    /// For a customer giving one of its accounts products it does not hold yet: a 422 when one is not in the
    /// agreement, a 409 when its quantity is used up; null when all may go.
    /// </summary>
    /// <remarks>The products must already be known to be visible to the customer (so a refusal never names another seller's product).</remarks>
    public static async Task<Problem?> CheckAsync(TollgateDb db, long customerId, IReadOnlyList<Requested> added, CancellationToken ct)
    {
        if (added.Count == 0) return null;
        var items = await db.Set<AgreementProduct>().IgnoreQueryFilters().Where(p => p.CustomerId == customerId)
            .Select(p => new AgreementItem(p.ProductId, p.Kind, p.Quantity)).ToListAsync(ct);
        var limited = added.Select(a => a.ProductId).Where(id => items.Any(i => i.ProductId == id && !i.Unlimited)).Distinct().ToList();
        var used = await UseAsync(db, customerId, limited, ct);
        if (AgreementLimits.Check(items, used, added.Select(a => a.ProductId)) is not { } refusal) return null;
        var name = await db.Set<Product>().IgnoreQueryFilters().Where(p => p.Id == refusal.ProductId).Select(p => p.Name).FirstAsync(ct);
        return CentrexProblems.Refused(refusal, name, added.First(a => a.ProductId == refusal.ProductId).Field, customerId);
    }

    /// <summary>A 404 naming the member of the first requested product the caller cannot see (or that does not exist), else null.</summary>
    public static async Task<Problem?> CheckVisibleAsync(TollgateDb db, IReadOnlyList<Requested> requested, CancellationToken ct)
    {
        if (requested.Count == 0) return null;
        var ids = requested.Select(r => r.ProductId).Distinct().ToList();
        var visible = (await db.Set<Product>().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        return requested.FirstOrDefault(r => !visible.Contains(r.ProductId)) is { } missing
            ? Problem.ReferenceNotFound(missing.Field, "product", missing.ProductId)
            : null;
    }
}
