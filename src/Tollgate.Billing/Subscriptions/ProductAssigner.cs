using Microsoft.EntityFrameworkCore;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;

namespace Tollgate.Billing.Subscriptions;

/// <summary>A change of the products an account holds.</summary>
public sealed record ProductChange
{
    /// <summary>Whether the main product changes (to <see cref="MainProductId"/>, or is removed when that is null).</summary>
    public bool SetsMain { get; init; }

    public long? MainProductId { get; init; }

    /// <summary>The add-on products the account should hold; null leaves them as they are.</summary>
    public IReadOnlyList<long>? AddonProductIds { get; init; }

    /// <summary>The day new products' subscriptions start and removed ones' stop; today in the customer's time zone when null.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>Whether <see cref="StartDate"/> may lie in the past (a new account moved from another system with its real start date).</summary>
    public bool AllowPastStart { get; init; }

    /// <summary>
    /// The account was created in the caller's transaction: it holds no products and no subscriptions and was never
    /// used, so none of that is read.
    /// </summary>
    public bool NewAccount { get; init; }

    /// <summary>
    /// Product ids the caller has already found in its own scope in this transaction (the IP Centrex agreement check
    /// reads them there), so they are not looked up again; null: every product the account does not hold yet is.
    /// </summary>
    public IReadOnlySet<long>? SeenByCaller { get; init; }
}

/// <summary>Gives accounts their main and add-on products, with the subscriptions those bring; keeps them in step when a product changes.</summary>
/// <remarks>
/// <para>
/// A product gives its account one assigned subscription per plan in it: account subscriptions charged to the
/// customer, reseller subscriptions charged to the reseller above the customer (only when there is one). Each follows
/// its plan's activation mode. Replacing the main product keeps the subscriptions both products share, closes the ones
/// the new product lacks and adds the ones it brings. Removing a plan from a product closes it on every account that
/// holds the product; adding one assigns it to them all.
/// </para>
/// <para>
/// A product must be available to the account's seller: the provider's products shared with resellers (or, for a
/// direct customer, any of the provider's), or the account's own reseller's products. Changes go to the caller's context
/// and transaction; the IP Centrex feature calls this when it creates an extension's account.
/// </para>
/// </remarks>
public sealed class ProductAssigner(SubscriptionAssigner assigner, TimeProvider clock)
{
    /// <summary>Applies a change of products to an account (new or existing, found in the caller's scope).</summary>
    public Task<BillingError?> ApplyAsync(TollgateDb db, Account account, ProductChange change, CancellationToken ct) =>
        ApplyAsync(db, account, change, new PayerCache(db), ct);

