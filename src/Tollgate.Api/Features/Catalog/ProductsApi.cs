using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Features.Rating;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Features.Switching;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Features.Catalog;

/// <summary>Products: the packages accounts get, with the account and reseller subscriptions they bring and their voice features.</summary>
/// <remarks>
/// <para>
/// A product of the administrators that is shared with resellers may hold only the administrators' shared plans; a
/// reseller's product may hold the shared plans and the reseller's own. A reseller changes only its own products, and
/// never their reseller subscriptions (what the provider charges it): those are the administrators' to set.
/// </para>
/// <para>
/// Changing a product's plans changes every account that holds it: a removed plan closes from today, an added one is
/// assigned from today.
/// </para>
/// </remarks>
public static class ProductsApi
{
    public sealed record ProductFeatures
    {
        /// <summary>Calls of accounts with this product are recorded.</summary>
        public bool CallRecording { get; init; }
    }

    public sealed record CreateProduct : IValidatable
    {
        public required string Name { get; init; }
        public required ProductKind Kind { get; init; }
        public long? ManagedBy { get; init; }
        public bool SharedWithResellers { get; init; }
        public IReadOnlyList<long> AccountSubscriptionIds { get; init; } = [];
        public IReadOnlyList<long> ResellerSubscriptionIds { get; init; } = [];

        /// <summary>For an add-on: it may join any main product.</summary>
        public bool AllowedWithAnyMainProduct { get; init; }

        /// <summary>For an add-on: the main products it may join (when not allowed with any).</summary>
        public IReadOnlyList<long> AllowedWithMainProductIds { get; init; } = [];

        public ProductFeatures Features { get; init; } = new();

