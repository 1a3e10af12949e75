using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Roles;

/// <summary>Roles: named permission sets per self-care section. The provider defines them; resellers read the ones they can use.</summary>
public static class RolesApi
{
    public sealed record CreateRole : IValidatable
    {
        public required string Name { get; init; }

        /// <summary>customerSelfCare (the default), administrator or reseller.</summary>
        public RoleType Type { get; init; } = RoleType.CustomerSelfCare;

        /// <summary>Section → modify, read or restrict; a section not named is restrict.</summary>
        public Dictionary<string, Permission> Permissions { get; init; } = [];

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name, 100);
            RoleRules.Permissions(errors, Permissions);
        }
    }

    /// <summary>A change of a role; <c>permissions</c>, when given, replaces the whole map.</summary>
    public sealed record UpdateRole : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<RoleType> Type { get; init; }
        public Optional<Dictionary<string, Permission>> Permissions { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "", 100);
            if (Permissions.HasValue) RoleRules.Permissions(errors, Permissions.Value);
        }
    }

    /// <summary>A role with every section's permission spelled out.</summary>
    public sealed record RoleResponse(long Id, string Name, RoleType Type, IReadOnlyDictionary<string, Permission> Permissions, DateTime CreatedAt)
    {
        public static RoleResponse Of(Role r) => new(r.Id, r.Name, r.Type, r.Permissions.ToWire(), r.CreatedAt);
    }

    public static RouteGroupBuilder MapRolesApi(this RouteGroupBuilder api)
    {
        var roles = api.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("/", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List roles (a reseller sees self-care and reseller roles); filter by type and name (% and _ wildcards)");
        roles.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read a role");
        roles.MapPost("/", Create).Allow(Realms.Admin, Operation.Modify).WithSummary("Create a role with permissions per section");
        roles.MapPatch("/{id:long}", Update).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Rename a role, change its type or replace its permissions (they apply at once to everyone holding it)");
        roles.MapDelete("/{id:long}", Delete).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Delete a role no customer allows and no individual holds");
        return roles;
    }

    private static async Task<Ok<Page<RoleResponse>>> List(TollgateDb db, Paging paging, string? type, string? name, CancellationToken ct)
    {
        var query = db.Set<Role>().AsNoTracking();
        if (Query.Enum<RoleType>(type, "type") is { } wanted) query = query.Where(r => r.Type == wanted);
        if (name is not null) query = query.Where(r => EF.Functions.Like(r.Name.ToLower(), Patterns.ToLike(name)));
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(r => r.Id), RoleResponse.Of, ct));
    }

    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var role = await db.Set<Role>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return role is null ? Problem.NotFound("role", id).ToResult() : TypedResults.Ok(RoleResponse.Of(role));
    }

    private static async Task<Results<Created<RoleResponse>, ProblemHttpResult>> Create(
        Body<CreateRole> body, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        if (await NameTakenAsync(db, input.Name, null, ct) is { } taken) return taken.ToResult();
        var role = new Role
        {
            Name = input.Name.Trim(),
            NameKey = Role.KeyOf(input.Name),
            Type = input.Type,
            Permissions = RoleRules.ToPermissions(input.Permissions),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<Role>().Add(role);
        if (await CredentialStore.SaveAsync(db, "name", $"A role named '{role.Name}' already exists.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/roles/{role.Id}", RoleResponse.Of(role));
    }

    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateRole> body, TollgateDb db, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Role>(id, ct);
        var role = await db.Set<Role>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return Problem.NotFound("role", id).ToResult();
        if (input.Name.HasValue && await NameTakenAsync(db, input.Name.Value, id, ct) is { } taken) return taken.ToResult();
        if (input.Type.HasValue && input.Type.Value != role.Type && await UsesAsync(db, id, ct) is { } uses)
            return Problem.Conflict($"Role '{role.Name}' is {uses}; its type cannot change while it is.").ToResult();

        if (input.Name.HasValue)
        {
            role.Name = input.Name.Value.Trim();
            role.NameKey = Role.KeyOf(input.Name.Value);
        }
        if (input.Type.HasValue) role.Type = input.Type.Value;
        if (input.Permissions.HasValue) role.Permissions = RoleRules.ToPermissions(input.Permissions.Value);
        if (await CredentialStore.SaveAsync(db, "name", $"A role named '{role.Name}' already exists.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(RoleResponse.Of(role));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Role>(id, ct);
        var role = await db.Set<Role>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (role is null) return Problem.NotFound("role", id).ToResult();
        if (await UsesAsync(db, id, ct) is { } uses)
            return Problem.Conflict($"Role '{role.Name}' is {uses}; take it away from them first.").ToResult();
        db.Set<Role>().Remove(role);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Problem?> NameTakenAsync(TollgateDb db, string name, long? except, CancellationToken ct)
    {
        var key = Role.KeyOf(name);
        return await db.Set<Role>().IgnoreQueryFilters().AnyAsync(r => r.NameKey == key && r.Id != except, ct)
            ? Problem.Duplicate("name", $"A role named '{name.Trim()}' already exists.")
            : null;
    }

    /// <summary>Who depends on a role ("allowed for 2 customer(s) and held by 3 individual(s)"), or null when nobody does.</summary>
    private static async Task<string?> UsesAsync(TollgateDb db, long roleId, CancellationToken ct)
    {
        var customers = await db.Set<CustomerAllowedRole>().IgnoreQueryFilters().CountAsync(a => a.RoleId == roleId, ct);
        var individuals = await db.Set<Individual>().IgnoreQueryFilters().CountAsync(i => i.RoleId == roleId, ct);
        if (customers == 0 && individuals == 0) return null;
        return $"allowed for {customers} customer(s) and held by {individuals} individual(s)";
    }
}
