using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Customers;

/// <summary>Customers of the provider or of a reseller. A reseller manages its own; a customer reads itself.</summary>
public static class CustomersApi
{
    /// <summary>A new customer; <c>resellerId</c> is the owning reseller (a reseller's own id is implied when it creates one).</summary>
    public sealed record CreateCustomer : NewParty
    {
        public long? ResellerId { get; init; }
    }

    public sealed record UpdateCustomer : PartyPatch;

    public sealed record CustomerResponse(
        long Id, long? ResellerId, string Name, string? Login, string? Email, string Currency, BillingPeriodKind BillingPeriod,
        string TimeZone, PartyStatus Status, DateTime CreatedAt, DateTime? ClosedAt);

    private static readonly Expression<Func<Customer, CustomerResponse>> Projection = c => new CustomerResponse(
        c.Id, c.ResellerId, c.Name, c.Credential != null ? c.Credential.Login : null, c.Email, c.Currency, c.BillingPeriod,
        c.TimeZone, c.Status, c.CreatedAt, c.ClosedAt);

    private static readonly Func<Customer, CustomerResponse> Map = Projection.Compile();

    // What a customer may change on itself; the rest is decided by its provider or reseller.
    private static readonly HashSet<string> SelfEditable = ["email", "password"];

    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapGet("/", List).Allow(Realms.Staff | Realms.Customer, Section.Profile, Operation.Read)
            .WithSummary("List customers in your scope; filter by resellerId, name (% and _ wildcards), login and status");
        customers.MapGet("/{id:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.Profile, Operation.Read)
            .WithSummary("Read a customer");
        customers.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify).WithSummary("Create a customer");
        customers.MapPatch("/{id:long}", Update).Allow(Realms.Staff | Realms.Customer, Section.Profile, Operation.Modify)
            .WithSummary("Change a customer (a customer may change only its own e-mail and password)");
        customers.MapPost("/{id:long}/close", Close).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Close a customer and all its accounts");
        return customers;
    }

    private static async Task<Ok<Page<CustomerResponse>>> List(
        TollgateDb db, Paging paging, long? resellerId, string? name, string? login, string? status, CancellationToken ct)
    {
        var query = db.Customers.AsNoTracking();
        if (resellerId is not null) query = query.Where(c => c.ResellerId == resellerId);
        if (name is not null) query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), Patterns.ToLike(name)));
        if (login is not null) query = query.Where(c => c.Credential != null && c.Credential.LoginKey == Credential.KeyOf(login));
        if (Query.Enum<PartyStatus>(status, "status") is { } wanted) query = query.Where(c => c.Status == wanted);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(c => c.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return customer is null ? Problem.NotFound("customer", id).ToResult() : TypedResults.Ok(customer);
    }

    private static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> Create(
        Body<CreateCustomer> body, TollgateDb db, CallerAccessor callers, PartyEditor editor, CredentialStore credentials,
        CancellationToken ct)
    {
        var input = body.Value;
        var caller = callers.Required;
        var resellerId = caller.Realm == Realm.Reseller ? input.ResellerId ?? caller.ResellerId : input.ResellerId;

        await using var tx = await db.BeginWriteAsync(ct);
        if (resellerId is not null)
        {
            var reseller = await db.Resellers.Where(r => r.Id == resellerId).Select(r => new { r.Status }).FirstOrDefaultAsync(ct);
            if (reseller is null) return Problem.ReferenceNotFound("resellerId", "reseller", resellerId).ToResult();
            if (reseller.Status == PartyStatus.Closed)
                return Problem.Unprocessable($"Reseller {resellerId} is closed and cannot take new customers.", "resellerId").ToResult();
        }
        if (input.Login is not null && await credentials.CheckFreeAsync(db, Realm.Customer, input.Login, "login", null, ct) is { } taken)
            return taken.ToResult();

        var customer = new Customer { Name = "", Currency = "", TimeZone = "", ResellerId = resellerId };
        editor.Fill(customer, input, Realm.Customer, CredentialOwner.Customer);
        db.Customers.Add(customer);
        if (await CredentialStore.SaveAsync(db, "login", $"The login '{input.Login}' is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        if (customer.Credential is not null)
        {
            customer.Credential.OwnerId = customer.Id;
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/customers/{customer.Id}", Map(customer));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateCustomer> body, TollgateDb db, CallerAccessor callers, PartyEditor editor, CancellationToken ct)
    {
        var caller = callers.Required;
        if (caller.Realm == Realm.Customer && body.Value.Present().Except(SelfEditable).ToList() is { Count: > 0 } fields)
            return Problem.Forbidden($"A customer may change only its e-mail and password; not: {string.Join(", ", fields)}.").ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        var customer = await db.Customers.Include(c => c.Credential).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Problem.NotFound("customer", id).ToResult();
        if (caller.IsIndividual && body.Value.Password.HasValue)
            return Problem.Forbidden("An individual cannot change the customer's main password.").ToResult();
        if (await editor.ApplyAsync(db, customer, body.Value, Realm.Customer, CredentialOwner.Customer, caller.SessionId, ct) is { } problem)
            return problem.ToResult();
        if (await CredentialStore.SaveAsync(db, "login", "That login is already used.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(customer));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Close(
        long id, TollgateDb db, PartyEditor editor, AccountCloser accounts, Auth.SignInService signIn, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var customer = await db.Customers.Include(c => c.Credential).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return Problem.NotFound("customer", id).ToResult();
        foreach (var account in await db.Accounts.Include(a => a.Credential)
                     .Where(a => a.CustomerId == id && a.Status != AccountStatus.Closed).ToListAsync(ct))
            await accounts.CloseAsync(db, account, ct);
        await editor.CloseAsync(db, customer, ct);
        // Its individuals' sessions too (the main login's and the accounts' ended above).
        await signIn.RevokeCustomerAsync(db, id, "customer closed", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(customer));
    }
}
