using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary><c>POST /api/v1/accounts/{id}/sip-password</c>: a new, generated SIP password for the account's phone.</summary>
/// <remarks>
/// The answer carries the new password; administrators, the reseller and the customer can read it again on the account
/// (<see cref="Accounts.AccountSipPasswords"/>), and it is never written to logs or the audit trail. The phone's
/// registrations with the old password stop at their next refresh.
/// </remarks>
public static class SipPasswordApi
{
    public static RouteGroupBuilder MapSipPasswordApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("IP Centrex");
        accounts.MapPost("/{id:long}/sip-password", ResetAsync).Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Generate a new SIP password for the account (returned once)");
        return accounts;
    }

    private static async Task<Results<Ok<SipLogin>, ProblemHttpResult>> ResetAsync(
        long id, TollgateDb db, CallerAccessor callers, PbxAccounts pbx, CancellationToken ct)
    {
        var caller = callers.Required;
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null) return Problem.NotFound("account", id).ToResult();
        if (account.Status == AccountStatus.Closed) return Problem.Conflict($"Account {account.AccountId} is closed.").ToResult();
        if (await caller.RefuseUnlessPbxAccountAsync(db, account, ct) is { } notPbx) return notPbx.ToResult();
        if (caller.RefuseIfBlockedByProvider(account) is { } blocked) return blocked.ToResult();
        var password = await pbx.ResetSipPasswordAsync(db, account, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new SipLogin(account.AccountId) { Password = password });
    }
}
