using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Features.Centrex;

/// <summary><c>POST|DELETE /api/v1/accounts/{id}/addons/{productId}</c>: add an add-on product to an account later, or take it away.</summary>
/// <remarks>
/// Staff may do it for any account in their scope; a customer (section <c>extensions</c>: modify) for its own
/// extensions and auto attendants, within its agreement, unless its provider blocked the account. The add-on's
/// subscriptions start (or stop) today, in the customer's time zone.
/// </remarks>
public static class AccountAddonsApi
{
    /// <summary>The products an account holds after the change.</summary>
    public sealed record AccountProductsResponse(long Id, string AccountId, long? ProductId, IReadOnlyList<long> AddonProductIds);

    public static RouteGroupBuilder MapAccountAddonsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("IP Centrex");
        accounts.MapPost("/{id:long}/addons/{productId:long}", (long id, long productId, TollgateDb db, CallerAccessor callers, PbxAccounts pbx, CancellationToken ct) =>
                ChangeAsync(id, productId, add: true, db, callers.Required, pbx, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Give the account an add-on product (its subscriptions start today)");
        accounts.MapDelete("/{id:long}/addons/{productId:long}", (long id, long productId, TollgateDb db, CallerAccessor callers, PbxAccounts pbx, CancellationToken ct) =>
                ChangeAsync(id, productId, add: false, db, callers.Required, pbx, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Take an add-on product away from the account (its subscriptions stop today)");
        return accounts;
    }

    private static async Task<Results<Ok<AccountProductsResponse>, ProblemHttpResult>> ChangeAsync(
        long id, long productId, bool add, TollgateDb db, Caller caller, PbxAccounts pbx, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        if (await caller.RefuseUnlessPbxAccountAsync(db, account, ct) is { } notPbx) return notPbx.ToResult();
        if (caller.RefuseIfBlockedByProvider(account) is { } blocked) return blocked.ToResult();

        var held = await HeldAsync(db, id, ct);
        if (held.FirstOrDefault(p => p.Kind == ProductKind.Main)?.ProductId == productId)
            return Problem.Unprocessable($"Product {productId} is the main product of account {account.AccountId}, not an add-on.", "productId").ToResult();
        var addons = held.Where(p => p.Kind == ProductKind.Addon).Select(p => p.ProductId).ToList();
        if (add == addons.Contains(productId))
        {
            if (!add) return Problem.NotFound($"add-on product of account {account.AccountId} with id", productId).ToResult();
            return TypedResults.Ok(await ReadAsync(db, account.Id, account.AccountId, ct));
        }
        var wanted = add ? [.. addons, productId] : addons.Where(a => a != productId).ToList();
        if (await pbx.ChangeProductsAsync(db, caller, account, null, wanted, _ => "productId", ct) is { } problem) return problem.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ReadAsync(db, account.Id, account.AccountId, ct));
    }

    private sealed record Held(long ProductId, ProductKind Kind);

    private static Task<List<Held>> HeldAsync(TollgateDb db, long accountId, CancellationToken ct) =>
        db.Set<AccountProduct>().IgnoreQueryFilters().AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderBy(p => p.ProductId).Select(p => new Held(p.ProductId, p.Kind)).ToListAsync(ct);

    private static async Task<AccountProductsResponse> ReadAsync(TollgateDb db, long accountId, string name, CancellationToken ct)
    {
        var held = await HeldAsync(db, accountId, ct);
        return new AccountProductsResponse(accountId, name, held.FirstOrDefault(p => p.Kind == ProductKind.Main)?.ProductId,
            held.Where(p => p.Kind == ProductKind.Addon).Select(p => p.ProductId).ToList());
    }
}
