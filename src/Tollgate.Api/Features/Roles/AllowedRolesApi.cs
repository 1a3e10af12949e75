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
using static Tollgate.Api.Features.Roles.RolesApi;

namespace Tollgate.Api.Features.Roles;

/// <summary>Which self-care roles a customer may give its individuals: set by the provider or the customer's reseller.</summary>
public static class AllowedRolesApi
{
    public sealed record SetAllowedRoles : IValidatable
    {
        public required List<long> RoleIds { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (RoleIds.Count > 500) errors.Add("roleIds", "must list at most 500 roles");
        }
    }

    public sealed record AllowedRolesResponse(long CustomerId, IReadOnlyList<long> RoleIds, IReadOnlyList<RoleResponse> Roles);

    public static RouteGroupBuilder MapAllowedRolesApi(this RouteGroupBuilder api)
    {
        var allowed = api.MapGroup("/customers/{id:long}/allowed-roles").WithTags("Roles");
        allowed.MapGet("/", Get).Allow(Realms.Staff | Realms.Customer, Section.AllowedRoles, Operation.Read)
            .WithSummary("The roles this customer may give its individuals");
        allowed.MapPut("/", Put).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Replace the roles this customer may give its individuals (self-care roles only; roles in use stay)");
        return allowed;
    }

    private static async Task<Results<Ok<AllowedRolesResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct)) return Problem.NotFound("customer", id).ToResult();
        return TypedResults.Ok(await ReadAsync(db, id, ct));
    }

    private static async Task<Results<Ok<AllowedRolesResponse>, ProblemHttpResult>> Put(
        long id, Body<SetAllowedRoles> body, TollgateDb db, CancellationToken ct)
    {
        var wanted = body.Value.RoleIds.Distinct().ToList();
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Data.Parties.Customer>(id, ct);
        var customer = await db.Customers.Where(c => c.Id == id).Select(c => new { c.ResellerId }).FirstOrDefaultAsync(ct);
        if (customer is null) return Problem.NotFound("customer", id).ToResult();

        var roles = await db.Set<Role>().Where(r => wanted.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var errors = new ValidationErrors();
        for (var i = 0; i < body.Value.RoleIds.Count; i++)
        {
            var roleId = body.Value.RoleIds[i];
            if (!roles.TryGetValue(roleId, out var role)) return Problem.ReferenceNotFound($"roleIds[{i}]", "role", roleId).ToResult();
            if (role.Type != RoleType.CustomerSelfCare)
                errors.Add($"roleIds[{i}]", $"role '{role.Name}' is a {role.Type} role; only customerSelfCare roles can be allowed for customers");
        }
        if (errors.Any)
            return (Problem.Unprocessable("Only customer self-care roles can be allowed for a customer.") with { Errors = errors.ToDictionary() }).ToResult();

        var current = await db.Set<CustomerAllowedRole>().Where(a => a.CustomerId == id).ToListAsync(ct);
        var removed = current.Where(a => !wanted.Contains(a.RoleId)).ToList();
        var removedIds = removed.Select(a => a.RoleId).ToList();
        var held = await db.Set<Individual>().Where(i => i.CustomerId == id && removedIds.Contains(i.RoleId))
            .GroupBy(i => i.Role.Name).Select(g => new { Role = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (held.Count > 0)
            return Problem.Conflict("These roles are still held by individuals of this customer; give them another role first: " +
                                    string.Join(", ", held.Select(h => $"'{h.Role}' ({h.Count})")) + ".").ToResult();

        db.Set<CustomerAllowedRole>().RemoveRange(removed);
        foreach (var roleId in wanted.Where(r => current.All(a => a.RoleId != r)))
            db.Set<CustomerAllowedRole>().Add(new CustomerAllowedRole { CustomerId = id, ResellerId = customer.ResellerId, RoleId = roleId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await ReadAsync(db, id, ct));
    }

    private static async Task<AllowedRolesResponse> ReadAsync(TollgateDb db, long customerId, CancellationToken ct)
    {
        var roles = await db.Set<CustomerAllowedRole>().AsNoTracking().Where(a => a.CustomerId == customerId)
            .OrderBy(a => a.RoleId).Select(a => a.Role).ToListAsync(ct);
        return new AllowedRolesResponse(customerId, roles.Select(r => r.Id).ToList(), roles.Select(RoleResponse.Of).ToList());
    }
}