    /// <summary>Applies a change of products, reading the payers through <paramref name="payers"/> (which may know them already).</summary>
    public async Task<BillingError?> ApplyAsync(TollgateDb db, Account account, ProductChange change, PayerCache payers, CancellationToken ct)
    {
        var held = change.NewAccount ? [] : await db.Set<AccountProduct>().IgnoreQueryFilters().Where(p => p.AccountId == account.Id).ToListAsync(ct);
        var heldMain = held.FirstOrDefault(p => p.Kind == ProductKind.Main)?.ProductId;
        var mainId = change.SetsMain ? change.MainProductId : heldMain;
        var addonIds = change.AddonProductIds ?? held.Where(p => p.Kind == ProductKind.Addon).Select(p => p.ProductId).ToList();
        var wanted = addonIds.Prepend(mainId ?? 0).Where(id => id != 0).ToHashSet();
        var heldIds = held.Select(p => p.ProductId).ToHashSet();
        if (wanted.SetEquals(heldIds) && mainId == heldMain) return null;
        if (account.Status == AccountStatus.Closed) return BillingError.Conflict($"Account {account.Id} is closed.");

        var products = await LoadAsync(db, wanted, ct);
        var fresh = wanted.Except(heldIds).ToList();
        var unseen = change.SeenByCaller is { } seen ? fresh.Where(id => !seen.Contains(id)).ToList() : fresh;
        var visible = unseen.Count == 0 ? [] : await VisibleQuery.For(db)(db, unseen).ToHashSetAsync(cancellationToken: ct);
        if (change.SeenByCaller is not null) visible.UnionWith(change.SeenByCaller);
        var customer = await payers.GetAsync(PayerKind.Customer, account.CustomerId, ct);
        var reseller = account.ResellerId is { } rid ? await payers.GetAsync(PayerKind.Reseller, rid, ct) : null;

        if (mainId is { } main && Check(products, visible, heldIds, main, ProductKind.Main, "productId") is { } mainProblem) return mainProblem;
        for (var i = 0; i < addonIds.Count; i++)
        {
            var field = $"addonProductIds[{i}]";
            if (Check(products, visible, heldIds, addonIds[i], ProductKind.Addon, field) is { } problem) return problem;
            if (mainId is null) return BillingError.Unprocessable("Add-on products need a main product.", "addonProductIds");
            var addon = products[addonIds[i]];
            if (!addon.AllowedWithAnyMainProduct && addon.AllowedMainProducts.All(m => m.MainProductId != mainId))
                return BillingError.Unprocessable($"Add-on product {addon.Id} is not allowed with main product {mainId}.", field);
        }
        foreach (var id in fresh)
        {
            var field = id == mainId ? "productId" : $"addonProductIds[{addonIds.ToList().IndexOf(id)}]";
            if (Availability(products[id], account.ResellerId, customer, reseller) is { } reason) return BillingError.Unprocessable(reason, field);
        }

        var today = customer.DateAt(clock.GetUtcNow());
        var start = change.StartDate ?? today;
        if (!change.AllowPastStart && start < today)
            return BillingError.Unprocessable($"A change of products cannot start in the past (today is {today:yyyy-MM-dd} for the customer).", "activationDate");

        var holder = AssignmentHolder.Of(account) with { IsNew = change.NewAccount };
        var open = change.NewAccount ? [] : await db.Set<AssignedSubscription>().IgnoreQueryFilters()
            .Where(s => s.AccountId == account.Id && s.ProductId != null && s.Status != AssignedSubscriptionStatus.Closed).ToListAsync(ct);
        var transferred = new HashSet<long>();
        if (heldMain is { } oldMain && mainId is { } newMain && oldMain != newMain)
        {
            // Plans both main products share carry on under the new product instead of stopping and starting again.
            var shared = products[newMain].Subscriptions.Select(s => s.SubscriptionId).ToHashSet();
            foreach (var s in open.Where(s => s.ProductId == oldMain && shared.Contains(s.SubscriptionId)))
            {
                if (transferred.Add(s.SubscriptionId)) s.ProductId = newMain;
            }
        }
        var gone = held.Where(p => !wanted.Contains(p.ProductId)).ToList();
        db.Set<AccountProduct>().RemoveRange(gone);
        var goneIds = gone.Select(p => p.ProductId).ToHashSet();
        foreach (var s in open.Where(s => goneIds.Contains(s.ProductId!.Value)))
            await assigner.CloseAsync(db, s, start, ct);
        foreach (var id in fresh)
        {
            var product = products[id];
            db.Set<AccountProduct>().Add(new AccountProduct
            {
                AccountId = account.Id, ProductId = id, Kind = product.Kind, CustomerId = account.CustomerId, ResellerId = account.ResellerId,
                StartDate = start, AssignedAt = clock.GetUtcNow().UtcDateTime,
            });
            foreach (var plan in product.Subscriptions.Select(s => s.Subscription))
            {
                if (id == mainId && transferred.Contains(plan.Id)) continue;
                if (plan.Kind == SubscriptionKind.Reseller && account.ResellerId is null) continue;
                var outcome = await assigner.AssignAsync(db, holder, plan, start, null, id, payers, ct);
                if (outcome.Error is { } error) return error with { Field = id == mainId ? "productId" : "addonProductIds" };
            }
        }
        return null;
    }

    /// <summary>Brings the accounts holding <paramref name="product"/> in step after plans were added to or removed from it.</summary>
    public async Task<BillingError?> SyncAsync(TollgateDb db, Product product, IReadOnlyCollection<Subscription> added,
        IReadOnlyCollection<long> removed, CancellationToken ct)
    {
        var subscriptions = db.Set<AssignedSubscription>().IgnoreQueryFilters();
        foreach (var s in await subscriptions
                     .Where(s => s.ProductId == product.Id && removed.Contains(s.SubscriptionId) && s.Status != AssignedSubscriptionStatus.Closed)
                     .ToListAsync(ct))
            await assigner.CloseAsync(db, s, null, ct);
        if (added.Count == 0) return null;

        var holders = await db.Set<AccountProduct>().IgnoreQueryFilters().Where(p => p.ProductId == product.Id)
            .Join(db.Accounts.IgnoreQueryFilters(), p => p.AccountId, a => a.Id, (p, a) => a)
            .Where(a => a.Status != AccountStatus.Closed).ToListAsync(ct);
        foreach (var account in holders)
        {
            foreach (var plan in added)
            {
                if (plan.Kind == SubscriptionKind.Reseller && account.ResellerId is null) continue;
                var outcome = await assigner.AssignAsync(db, AssignmentHolder.Of(account), plan, null, null, product.Id, ct);
                if (outcome.Error is { } error)
                    return error with { Detail = $"Account {account.AccountId} holds this product: {error.Detail}", Field = "accountSubscriptionIds" };
            }
        }
        return null;
    }

