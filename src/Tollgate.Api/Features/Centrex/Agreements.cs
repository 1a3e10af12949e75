using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary>Reads customers' agreements and how much of them is used, and holds customers to them.</summary>
/// <remarks>
/// Checks are only as good as the lock around them: callers hold the customer's row lock (read with
/// <see cref="RowLocks.ForUpdate{T}"/> or taken with <see cref="TollgateDb.LockForUpdateAsync{TEntity}"/> on
/// <see cref="Customer"/>, inside <see cref="TollgateDb.BeginWriteAsync"/>) from before the count, in an earlier
/// statement, until the commit, so two requests cannot both see the last free unit.
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
    /// <remarks>Read from <see cref="ProductUse"/>, which database triggers keep equal to that count.</remarks>
    public static async Task<Dictionary<long, int>> UseAsync(TollgateDb db, long customerId, IReadOnlyCollection<long> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0) return [];
        var ids = productIds.ToList();
        return await db.Set<ProductUse>().IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.CustomerId == customerId && ids.Contains(u.ProductId) && u.OpenAccounts > 0)
            .ToDictionaryAsync(u => u.ProductId, u => u.OpenAccounts, ct);
    }

    /// <summary>
    /// For a customer giving one of its accounts products it does not hold yet: a 404 naming the member of the first one
    /// it cannot see (or that does not exist), a 422 when one is not in the agreement, a 409 when its quantity is used
    /// up; null when all may go.
    /// </summary>
    /// <remarks>
    /// <para>
    /// One statement answers all of it for every requested product: whether the caller sees it (its name, for the
    /// refusal), its line in the agreement, and how many of the customer's open accounts hold it (one row of
    /// <see cref="ProductUse"/>, whatever the number of accounts). Visibility comes first, so a refusal never names
    /// another seller's product.
    /// </para>
    /// <para>
    /// The statement reads in the caller's scope (a query that ignores the tenant filters ignores them everywhere, the
    /// products' included), which is the customer's own: its agreement lines and use are in it.
    /// </para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">The context is not scoped to this customer.</exception>
    public static async Task<Problem?> CheckAsync(TollgateDb db, long customerId, IReadOnlyList<Requested> added, CancellationToken ct)
    {
        if (db.Scope.Kind != ScopeKind.Customer || db.Scope.CustomerId != customerId)
            throw new InvalidOperationException($"Agreement limits apply to customer {customerId} acting for itself, not to {db.Scope}.");
        if (added.Count == 0) return null;
        var ids = added.Select(a => a.ProductId).Distinct().ToList();
        var lines = await LinesQuery.For(db)(db, customerId, ids).ToListAsync(ct);
        if (added.FirstOrDefault(r => lines.All(l => l.Id != r.ProductId)) is { } missing)
            return Problem.ReferenceNotFound(missing.Field, "product", missing.ProductId);

        var items = lines.Where(l => l.Kind is not null).Select(l => new AgreementItem(l.Id, l.Kind!.Value, l.Quantity!.Value)).ToList();
        var used = lines.Where(l => l.Used > 0).ToDictionary(l => l.Id, l => l.Used);
        if (AgreementLimits.Check(items, used, added.Select(a => a.ProductId)) is not { } refusal) return null;
        var name = lines.First(l => l.Id == refusal.ProductId).Name;
        return CentrexProblems.Refused(refusal, name, added.First(a => a.ProductId == refusal.ProductId).Field, customerId);
    }

    /// <summary>One line per requested product the caller sees: its name, its agreement line, and its use (see <see cref="CompiledQuery{TQuery}"/>).</summary>
    private static readonly CompiledQuery<Func<TollgateDb, long, List<long>, IAsyncEnumerable<AgreementLine>>> LinesQuery = new(() => EF.CompileAsyncQuery(
        (TollgateDb db, long customerId, List<long> ids) => (
                from p in db.Set<Product>().Where(p => ids.Contains(p.Id))
                join a in db.Set<AgreementProduct>().Where(a => a.CustomerId == customerId) on p.Id equals a.ProductId into agreed
                from a in agreed.DefaultIfEmpty()
                join u in db.Set<ProductUse>().Where(u => u.CustomerId == customerId) on p.Id equals u.ProductId into use
                from u in use.DefaultIfEmpty()
                select new AgreementLine(p.Id, p.Name, a == null ? (ProductKind?)null : a.Kind, a == null ? (int?)null : a.Quantity, u == null ? 0 : u.OpenAccounts))
            .AsNoTracking()));

    private sealed record AgreementLine(long Id, string Name, ProductKind? Kind, int? Quantity, int Used);
}
