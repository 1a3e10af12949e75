using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Rating;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Rating;

/// <summary>What the provider pays per vendor connection: the tariff of the cost charge of calls that leave by it.</summary>
/// <remarks>
/// Keyed by the connection id the switch writes into CDRs (<c>outgoingConnectionId</c>). The vendor connections are the
/// switch's; this mapping stands in for a <c>tariffId</c> on the connection itself until the two are joined. Only
/// administrators see it: a vendor's price is the provider's business.
/// </remarks>
public static class ConnectionTariffsApi
{
    public sealed record SetConnectionTariff
    {
        public required long TariffId { get; init; }
    }

    public sealed record ConnectionTariffResponse(long ConnectionId, long TariffId, DateTime UpdatedAt);

    public static RouteGroupBuilder MapConnectionTariffsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connection-tariffs").WithTags("Rating");
        group.MapGet("/", List).Allow(Realms.Admin, Operation.Read).WithSummary("List the vendor connections' cost tariffs");
        group.MapGet("/{connectionId:long}", Get).Allow(Realms.Admin, Operation.Read).WithSummary("The cost tariff of one vendor connection");
        group.MapPut("/{connectionId:long}", Put).Allow(Realms.Admin, Operation.Modify).WithSummary("Set the cost tariff of a vendor connection");
        group.MapDelete("/{connectionId:long}", Delete).Allow(Realms.Admin, Operation.Modify).WithSummary("Remove a vendor connection's cost tariff");
        return group;
    }

    private static async Task<Ok<Page<ConnectionTariffResponse>>> List(TollgateDb db, Paging paging, long? tariffId, CancellationToken ct)
    {
        var query = db.Set<ConnectionTariff>().AsNoTracking();
        if (tariffId is not null) query = query.Where(c => c.TariffId == tariffId);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(c => c.ConnectionId), Map, ct));
    }

    private static async Task<Results<Ok<ConnectionTariffResponse>, ProblemHttpResult>> Get(long connectionId, TollgateDb db, CancellationToken ct)
    {
        var row = await db.Set<ConnectionTariff>().AsNoTracking().FirstOrDefaultAsync(c => c.ConnectionId == connectionId, ct);
        return row is null ? Problem.NotFound("cost tariff of vendor connection", connectionId).ToResult() : TypedResults.Ok(Map(row));
    }

    private static async Task<Results<Ok<ConnectionTariffResponse>, ProblemHttpResult>> Put(
        long connectionId, Body<SetConnectionTariff> body, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var tariffId = body.Value.TariffId;
        if (connectionId <= 0) return Problem.Validation("connectionId", "must be a connection id (1 or more)").ToResult();
        await using var tx = await db.BeginWriteAsync(ct);
        var tariff = await db.Set<Tariff>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tariffId, ct);
        if (tariff is null) return Problem.ReferenceNotFound("tariffId", "tariff", tariffId).ToResult();
        if (tariff.ManagedBy is not null)
            return Problem.Unprocessable($"Tariff {tariffId} belongs to reseller {tariff.ManagedBy}; a vendor's tariff is the administrators'.", "tariffId").ToResult();
        var row = await db.Set<ConnectionTariff>().FirstOrDefaultAsync(c => c.ConnectionId == connectionId, ct);
        if (row is null) db.Set<ConnectionTariff>().Add(row = new ConnectionTariff { ConnectionId = connectionId });
        row.TariffId = tariffId;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long connectionId, TollgateDb db, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var row = await db.Set<ConnectionTariff>().FirstOrDefaultAsync(c => c.ConnectionId == connectionId, ct);
        if (row is null) return Problem.NotFound("cost tariff of vendor connection", connectionId).ToResult();
        db.Set<ConnectionTariff>().Remove(row);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static ConnectionTariffResponse Map(ConnectionTariff c) => new(c.ConnectionId, c.TariffId, c.UpdatedAt);
}
