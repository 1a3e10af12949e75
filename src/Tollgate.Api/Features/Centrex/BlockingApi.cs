using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary><c>POST /api/v1/accounts/{id}/block</c> and <c>/unblock</c>: stop an account's calls, remembering who did it.</summary>
/// <remarks>
/// The administrator outranks the reseller, the reseller the customer (see <see cref="AccountBlocking"/>): a block can be
/// lifted only by whoever set it or someone above, and a customer cannot change at all an account its provider blocked
/// (403 <see cref="CentrexProblems.BlockedByProvider"/>). A customer (section <c>extensions</c>: modify) blocks and
/// unblocks only its own extensions and auto attendants. Repeating a request changes nothing and answers 200.
/// </remarks>
public static class BlockingApi
{
    public sealed record BlockResponse(long Id, string AccountId, AccountStatus Status, BlockedBy? BlockedBy, DateTime? BlockedAt);

    public static RouteGroupBuilder MapBlockingApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("IP Centrex");
        accounts.MapPost("/{id:long}/block", (long id, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, block: true, db, callers.Required, clock, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Block the account (it may not make calls); records who blocked it");
        accounts.MapPost("/{id:long}/unblock", (long id, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct) =>
                ChangeAsync(id, block: false, db, callers.Required, clock, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Lift the account's block: only whoever blocked it, or a party above, may");
        return accounts;
    }

    private static async Task<Results<Ok<BlockResponse>, ProblemHttpResult>> ChangeAsync(
        long id, bool block, TollgateDb db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Data.Parties.Account>(id, ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        if (await caller.RefuseUnlessPbxAccountAsync(db, account, ct) is { } notPbx) return notPbx.ToResult();

        var decision = block
            ? AccountBlocking.Block(account.Status, account.BlockedBy, caller.Rank())
            : AccountBlocking.Unblock(account.Status, account.BlockedBy, caller.Rank());
        switch (decision.Outcome)
        {
            case BlockOutcome.Closed:
                return Problem.Conflict($"Account {account.AccountId} is closed.").ToResult();
            case BlockOutcome.HeldByHigher:
                return CentrexProblems.Blocked(account.AccountId, decision.BlockedBy!.Value, block ? "change the block" : "lift the block").ToResult();
            case BlockOutcome.Changed:
                account.Status = decision.BlockedBy is null ? AccountStatus.Active : AccountStatus.Blocked;
                account.BlockedBy = decision.BlockedBy;
                account.BlockedAt = decision.BlockedBy is null ? null : clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                break;
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new BlockResponse(account.Id, account.AccountId, account.Status, account.BlockedBy, account.BlockedAt));
    }
}
