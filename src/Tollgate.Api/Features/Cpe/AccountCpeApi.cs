using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Cpe;

/// <summary>An account's phone: <c>GET|PUT|DELETE /api/v1/accounts/{id}/cpe</c> (rules in <see cref="CpeAssignments"/>).</summary>
public static class AccountCpeApi
{
    /// <summary>The device to give the account, and optionally which port (default: the lowest free one).</summary>
    public sealed record AssignDevice : IValidatable
    {
        public required long DeviceId { get; init; }
        public int? Port { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Port is < 1) errors.Add("port", "must be 1 or more");
        }
    }

    public static RouteGroupBuilder MapAccountCpeApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Phones");
        accounts.MapGet("/{id:long}/cpe", Get).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Read)
            .WithSummary("The account's phone: device, port and model (404 when it has none)");
        accounts.MapPut("/{id:long}/cpe", Put).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Modify)
            .WithSummary("Give the account a port of a device (port optional: the lowest free one); moves it if it had another");
        accounts.MapDelete("/{id:long}/cpe", Delete).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Modify)
            .WithSummary("Take the account's phone away; the device stays allocated to the customer");
        return accounts;
    }

    private static async Task<Results<Ok<CpeAssignments.Assignment>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct) =>
        await CpeAssignments.FindAsync(db, id, ct) is { } found
            ? TypedResults.Ok(found)
            : Problem.NotFound("phone assigned to account", id).ToResult();

    private static async Task<Results<Ok<CpeAssignments.Assignment>, ProblemHttpResult>> Put(
        long id, Body<AssignDevice> body, TollgateDb db, CallerAccessor callers, CpeAssignments assignments, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (assignment, problem) = await assignments.AssignAsync(db, id, body.Value.DeviceId, body.Value.Port, callers.Required, ct);
        if (problem is not null) return problem.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(assignment!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        long id, TollgateDb db, CallerAccessor callers, CpeAssignments assignments, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        if (await assignments.UnassignAsync(db, id, callers.Required, ct) is { } problem) return problem.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
