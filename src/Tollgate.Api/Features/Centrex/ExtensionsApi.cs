using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Centrex;

/// <summary>
/// A customer's extensions (<c>/customers/{id}/extensions</c>) and auto attendants (<c>/customers/{id}/auto-attendants</c>):
/// each is a number in the hosted PBX with an account behind it, created, changed and deleted together.
/// </summary>
/// <remarks>
/// Open to staff and to the customer (section <c>extensions</c>: read for GET, modify otherwise). A customer is held to
/// its agreement (see <see cref="Agreements"/>) and cannot change an extension its provider blocked.
/// </remarks>
public static class ExtensionsApi
{
    public static RouteGroupBuilder MapExtensionsApi(this RouteGroupBuilder api)
    {
        var extensions = MapKind(api, "extensions", ExtensionKind.Extension, "extension");
        extensions.MapPost("/", CreateExtensionAsync).Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Create an extension and its account ph{customerId}x{extension}, with products, SIP credentials and optionally a phone");
        var attendants = MapKind(api, "auto-attendants", ExtensionKind.AutoAttendant, "auto attendant");
        attendants.MapPost("/", CreateAutoAttendantAsync).Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary("Create an auto attendant and its account ph{customerId}aa{n} (n counts from 1 per customer, never reused)");
        return extensions;
    }