        /// <summary>The service policy for the calls of accounts holding this product (administrators only).</summary>
        public long? ServicePolicyId { get; init; }
        /// <summary>The tariff the accounts' customers pay their calls at (usage rating).</summary>
        public long? TariffId { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name);
            NoDuplicates(errors, "accountSubscriptionIds", AccountSubscriptionIds);
            NoDuplicates(errors, "resellerSubscriptionIds", ResellerSubscriptionIds);
            NoDuplicates(errors, "allowedWithMainProductIds", AllowedWithMainProductIds);
            if (Kind == ProductKind.Main && AllowedWithAnyMainProduct) errors.Add("allowedWithAnyMainProduct", "applies only to add-on products");
            if (Kind == ProductKind.Main && AllowedWithMainProductIds.Count > 0) errors.Add("allowedWithMainProductIds", "applies only to add-on products");
            if (SharedWithResellers && ManagedBy is not null)
                errors.Add("sharedWithResellers", "only the administrators' items are shared; a reseller's items are its own");
        }
    }

    public sealed record UpdateProduct : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<bool> SharedWithResellers { get; init; }
        public Optional<IReadOnlyList<long>> AccountSubscriptionIds { get; init; }
        public Optional<IReadOnlyList<long>> ResellerSubscriptionIds { get; init; }
        public Optional<bool> AllowedWithAnyMainProduct { get; init; }
        public Optional<IReadOnlyList<long>> AllowedWithMainProductIds { get; init; }
        public Optional<ProductFeatures> Features { get; init; }
        public Optional<ProductKind> Kind { get; init; }
        public Optional<long?> ManagedBy { get; init; }
        public Optional<long?> ServicePolicyId { get; init; }
        public Optional<long?> TariffId { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "");
            if (AccountSubscriptionIds.HasValue) NoDuplicates(errors, "accountSubscriptionIds", AccountSubscriptionIds.Value);
            if (ResellerSubscriptionIds.HasValue) NoDuplicates(errors, "resellerSubscriptionIds", ResellerSubscriptionIds.Value);
            if (AllowedWithMainProductIds.HasValue) NoDuplicates(errors, "allowedWithMainProductIds", AllowedWithMainProductIds.Value);
            if (Kind.HasValue) errors.Add("kind", CatalogRights.Immutable);
            if (ManagedBy.HasValue) errors.Add("managedBy", CatalogRights.Immutable);
        }
    }

    public sealed record ProductResponse(
        long Id, string Name, ProductKind Kind, long? ManagedBy, bool SharedWithResellers, IReadOnlyList<long> AccountSubscriptionIds,
        IReadOnlyList<long> ResellerSubscriptionIds, bool AllowedWithAnyMainProduct, IReadOnlyList<long> AllowedWithMainProductIds,
        ProductFeatures Features, long? TariffId, DateTime CreatedAt)
    {
        public long? ServicePolicyId { get; init; }
    }

    public static RouteGroupBuilder MapProductsApi(this RouteGroupBuilder api)
    {
        var products = api.MapGroup("/products").WithTags("Catalog");
        products.MapGet("/", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List products in your scope; filter by kind and name (% and _ wildcards)");
        products.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read a product");
        products.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Create a product (a reseller creates products it manages itself, without reseller subscriptions)");
        products.MapPatch("/{id:long}", Update).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Change a product; changes of its subscriptions reach every account that holds it");
        return products;
    }

    private static void NoDuplicates(ValidationErrors errors, string field, IReadOnlyList<long> ids)
    {
        if (ids.Distinct().Count() != ids.Count) errors.Add(field, "must not list the same id twice");
    }

    private static async Task<Ok<Page<ProductResponse>>> List(TollgateDb db, Paging paging, string? kind, string? name, CancellationToken ct)
    {
        var query = db.Set<Product>().AsNoTracking();
        if (Query.Enum<ProductKind>(kind, "kind") is { } wanted) query = query.Where(p => p.Kind == wanted);
        if (name is not null) query = query.Where(p => EF.Functions.Like(p.Name.ToLower(), Patterns.ToLike(name)));
        var page = await paging.ReadAsync(query.OrderBy(p => p.Id), x => x, ct);
        return TypedResults.Ok(new Page<ProductResponse>(await ResponsesAsync(db, page.Items, ct), page.Total, page.Limit, page.Offset));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        return product is null ? Problem.NotFound("product", id).ToResult() : TypedResults.Ok((await ResponsesAsync(db, [product], ct))[0]);
    }

    private static async Task<Results<Created<ProductResponse>, ProblemHttpResult>> Create(
        Body<CreateProduct> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        var caller = callers.Required;
        if (caller.Realm == Realm.Reseller && input.ResellerSubscriptionIds.Count > 0)
            return Problem.Forbidden("A product's reseller subscriptions are what the provider charges; only administrators set them.").ToResult();
        await using var tx = await db.BeginWriteAsync(ct);
        var (managedBy, managerProblem) = await CatalogRights.ManagerOfNewAsync(db, caller, input.ManagedBy, ct);
        if (managerProblem is not null) return managerProblem.ToResult();
        var shared = managedBy is null && input.SharedWithResellers;
        var plans = await ResolvePlansAsync(db, managedBy, shared, input.AccountSubscriptionIds, input.ResellerSubscriptionIds, ct);
        if (plans.Problem is { } planProblem) return planProblem.ToResult();
        if (await CheckMainsAsync(db, input.AllowedWithMainProductIds, ct) is { } mainProblem) return mainProblem.ToResult();
        if (await PolicyAssignments.CheckAsync(db, caller.Realm == Realm.Admin, input.ServicePolicyId, ct) is { } policyProblem)
            return policyProblem.ToResult();
        if (input.TariffId is { } tariffId && await TariffLinks.CheckForProductAsync(db, tariffId, managedBy, shared, ct) is { } tariffProblem)
            return tariffProblem.ToResult();

        var product = new Product
        {
            Name = input.Name.Trim(),
            Kind = input.Kind,
            ManagedBy = managedBy,
            SharedWithResellers = shared,
            AllowedWithAnyMainProduct = input.AllowedWithAnyMainProduct,
            CallRecording = input.Features.CallRecording,
            ServicePolicyId = input.ServicePolicyId,
            TariffId = input.TariffId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Subscriptions = plans.Plans.Select(p => new ProductSubscription { SubscriptionId = p.Id }).ToList(),
            AllowedMainProducts = input.AllowedWithMainProductIds.Select(m => new ProductAllowedMain { MainProductId = m }).ToList(),
        };
        db.Set<Product>().Add(product);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/products/{product.Id}", (await ResponsesAsync(db, [product], ct))[0]);
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateProduct> body, TollgateDb db, CallerAccessor callers, ProductAssigner products, CancellationToken ct)
    {
        var input = body.Value;
        var caller = callers.Required;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Product>(id, ct);
        var product = await db.Set<Product>().Include(p => p.Subscriptions).Include(p => p.AllowedMainProducts).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return Problem.NotFound("product", id).ToResult();
        if (CatalogRights.MayChange(caller, product.ManagedBy, "product", id) is { } forbidden) return forbidden.ToResult();
        if (caller.Realm == Realm.Reseller && input.ResellerSubscriptionIds.HasValue)
            return Problem.Forbidden("A product's reseller subscriptions are what the provider charges; only administrators change them.").ToResult();
        if (product.Kind == ProductKind.Main && ((input.AllowedWithAnyMainProduct.HasValue && input.AllowedWithAnyMainProduct.Value)
                                                 || (input.AllowedWithMainProductIds.HasValue && input.AllowedWithMainProductIds.Value.Count > 0)))
            return Problem.Validation("allowedWithMainProductIds", "applies only to add-on products").ToResult();
        if (input.SharedWithResellers.HasValue && input.SharedWithResellers.Value && product.ManagedBy is not null)
            return Problem.Validation("sharedWithResellers", "only the administrators' items are shared; a reseller's items are its own").ToResult();

        var kinds = await PlanKindsAsync(db, [product.Id], ct);
        var accountIds = input.AccountSubscriptionIds.Or(IdsOf(kinds, product.Id, SubscriptionKind.Account));
        var resellerIds = input.ResellerSubscriptionIds.Or(IdsOf(kinds, product.Id, SubscriptionKind.Reseller));
        var shared = input.SharedWithResellers.Or(product.SharedWithResellers);
        var plans = await ResolvePlansAsync(db, product.ManagedBy, shared, accountIds, resellerIds, ct,
            known: product.Subscriptions.Select(s => s.SubscriptionId).ToHashSet());
        if (plans.Problem is { } planProblem) return planProblem.ToResult();
        if (input.AllowedWithMainProductIds.HasValue && await CheckMainsAsync(db, input.AllowedWithMainProductIds.Value, ct) is { } mainProblem)
            return mainProblem.ToResult();
        if (await PolicyAssignments.CheckChangeAsync(db, caller.Realm == Realm.Admin, input.ServicePolicyId, ct) is { } policyProblem)
            return policyProblem.ToResult();
        var tariff = input.TariffId.Or(product.TariffId);
        if ((input.TariffId.HasValue || input.SharedWithResellers.HasValue) && tariff is { } tariffId
            && await TariffLinks.CheckForProductAsync(db, tariffId, product.ManagedBy, shared, ct) is { } tariffProblem)
            return tariffProblem.ToResult();

        var before = product.Subscriptions.Select(s => s.SubscriptionId).ToHashSet();
        var after = plans.Plans.Select(p => p.Id).ToHashSet();
        product.Subscriptions.RemoveAll(s => !after.Contains(s.SubscriptionId));
        product.Subscriptions.AddRange(after.Except(before).Select(planId => new ProductSubscription { ProductId = id, SubscriptionId = planId }));
        if (input.Name.HasValue) product.Name = input.Name.Value.Trim();
        product.SharedWithResellers = shared;
        if (input.AllowedWithAnyMainProduct.HasValue) product.AllowedWithAnyMainProduct = input.AllowedWithAnyMainProduct.Value;
        if (input.AllowedWithMainProductIds.HasValue)
        {
            var mains = input.AllowedWithMainProductIds.Value.ToHashSet();
            product.AllowedMainProducts.RemoveAll(m => !mains.Contains(m.MainProductId));
            var missing = mains.Except(product.AllowedMainProducts.Select(m => m.MainProductId)).ToList();
            product.AllowedMainProducts.AddRange(missing.Select(m => new ProductAllowedMain { AddonProductId = id, MainProductId = m }));
        }
        if (input.Features.HasValue) product.CallRecording = input.Features.Value.CallRecording;
        if (input.ServicePolicyId.HasValue) product.ServicePolicyId = input.ServicePolicyId.Value;
        product.TariffId = tariff;

        var added = plans.Plans.Where(p => !before.Contains(p.Id)).ToList();
        if (await products.SyncAsync(db, product, added, before.Except(after).ToList(), ct) is { } syncProblem)
            return syncProblem.ToProblem().ToResult();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ResponsesAsync(db, [product], ct))[0]);
    }

    /// <summary>Finds the plans a product should hold in the caller's scope and checks each may be in a product managed by
    /// <c>managedBy</c> and shared (or not) as <c>shared</c> says. Plans in <c>known</c> (held already) are found even if the
    /// caller no longer sees them.</summary>
    private static async Task<(List<Subscription> Plans, Problem? Problem)> ResolvePlansAsync(TollgateDb db, long? managedBy, bool shared,
        IReadOnlyList<long> accountIds, IReadOnlyList<long> resellerIds, CancellationToken ct, HashSet<long>? known = null)
    {
        var ids = accountIds.Concat(resellerIds).ToList();
        known ??= [];
        var visible = await db.Set<Subscription>().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        foreach (var held in await db.Set<Subscription>().IgnoreQueryFilters().Where(s => ids.Contains(s.Id) && known.Contains(s.Id)).ToListAsync(ct))
            visible.TryAdd(held.Id, held);
        var plans = new List<Subscription>();
        foreach (var (field, list, kind) in new[] { ("accountSubscriptionIds", accountIds, SubscriptionKind.Account), ("resellerSubscriptionIds", resellerIds, SubscriptionKind.Reseller) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var name = $"{field}[{i}]";
                if (!visible.TryGetValue(list[i], out var plan)) return ([], Problem.ReferenceNotFound(name, "subscription", list[i]));
                if (plan.Kind != kind)
                    return ([], Problem.Unprocessable($"Subscription {plan.Id} is {(plan.Kind == SubscriptionKind.Account ? "an account" : "a reseller")} subscription.", name));
                if (Misfit(plan, managedBy, shared) is { } reason) return ([], Problem.Unprocessable(reason, name));
                plans.Add(plan);
            }
        }
        return (plans, null);
    }

    /// <summary>Why a plan cannot be part of a product with this manager and sharing, or null.</summary>
    private static string? Misfit(Subscription plan, long? managedBy, bool shared)
    {
        if (managedBy is null)
        {
            if (plan.ManagedBy is not null) return $"Subscription {plan.Id} belongs to reseller {plan.ManagedBy}; an administrators' product holds only the administrators' subscriptions.";
            if (shared && !plan.SharedWithResellers) return $"Subscription {plan.Id} is not shared with resellers, so a product shared with resellers cannot hold it.";
            return null;
        }
        if (plan.ManagedBy == managedBy || (plan.ManagedBy is null && plan.SharedWithResellers)) return null;
        return $"Subscription {plan.Id} is not available to reseller {managedBy}, which manages this product.";
    }

    private static async Task<Problem?> CheckMainsAsync(TollgateDb db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        var found = await db.Set<Product>().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Kind, ct);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!found.TryGetValue(ids[i], out var kind)) return Problem.ReferenceNotFound($"allowedWithMainProductIds[{i}]", "product", ids[i]);
            if (kind != ProductKind.Main) return Problem.Unprocessable($"Product {ids[i]} is an add-on product.", $"allowedWithMainProductIds[{i}]");
        }
        return null;
    }

    private static async Task<List<(long ProductId, long SubscriptionId, SubscriptionKind Kind)>> PlanKindsAsync(
        TollgateDb db, IReadOnlyCollection<long> productIds, CancellationToken ct) =>
        // The product decides visibility; its plans are listed whoever may see them.
        (await db.Set<ProductSubscription>().IgnoreQueryFilters().Where(ps => productIds.Contains(ps.ProductId))
            .Select(ps => new { ps.ProductId, ps.SubscriptionId, ps.Subscription.Kind }).ToListAsync(ct))
        .Select(x => (x.ProductId, x.SubscriptionId, x.Kind)).ToList();

    private static List<long> IdsOf(List<(long ProductId, long SubscriptionId, SubscriptionKind Kind)> kinds, long productId, SubscriptionKind kind) =>
        kinds.Where(k => k.ProductId == productId && k.Kind == kind).Select(k => k.SubscriptionId).Order().ToList();

    private static async Task<List<ProductResponse>> ResponsesAsync(TollgateDb db, IReadOnlyList<Product> products, CancellationToken ct)
    {
        var ids = products.Select(p => p.Id).ToList();
        var kinds = await PlanKindsAsync(db, ids, ct);
        var mains = (await db.Set<ProductAllowedMain>().Where(a => ids.Contains(a.AddonProductId)).ToListAsync(ct)).ToLookup(a => a.AddonProductId);
        return products.Select(p => new ProductResponse(p.Id, p.Name, p.Kind, p.ManagedBy, p.SharedWithResellers,
            IdsOf(kinds, p.Id, SubscriptionKind.Account), IdsOf(kinds, p.Id, SubscriptionKind.Reseller), p.AllowedWithAnyMainProduct,
            mains[p.Id].Select(m => m.MainProductId).Order().ToList(), new ProductFeatures { CallRecording = p.CallRecording }, p.TariffId, p.CreatedAt)
        {
            ServicePolicyId = p.ServicePolicyId,
        }).ToList();
    }
}
