using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>Permissions from roles: a customer individual has its role's; everyone else (a customer's main login, staff) has all.</summary>
/// <remarks>
/// The role is read on every request of an individual (one indexed query), so a changed role or permission applies
/// at once; a deleted individual has no permission at all.
/// </remarks>
public sealed class RolePermissionSource(TollgateDbFactory databases) : IPermissionSource
{
    public async ValueTask<Permission> GetAsync(Caller caller, Section section, CancellationToken ct) =>
        caller.IsIndividual ? (await OfIndividualAsync(caller.OwnerId, ct))[section] : Permission.Modify;

    public async ValueTask<RolePermissions> GetAllAsync(Caller caller, CancellationToken ct) =>
        caller.IsIndividual ? await OfIndividualAsync(caller.OwnerId, ct) : RolePermissions.Everything;

    private async Task<RolePermissions> OfIndividualAsync(long individualId, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        return await db.Set<Individual>().Where(i => i.Id == individualId).Select(i => i.Role.Permissions).FirstOrDefaultAsync(ct)
               ?? RolePermissions.None;
    }
}