    /// <summary>The list, read, change and delete routes of one kind; creation differs by kind (its body).</summary>
    private static RouteGroupBuilder MapKind(RouteGroupBuilder api, string collection, ExtensionKind kind, string what)
    {
        var group = api.MapGroup($"/customers/{{id:long}}/{collection}").WithTags("IP Centrex");
        group.MapGet("/", (long id, Paging paging, string? extension, string? name, TollgateDb db, CancellationToken ct) =>
                ListAsync(kind, id, paging, extension, name, db, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Read)
            .WithSummary($"List the customer's {what}s; filter by extension and name (% and _ wildcards)");
        group.MapGet("/{eid:long}", (long id, long eid, TollgateDb db, CancellationToken ct) => GetAsync(kind, id, eid, db, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Read).WithSummary($"Read an {what}");
        group.MapPatch("/{eid:long}", (long id, long eid, Body<UpdateExtension> body, TollgateDb db, CallerAccessor callers, PbxAccounts pbx, CancellationToken ct) =>
                UpdateAsync(kind, id, eid, body, db, callers.Required, pbx, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary($"Change an {what}'s name or products");
        group.MapDelete("/{eid:long}", (long id, long eid, TollgateDb db, CallerAccessor callers, AccountCloser closer, CancellationToken ct) =>
                DeleteAsync(kind, id, eid, db, callers.Required, closer, ct))
            .Allow(Realms.Staff | Realms.Customer, Section.Extensions, Operation.Modify)
            .WithSummary($"Delete an {what}: its account closes (its subscriptions stop, its number, DIDs and phone port are freed)");
        return group;
    }

    private static async Task<Results<Ok<Page<ExtensionResponse>>, ProblemHttpResult>> ListAsync(
        ExtensionKind kind, long id, Paging paging, string? extension, string? name, TollgateDb db, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return Problem.NotFound("customer", id).ToResult();
        var query = db.Extensions.Where(e => e.CustomerId == id && e.Kind == kind);
        if (extension is not null) query = query.Where(e => e.Number != null && EF.Functions.Like(e.Number, Patterns.ToLike(extension)));
        if (name is not null) query = query.Where(e => e.Name != null && EF.Functions.Like(e.Name.ToLower(), Patterns.ToLike(name)));
        var ordered = kind == ExtensionKind.Extension
            ? query.OrderBy(e => e.Number!.Length).ThenBy(e => e.Number).ThenBy(e => e.Id)
            : query.OrderBy(e => e.AutoAttendantNumber).ThenBy(e => e.Id);
        var page = await paging.ReadAsync(ordered.Select(e => e.Id), x => x, ct);
        var ids = page.Items.ToList();
        var items = (await ExtensionViews.ReadAsync(db, db.Extensions.Where(e => ids.Contains(e.Id)), ct)).OrderBy(e => ids.IndexOf(e.Id)).ToList();
        return TypedResults.Ok(new Page<ExtensionResponse>(items, page.Total, page.Limit, page.Offset));
    }

    private static async Task<Results<Ok<ExtensionResponse>, ProblemHttpResult>> GetAsync(ExtensionKind kind, long id, long eid, TollgateDb db, CancellationToken ct)
    {
        var found = await ExtensionViews.ReadAsync(db, db.Extensions.Where(e => e.Id == eid && e.CustomerId == id && e.Kind == kind), ct);
        return found.Count == 0 ? NotFound(kind, eid).ToResult() : TypedResults.Ok(found[0]);
    }

    private static Task<Results<Created<ExtensionResponse>, ProblemHttpResult>> CreateExtensionAsync(
        long id, Body<CreateExtension> body, TollgateDb db, CallerAccessor callers, PbxAccounts pbx, CancellationToken ct)
    {
        var input = body.Value;
        return CreateAsync(id, "extensions", new PbxAccounts.NewPbxAccount(
            ExtensionKind.Extension, input.Extension, input.Name?.Trim(), input.ProductId, input.AddonProductIds, input.DeviceId, input.Port), db, callers.Required, pbx, ct);
    }

    private static Task<Results<Created<ExtensionResponse>, ProblemHttpResult>> CreateAutoAttendantAsync(
        long id, Body<CreateAutoAttendant> body, TollgateDb db, CallerAccessor callers, PbxAccounts pbx, CancellationToken ct)
    {
        var input = body.Value;
        return CreateAsync(id, "auto-attendants", new PbxAccounts.NewPbxAccount(
            ExtensionKind.AutoAttendant, input.Extension, input.Name.Trim(), input.ProductId, input.AddonProductIds, null, null), db, callers.Required, pbx, ct);
    }

    private static async Task<Results<Created<ExtensionResponse>, ProblemHttpResult>> CreateAsync(
        long id, string collection, PbxAccounts.NewPbxAccount input, TollgateDb db, Caller caller, PbxAccounts pbx, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        // A failed save ends the request and rolls the whole transaction back, so EF's savepoint around each save (two
        // round trips each on PostgreSQL) would guard nothing.
        db.Database.AutoSavepointsEnabled = false;
        var (created, problem) = await pbx.CreateAsync(db, caller, id, input, ct);
        if (problem is not null) return problem.ToResult();
        await tx.CommitAsync(ct);
        var view = ExtensionViews.Of(created!);
        return TypedResults.Created($"/api/v1/customers/{id}/{collection}/{view.Id}", view);
    }

    private static async Task<Results<Ok<ExtensionResponse>, ProblemHttpResult>> UpdateAsync(
        ExtensionKind kind, long id, long eid, Body<UpdateExtension> body, TollgateDb db, Caller caller, PbxAccounts pbx, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return NotFound(kind, eid).ToResult();
        await db.LockForUpdateAsync<Customer>(id, ct);
        var extension = await db.Extensions.Include(e => e.Account).FirstOrDefaultAsync(e => e.Id == eid && e.CustomerId == id && e.Kind == kind, ct);
        if (extension is null) return NotFound(kind, eid).ToResult();
        if (caller.RefuseIfBlockedByProvider(extension.Account) is { } blocked) return blocked.ToResult();

        if (input.Extension.HasValue && input.Extension.Value != extension.Number)
        {
            if (kind == ExtensionKind.Extension)
                return Problem.Unprocessable(
                    $"An extension's number cannot change: its account id {extension.Account.AccountId} comes from it. Delete the extension and create one with the new number.",
                    "extension").ToResult();
            if (input.Extension.Value is { } number && await db.Extensions.IgnoreQueryFilters().AnyAsync(e => e.CustomerId == id && e.Number == number, ct))
                return Problem.Duplicate("extension", $"Customer {id} already has extension {number}.").ToResult();
            extension.Number = input.Extension.Value;
        }
        if (input.Name.HasValue)
        {
            if (kind == ExtensionKind.AutoAttendant && input.Name.Value is null) return Problem.Validation("name", "an auto attendant needs a name").ToResult();
            extension.Name = extension.Account.Name = input.Name.Value?.Trim();
        }
        if (input.ProductId.HasValue || input.AddonProductIds.HasValue)
        {
            var addons = input.AddonProductIds.HasValue ? input.AddonProductIds.Value : null;
            var problem = await pbx.ChangeProductsAsync(db, caller, extension.Account, input.ProductId.HasValue ? input.ProductId.Value : null, addons,
                productId => addons?.ToList().IndexOf(productId) is >= 0 and var i ? $"addonProductIds[{i}]" : "productId", ct);
            if (problem is not null) return problem.ToResult();
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ExtensionViews.ReadOneAsync(db, eid, ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        ExtensionKind kind, long id, long eid, TollgateDb db, Caller caller, AccountCloser closer, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var extension = await db.Extensions.Include(e => e.Account).ThenInclude(a => a.Credential)
            .FirstOrDefaultAsync(e => e.Id == eid && e.CustomerId == id && e.Kind == kind, ct);
        if (extension is null) return NotFound(kind, eid).ToResult();
        if (caller.RefuseIfBlockedByProvider(extension.Account) is { } blocked) return blocked.ToResult();
        await db.LockForUpdateAsync<Customer>(id, ct);
        await closer.CloseAsync(db, extension.Account, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static Problem NotFound(ExtensionKind kind, long eid) => Problem.NotFound(kind == ExtensionKind.Extension ? "extension" : "auto attendant", eid);
}
