using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Catalog;

/// <summary>Who may change catalog items: administrators any; a reseller only the items it manages itself.</summary>
internal static class CatalogRights
{
    /// <summary>A 403 when a reseller tries to change an item it can see but does not manage.</summary>
    public static Problem? MayChange(Caller caller, long? managedBy, string what, long id) =>
        caller.Realm == Realm.Reseller && managedBy != caller.ResellerId
            ? Problem.Forbidden($"The {what} {id} is managed by the administrators; a reseller may read it but not change it.")
            : null;

    /// <summary>Who manages a new item: a reseller always manages what it creates; administrators choose an existing reseller, or none.</summary>
    public static async Task<(long? ManagedBy, Problem? Problem)> ManagerOfNewAsync(TollgateDb db, Caller caller, long? requested, CancellationToken ct)
    {
        if (caller.Realm == Realm.Reseller)
        {
            return requested is { } other && other != caller.ResellerId
                ? (null, Problem.ReferenceNotFound("managedBy", "reseller", other))
                : (caller.ResellerId, null);
        }
        if (requested is { } resellerId && !await db.Resellers.AnyAsync(r => r.Id == resellerId, ct))
            return (null, Problem.ReferenceNotFound("managedBy", "reseller", resellerId));
        return (requested, null);
    }

    public const string Immutable = "cannot be changed once created (create a new one instead)";
}
