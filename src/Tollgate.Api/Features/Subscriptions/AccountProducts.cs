using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Subscriptions;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using static Tollgate.Api.Features.Accounts.AccountsApi;

namespace Tollgate.Api.Features.Subscriptions;

/// <summary>The <c>productId</c>, <c>addonProductIds</c> and <c>activationDate</c> members of the accounts API.</summary>
public static class AccountProducts
{
    /// <summary>Checks the product members of an account body.</summary>
    /// <param name="errors">Where problems go.</param>
    /// <param name="changesProducts">Whether the body sets the main product or the add-ons.</param>
    /// <param name="addonProductIds">The add-ons asked for.</param>
    /// <param name="activationDate">The start day asked for, if any.</param>
    public static void Validate(ValidationErrors errors, bool changesProducts, IReadOnlyList<long> addonProductIds, DateOnly? activationDate)
    {
        if (addonProductIds.Distinct().Count() != addonProductIds.Count) errors.Add("addonProductIds", "must not list the same product twice");
        if (activationDate is not null && !changesProducts) errors.Add("activationDate", "applies only together with productId or addonProductIds");
    }

    /// <summary>Gives the account its products (and their subscriptions) and saves; a problem means nothing may be committed.</summary>
    public static async Task<Problem?> ApplyAsync(TollgateDb db, ProductAssigner products, Caller caller, Account account, ProductChange change,
        CancellationToken ct)
    {
        if (caller.Realm is Realm.Customer or Realm.Account)
            return Problem.Forbidden("An account's products are chosen by its provider or reseller.");
        if (await products.ApplyAsync(db, account, change, ct) is { } error) return error.ToProblem();
        await db.SaveChangesAsync(ct);
        return null;
    }

    public static async Task<AccountResponse> WithProductsAsync(this AccountResponse response, TollgateDb db, CancellationToken ct) =>
        (await WithProductsAsync([response], db, ct))[0];

    public static async Task<Page<AccountResponse>> WithProductsAsync(this Page<AccountResponse> page, TollgateDb db, CancellationToken ct) =>
        page with { Items = await WithProductsAsync(page.Items, db, ct) };

    private static async Task<List<AccountResponse>> WithProductsAsync(IReadOnlyList<AccountResponse> responses, TollgateDb db, CancellationToken ct)
    {
        var ids = responses.Select(r => r.Id).ToList();
        var held = (await db.Set<AccountProduct>().IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.AccountId))
            .OrderBy(p => p.ProductId).ToListAsync(ct)).ToLookup(p => p.AccountId);
        return responses.Select(r => r with
        {
            ProductId = held[r.Id].FirstOrDefault(p => p.Kind == ProductKind.Main)?.ProductId,
            AddonProductIds = held[r.Id].Where(p => p.Kind == ProductKind.Addon).Select(p => p.ProductId).ToList(),
        }).ToList();
    }
}
