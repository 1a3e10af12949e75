using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Individuals;

/// <summary>A customer's individuals: employees with their own sign-in, a role and validity dates.</summary>
public static class IndividualsApi
{
    private sealed record Row(
        long Id, long CustomerId, string Login, string Email, string FirstName, string? LastName, long RoleId, string RoleName,
        string TimeZone, DateOnly? ActivationDate, DateOnly? ExpirationDate, bool PasswordSet, DateTime CreatedAt);

    private static readonly Expression<Func<Individual, Row>> Projection = i => new Row(
        i.Id, i.CustomerId, i.Credential.Login, i.Email, i.FirstName, i.LastName, i.RoleId, i.Role.Name, i.TimeZone,
        i.ActivationDate, i.ExpirationDate, i.Credential.PasswordHash != null, i.CreatedAt);

    private static readonly Func<Individual, Row> RowOf = Projection.Compile();

    public static RouteGroupBuilder MapIndividualsApi(this RouteGroupBuilder api)
    {
        var individuals = api.MapGroup("/customers/{id:long}/individuals").WithTags("Customer individuals");
        individuals.MapGet("/", List).Allow(Realms.Staff | Realms.Customer, Section.CustomerIndividuals, Operation.Read)
            .WithSummary("List the customer's individuals; filter by login and roleId");
        individuals.MapPost("/", Create).Allow(Realms.Staff | Realms.Customer, Section.CustomerIndividuals, Operation.Modify)
            .WithSummary("Create an individual; it receives an e-mail with its login and a 72-hour link to set its password");
        individuals.MapGet("/{iid:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.CustomerIndividuals, Operation.Read)
            .WithSummary("Read an individual");
        individuals.MapPatch("/{iid:long}", Update).Allow(Realms.Staff | Realms.Customer, Section.CustomerIndividuals, Operation.Modify)
            .WithSummary("Change an individual (a changed role ends its sessions)");
        individuals.MapDelete("/{iid:long}", Delete).Allow(Realms.Staff | Realms.Customer, Section.CustomerIndividuals, Operation.Modify)
            .WithSummary("Delete an individual; its sessions end at once");
        individuals.MapPost("/{iid:long}/credentials-email", SendCredentials)
            .Allow(Realms.Staff | Realms.Customer, Section.CustomerIndividuals, Operation.Modify)
            .WithSummary("Send the credentials e-mail again with a new link (older links stop working)");
        return individuals;
    }

    private static async Task<Results<Ok<Page<IndividualResponse>>, ProblemHttpResult>> List(
        long id, TollgateDb db, Paging paging, string? login, long? roleId, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return Problem.NotFound("customer", id).ToResult();
        var query = db.Set<Individual>().AsNoTracking().Where(i => i.CustomerId == id);
        if (login is not null) query = query.Where(i => i.Credential.LoginKey == Credential.KeyOf(login));
        if (roleId is not null) query = query.Where(i => i.RoleId == roleId);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(i => i.Id).Select(Projection), r => Respond(r, now), ct));
    }

    private static async Task<Results<Ok<IndividualResponse>, ProblemHttpResult>> Get(
        long id, long iid, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.Set<Individual>().AsNoTracking().Where(i => i.Id == iid && i.CustomerId == id).Select(Projection).FirstOrDefaultAsync(ct);
        return row is null ? Problem.NotFound("individual", iid).ToResult() : TypedResults.Ok(Respond(row, clock.GetUtcNow()));
    }

    private static async Task<Results<Created<IndividualResponse>, ProblemHttpResult>> Create(
        long id, Body<CreateIndividual> body, TollgateDb db, IndividualService individuals, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (individual, problem) = await individuals.CreateAsync(db, id, body.Value, ct);
        if (individual is null) return problem!.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/customers/{id}/individuals/{individual.Id}", Respond(RowOf(individual), clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<IndividualResponse>, ProblemHttpResult>> Update(
        long id, long iid, Body<UpdateIndividual> body, TollgateDb db, IndividualService individuals, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (individual, problem) = await individuals.UpdateAsync(db, id, iid, body.Value, ct);
        if (individual is null) return problem!.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Respond(RowOf(individual), clock.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        long id, long iid, TollgateDb db, IndividualService individuals, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        if (await individuals.DeleteAsync(db, id, iid, ct) is { } problem) return problem.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<CredentialsEmailResponse>, ProblemHttpResult>> SendCredentials(
        long id, long iid, TollgateDb db, IndividualService individuals, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (sent, problem) = await individuals.SendCredentialsAsync(db, id, iid, ct);
        if (sent is null) return problem!.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Accepted((string?)null, sent);
    }

    private static IndividualResponse Respond(Row r, DateTimeOffset now) => new(
        r.Id, r.CustomerId, r.Login, r.Email, r.FirstName, r.LastName, r.RoleId, r.RoleName, r.TimeZone, r.ActivationDate,
        r.ExpirationDate, new ValidityPeriod(r.ActivationDate, r.ExpirationDate, r.TimeZone).StateAt(now), r.PasswordSet, r.CreatedAt);
}