    /// <summary>The products with their plans and allowed main products, read only (not tracked), whatever the caller's scope.</summary>
    /// <remarks>
    /// One query per <see cref="Slots"/> products (an account rarely has more): a product has a few plans and main
    /// products, so joining them costs less than a round trip each. The ids go as separate parameters, the unused
    /// slots repeating the first, not as one array (<c>= ANY($1)</c>): for an array PostgreSQL planned this join anew
    /// on every call (0.27 ms each), with scalars it keeps one generic plan for the prepared statement.
    /// </remarks>
    private static async Task<Dictionary<long, Product>> LoadAsync(TollgateDb db, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var products = new Dictionary<long, Product>();
        foreach (var chunk in ids.Chunk(Slots))
        {
            long At(int i) => chunk[i < chunk.Length ? i : 0];
            await foreach (var product in ProductsQuery.For(db)(db, At(0), At(1), At(2), At(3)).WithCancellation(ct))
                products[product.Id] = product;
        }
        return products;
    }

    private const int Slots = 4;

    // Compiled (see CompiledQuery): an IP Centrex extension creation runs both every time.
    private static readonly CompiledQuery<Func<TollgateDb, long, long, long, long, IAsyncEnumerable<Product>>> ProductsQuery = new(() => EF.CompileAsyncQuery(
        (TollgateDb db, long id0, long id1, long id2, long id3) => db.Set<Product>().IgnoreQueryFilters().AsNoTracking().AsSingleQuery()
            .Include(p => p.Subscriptions).ThenInclude(s => s.Subscription).Include(p => p.AllowedMainProducts)
            .Where(p => p.Id == id0 || p.Id == id1 || p.Id == id2 || p.Id == id3)));

    /// <summary>Which of the products the caller's scope sees.</summary>
    private static readonly CompiledQuery<Func<TollgateDb, List<long>, IAsyncEnumerable<long>>> VisibleQuery = new(() => EF.CompileAsyncQuery(
        (TollgateDb db, List<long> ids) => db.Set<Product>().Where(p => ids.Contains(p.Id)).Select(p => p.Id)));

    private static BillingError? Check(Dictionary<long, Product> products, HashSet<long> visible, HashSet<long> held, long id, ProductKind kind, string field)
    {
        if (!products.TryGetValue(id, out var product) || (!held.Contains(id) && !visible.Contains(id))) return BillingError.NotFound(field, "product", id);
        if (product.Kind != kind)
            return BillingError.Unprocessable($"Product {id} is {(product.Kind == ProductKind.Main ? "a main" : "an add-on")} product.", field);
        return null;
    }

    /// <summary>Why a product cannot go to the accounts of a customer (availability to its seller, currencies of its plans), or null.</summary>
    /// <param name="product">The product, with its plans loaded.</param>
    /// <param name="resellerId">The reseller above the customer, or null for a direct customer of the provider.</param>
    /// <param name="customer">The customer, which pays the account plans.</param>
    /// <param name="reseller">The reseller, which pays the reseller plans.</param>
    public static string? Availability(Product product, long? resellerId, Payer customer, Payer? reseller)
    {
        if (product.ManagedBy is { } managedBy && managedBy != resellerId)
            return $"Product {product.Id} belongs to another reseller.";
        if (product.ManagedBy is null && resellerId is not null && !product.SharedWithResellers)
            return $"Product {product.Id} is not shared with resellers, so the accounts of reseller {resellerId} cannot have it.";
        foreach (var plan in product.Subscriptions.Select(s => s.Subscription))
        {
            var payer = plan.Kind == SubscriptionKind.Account ? customer : reseller;
            if (payer is not null && !string.Equals(plan.Currency, payer.Currency, StringComparison.Ordinal))
                return $"Product {product.Id} has subscription {plan.Id} in {plan.Currency}, but its payer is billed in {payer.Currency}.";
        }
        return null;
    }
}
