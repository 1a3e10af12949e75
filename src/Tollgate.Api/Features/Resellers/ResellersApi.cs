using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Rating;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Resellers;

/// <summary>Resellers: created and managed by the provider; a reseller reads itself and may change its e-mail and password.</summary>
public static class ResellersApi
{
    public sealed record CreateReseller : NewParty
    {
        /// <summary>The wholesale tariff the reseller pays its customers' calls at (voice).</summary>
        public long? TariffId { get; init; }
    }

    public sealed record UpdateReseller : PartyPatch
    {
        public Optional<long?> TariffId { get; init; }
    }

    public sealed record ResellerResponse(
        long Id, string Name, string? Login, string? Email, string Currency, BillingPeriodKind BillingPeriod,
        string TimeZone, PartyStatus Status, DateTime CreatedAt, DateTime? ClosedAt, long? TariffId);

    private static readonly Expression<Func<Reseller, ResellerResponse>> Projection = r => new ResellerResponse(
        r.Id, r.Name, r.Credential != null ? r.Credential.Login : null, r.Email, r.Currency, r.BillingPeriod, r.TimeZone,
        r.Status, r.CreatedAt, r.ClosedAt, r.TariffId);

    private static readonly Func<Reseller, ResellerResponse> Map = Projection.Compile();

    // What a reseller may change on itself; everything else is the provider's to decide.
    private static readonly HashSet<string> SelfEditable = ["email", "password"];

    public static RouteGroupBuilder MapResellersApi(this RouteGroupBuilder api)
    {
        var resellers = api.MapGroup("/resellers").WithTags("Resellers");
        resellers.MapGet("/", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List resellers (a reseller sees only itself); filter by name (% and _ wildcards) and status");
        resellers.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read a reseller");
        resellers.MapPost("/", Create).Allow(Realms.Admin, Operation.Modify).WithSummary("Create a reseller");
        resellers.MapPatch("/{id:long}", Update).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Change a reseller (a reseller may change only its own e-mail and password)");
        resellers.MapPost("/{id:long}/close", Close).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Close a reseller (refused while it has customers that are not closed)");
        return resellers;
    }

    private static async Task<Ok<Page<ResellerResponse>>> List(
        TollgateDb db, Paging paging, string? name, string? status, CancellationToken ct)
    {
        var query = db.Resellers.AsNoTracking();
        if (name is not null) query = query.Where(r => EF.Functions.Like(r.Name.ToLower(), Patterns.ToLike(name)));
        if (Query.Enum<PartyStatus>(status, "status") is { } wanted) query = query.Where(r => r.Status == wanted);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(r => r.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<ResellerResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var reseller = await db.Resellers.AsNoTracking().Where(r => r.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return reseller is null ? Problem.NotFound("reseller", id).ToResult() : TypedResults.Ok(reseller);
    }

    private static async Task<Results<Created<ResellerResponse>, ProblemHttpResult>> Create(
        Body<CreateReseller> body, TollgateDb db, PartyEditor editor, CredentialStore credentials, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        if (input.Login is not null && await credentials.CheckFreeAsync(db, Realm.Reseller, input.Login, "login", null, ct) is { } taken)
            return taken.ToResult();
        if (input.TariffId is { } tariffId && await TariffLinks.CheckWholesaleAsync(db, tariffId, input.Currency, ct) is { } tariffProblem)
            return tariffProblem.ToResult();
        var reseller = new Reseller { Name = "", Currency = "", TimeZone = "", TariffId = input.TariffId };
        editor.Fill(reseller, input, Realm.Reseller, CredentialOwner.Reseller);
        db.Resellers.Add(reseller);
        if (await CredentialStore.SaveAsync(db, "login", $"The login '{input.Login}' is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        if (reseller.Credential is not null)
        {
            reseller.Credential.OwnerId = reseller.Id;
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/resellers/{reseller.Id}", Map(reseller));
    }

    private static async Task<Results<Ok<ResellerResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateReseller> body, TollgateDb db, CallerAccessor callers, PartyEditor editor, CancellationToken ct)
    {
        var caller = callers.Required;
        if (caller.Realm == Realm.Reseller && body.Value.Present().Concat(body.Value.TariffId.HasValue ? ["tariffId"] : []).Except(SelfEditable).ToList()
                is { Count: > 0 } fields)
            return Problem.Forbidden($"A reseller may change only its e-mail and password; not: {string.Join(", ", fields)}.").ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        var reseller = await db.Resellers.Include(r => r.Credential).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reseller is null) return Problem.NotFound("reseller", id).ToResult();
        if (body.Value.TariffId.HasValue && body.Value.TariffId.Value is { } tariffId
            && await TariffLinks.CheckWholesaleAsync(db, tariffId, reseller.Currency, ct) is { } tariffProblem)
            return tariffProblem.ToResult();
        if (await editor.ApplyAsync(db, reseller, body.Value, Realm.Reseller, CredentialOwner.Reseller, caller.SessionId, ct) is { } problem)
            return problem.ToResult();
        if (body.Value.TariffId.HasValue) reseller.TariffId = body.Value.TariffId.Value;
        if (await CredentialStore.SaveAsync(db, "login", "That login is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(reseller));
    }

    private static async Task<Results<Ok<ResellerResponse>, ProblemHttpResult>> Close(
        long id, TollgateDb db, PartyEditor editor, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var reseller = await db.Resellers.Include(r => r.Credential).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (reseller is null) return Problem.NotFound("reseller", id).ToResult();
        var open = await db.Customers.CountAsync(c => c.ResellerId == id && c.Status != PartyStatus.Closed, ct);
        if (open > 0) return Problem.Conflict($"Reseller {id} still has {open} customer(s) that are not closed; close them first.").ToResult();
        await editor.CloseAsync(db, reseller, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(reseller));
    }
}
