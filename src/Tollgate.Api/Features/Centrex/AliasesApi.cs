using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary><c>GET|POST /api/v1/accounts/{id}/aliases</c>, <c>DELETE …/aliases/{alias}</c>: the DIDs an account answers to.</summary>
/// <remarks>
/// An alias is unique across the installation; a taken one is a 409 that names the account holding it when the caller
/// can see that account (another customer's account is not named, so as not to reveal it). A number that is some open
/// account's account id cannot become an alias either: the switch could not tell the two apart. Staff manage any
/// account in their scope; a customer (section <c>extensions</c>) its own accounts, unless its provider blocked them.
/// </remarks>
public static class AliasesApi
{
    public sealed record AddAlias : IValidatable
    {
        public required string Alias { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (PbxNumbers.CheckAlias(Alias) is { } reason) errors.Add("alias", reason);
        }
    }

    public sealed record AliasResponse(string Alias, long AccountId, DateTime CreatedAt);

    public static RouteGroupBuilder MapAliasesApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("IP Centrex");
        accounts.MapGet("/{id:long}/aliases", ListAsync).Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Read)
            .WithSummary("The account's aliases (DIDs)");
        accounts.MapPost("/{id:long}/aliases", AddAsync).Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Give the account an alias (a DID), unique across the installation");
        accounts.MapDelete("/{id:long}/aliases/{alias}", RemoveAsync).Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Take an alias away from the account");
        return accounts;
    }

    private static async Task<Results<Ok<IReadOnlyList<AliasResponse>>, ProblemHttpResult>> ListAsync(long id, TollgateDb db, CancellationToken ct)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return Problem.NotFound("account", id).ToResult();
        IReadOnlyList<AliasResponse> aliases = await db.AccountAliases.AsNoTracking().Where(a => a.AccountId == id).OrderBy(a => a.Alias)
            .Select(a => new AliasResponse(a.Alias, a.AccountId, a.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(aliases);
    }

    private static async Task<Results<Created<AliasResponse>, ProblemHttpResult>> AddAsync(
        long id, Body<AddAlias> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var alias = body.Value.Alias;
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        if (account.Status == AccountStatus.Closed) return Problem.Conflict($"Account {account.AccountId} is closed.").ToResult();
        if (callers.Required.RefuseIfBlockedByProvider(account) is { } blocked) return blocked.ToResult();

        var holder = await db.AccountAliases.IgnoreQueryFilters().Where(a => a.Alias == alias).Select(a => (long?)a.AccountId).FirstOrDefaultAsync(ct);
        if (holder == id) return Problem.Duplicate("alias", $"{alias} is already an alias of account {account.AccountId}.").ToResult();
        if (holder is { } other) return CentrexProblems.AliasTaken(alias, await VisibleNameAsync(db, other, ct)).ToResult();
        var named = await db.Accounts.IgnoreQueryFilters().Where(a => a.AccountId == alias && a.Status != AccountStatus.Closed)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (named is { } owner) return CentrexProblems.AliasTaken(alias, await VisibleNameAsync(db, owner, ct), isAccountId: true).ToResult();

        var row = new AccountAlias
        {
            Alias = alias, AccountId = id, CustomerId = account.CustomerId, ResellerId = account.ResellerId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AccountAliases.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return CentrexProblems.AliasTaken(alias, null).ToResult();
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/accounts/{id}/aliases/{alias}", new AliasResponse(row.Alias, row.AccountId, row.CreatedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, string alias, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        if (callers.Required.RefuseIfBlockedByProvider(account) is { } blocked) return blocked.ToResult();
        var row = await db.AccountAliases.FirstOrDefaultAsync(a => a.AccountId == id && a.Alias == alias, ct);
        if (row is null) return Problem.NotFound($"alias of account {account.AccountId}", alias).ToResult();
        db.AccountAliases.Remove(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The account id of an account the caller can see, or null when it is outside the caller's scope.</summary>
    private static Task<string?> VisibleNameAsync(TollgateDb db, long accountKey, CancellationToken ct) =>
        db.Accounts.Where(a => a.Id == accountKey).Select(a => a.AccountId).FirstOrDefaultAsync(ct);
}
