using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Catalog;
using Tollgate.Api.Features.Rating;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Switching;
using Tollgate.Domain.Access;
using Tollgate.Domain.Switching;

namespace Tollgate.Api.Features.Switching;

/// <summary>Vendor connections (SIP trunks to and from carriers); administrators only.</summary>
/// <remarks>
/// <para>An incoming connection names the IP address (optionally with the port) its calls come from: INVITEs from there
/// are trusted without digest credentials, and may reach the installation's accounts only. An outgoing connection names
/// where calls go (host name or IP address, optionally a port) and the number prefixes routed to it; a called number
/// goes to the connection with its longest matching prefix (a leading <c>+</c> ignored). The empty prefix matches every
/// number: a default route. Each prefix belongs to one connection.</para>
/// <para>An outgoing connection may name the vendor's tariff (<c>tariffId</c>, an administrators' tariff in the vendor's
/// currency): rating then writes the provider's cost of each call that leaves by it (docs/rating.md).</para>
/// <para>A connection's direction cannot change: create another one. Deleting a connection keeps its CDRs, which name
/// it by id.</para>
/// </remarks>
public static class ConnectionsApi
{
    public const int MaxPrefixDigits = 32;
    public const int MaxPrefixes = 10_000;

    public sealed record CreateConnection : IValidatable
    {
        public required string Name { get; init; }
        public required ConnectionDirection Direction { get; init; }
        public required string Address { get; init; }
        public ConnectionTransport Transport { get; init; } = ConnectionTransport.Udp;
        public IReadOnlyList<string> Prefixes { get; init; } = [];
        public long? ServicePolicyId { get; init; }
        public long? TariffId { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name);
            AddressRule(errors, Direction, Address);
            PrefixRules(errors, Direction, Prefixes);
            TariffRule(errors, Direction, TariffId);
        }
    }

    public sealed record UpdateConnection : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<ConnectionDirection> Direction { get; init; }
        public Optional<string> Address { get; init; }
        public Optional<ConnectionTransport?> Transport { get; init; }
        public Optional<IReadOnlyList<string>> Prefixes { get; init; }
        public Optional<long?> ServicePolicyId { get; init; }
        public Optional<long?> TariffId { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "");
            if (Direction.HasValue) errors.Add("direction", CatalogRights.Immutable);
            if (Address.HasValue && Address.Value is null) errors.Add("address", "must not be null");
            if (Transport.HasValue && Transport.Value is null) errors.Add("transport", "must be udp or tcp");
            if (Prefixes.HasValue && Prefixes.Value is null) errors.Add("prefixes", "must be a list (empty for none)");
        }
    }

    public sealed record ConnectionResponse(
        long Id, string Name, ConnectionDirection Direction, string Address, ConnectionTransport Transport, IReadOnlyList<string> Prefixes,
        long? ServicePolicyId, long? TariffId, DateTime CreatedAt);

    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        var connections = api.MapGroup("/connections").WithTags("Switch");
        connections.MapGet("/", List).Allow(Realms.Admin, Operation.Read)
            .WithSummary("List vendor connections; filter by direction, name (% and _ wildcards) and prefix (exact)");
        connections.MapGet("/{id:long}", Get).Allow(Realms.Admin, Operation.Read).WithSummary("Read a vendor connection");
        connections.MapPost("/", Create).Allow(Realms.Admin, Operation.Modify).WithSummary("Create a vendor connection");
        connections.MapPatch("/{id:long}", Update).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Change a vendor connection's name, address, transport, prefixes, service policy or cost tariff");
        connections.MapDelete("/{id:long}", Delete).Allow(Realms.Admin, Operation.Modify).WithSummary("Delete a vendor connection");
        return connections;
    }

    private static void AddressRule(ValidationErrors errors, ConnectionDirection direction, string address)
    {
        if (!ConnectionAddress.TryNormalize(address, direction == ConnectionDirection.Incoming, out _, out var error))
            errors.Add("address", error!);
    }

    private static void PrefixRules(ValidationErrors errors, ConnectionDirection direction, IReadOnlyList<string> prefixes)
    {
        if (direction == ConnectionDirection.Incoming && prefixes.Count > 0)
        {
            errors.Add("prefixes", "apply to outgoing connections only (calls from a vendor are routed by the number they call)");
            return;
        }

        if (prefixes.Count > MaxPrefixes) errors.Add("prefixes", $"must be at most {MaxPrefixes}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < prefixes.Count; i++)
        {
            var prefix = prefixes[i];
            if (prefix is null) errors.Add($"prefixes[{i}]", "must not be null");
            else if (prefix.StartsWith('+')) errors.Add($"prefixes[{i}]", $"must be written without '+': {prefix[1..]}");
            else if (prefix.Length > MaxPrefixDigits || !prefix.All(char.IsAsciiDigit))
                errors.Add($"prefixes[{i}]", $"must be 0 to {MaxPrefixDigits} digits (for example 1209; the empty prefix matches every number)");
            else if (!seen.Add(prefix)) errors.Add($"prefixes[{i}]", "is listed twice");
        }
    }

    private static void TariffRule(ValidationErrors errors, ConnectionDirection direction, long? tariffId)
    {
        if (direction == ConnectionDirection.Incoming && tariffId is not null)
            errors.Add("tariffId", "applies to outgoing connections only (a call from a vendor is charged to nobody)");
    }

    private static async Task<Ok<Page<ConnectionResponse>>> List(
        TollgateDb db, Paging paging, string? direction, string? name, string? prefix, long? tariffId, CancellationToken ct)
    {
        var query = db.Set<VendorConnection>().AsNoTracking();
        if (Query.Enum<ConnectionDirection>(direction, "direction") is { } wanted) query = query.Where(c => c.Direction == wanted);
        if (tariffId is not null) query = query.Where(c => c.TariffId == tariffId);
        if (name is not null) query = query.Where(c => EF.Functions.Like(c.Name.ToLower(), Patterns.ToLike(name)));
        if (prefix is not null) query = query.Where(c => c.Prefixes.Any(p => p.Prefix == prefix));
        var page = await paging.ReadAsync(query.OrderBy(c => c.Id).Include(c => c.Prefixes), x => x, ct);
        return TypedResults.Ok(new Page<ConnectionResponse>(page.Items.Select(Map).ToList(), page.Total, page.Limit, page.Offset));
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var connection = await db.Set<VendorConnection>().AsNoTracking().Include(c => c.Prefixes).FirstOrDefaultAsync(c => c.Id == id, ct);
        return connection is null ? Problem.NotFound("connection", id).ToResult() : TypedResults.Ok(Map(connection));
    }

    private static async Task<Results<Created<ConnectionResponse>, ProblemHttpResult>> Create(
        Body<CreateConnection> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        if (await PolicyAssignments.CheckAsync(db, callers.Required.Realm == Realm.Admin, input.ServicePolicyId, ct) is { } policyProblem)
            return policyProblem.ToResult();
        if (input.TariffId is { } tariffId && await TariffLinks.CheckForConnectionAsync(db, tariffId, ct) is { } tariffProblem)
            return tariffProblem.ToResult();
        var connection = new VendorConnection
        {
            Name = input.Name.Trim(),
            Direction = input.Direction,
            Address = "",
            Transport = input.Transport,
            ServicePolicyId = input.ServicePolicyId,
            TariffId = input.TariffId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        SetAddress(connection, input.Address);
        if (await CheckFreeAsync(db, connection, input.Prefixes, ct) is { } taken) return taken.ToResult();
        connection.Prefixes = input.Prefixes.Select(p => new VendorConnectionPrefix { Prefix = p }).ToList();
        db.Add(connection);
        if (await CredentialStore.SaveAsync(db, "name", DuplicateDetail(connection), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/connections/{connection.Id}", Map(connection));
    }

    private static async Task<Results<Ok<ConnectionResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateConnection> body, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<VendorConnection>(id, ct);
        var connection = await db.Set<VendorConnection>().Include(c => c.Prefixes).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return Problem.NotFound("connection", id).ToResult();

        // Address and prefixes are checked against the stored direction, which the body cannot change.
        var errors = new ValidationErrors();
        if (input.Address.HasValue) AddressRule(errors, connection.Direction, input.Address.Value);
        if (input.Prefixes.HasValue) PrefixRules(errors, connection.Direction, input.Prefixes.Value);
        if (input.TariffId.HasValue) TariffRule(errors, connection.Direction, input.TariffId.Value);
        if (errors.Any) return errors.ToProblem().ToResult();
        if (await PolicyAssignments.CheckChangeAsync(db, callers.Required.Realm == Realm.Admin, input.ServicePolicyId, ct) is { } policyProblem)
            return policyProblem.ToResult();
        if (input.TariffId.Value is { } tariffId && await TariffLinks.CheckForConnectionAsync(db, tariffId, ct) is { } tariffProblem)
            return tariffProblem.ToResult();

        if (input.Name.HasValue) connection.Name = input.Name.Value.Trim();
        if (input.Address.HasValue) SetAddress(connection, input.Address.Value);
        if (input.Transport.Value is { } transport) connection.Transport = transport;
        if (input.ServicePolicyId.HasValue) connection.ServicePolicyId = input.ServicePolicyId.Value;
        if (input.TariffId.HasValue) connection.TariffId = input.TariffId.Value;
        var prefixes = input.Prefixes.Or(connection.Prefixes.Select(p => p.Prefix).ToList());
        if (await CheckFreeAsync(db, connection, input.Prefixes.HasValue ? prefixes : [], ct) is { } taken) return taken.ToResult();
        if (input.Prefixes.HasValue)
        {
            var wanted = prefixes.ToHashSet(StringComparer.Ordinal);
            connection.Prefixes.RemoveAll(p => !wanted.Contains(p.Prefix));
            var held = connection.Prefixes.Select(p => p.Prefix).ToHashSet(StringComparer.Ordinal);
            connection.Prefixes.AddRange(prefixes.Where(p => !held.Contains(p)).Select(p => new VendorConnectionPrefix { ConnectionId = id, Prefix = p }));
        }

        if (await CredentialStore.SaveAsync(db, "name", DuplicateDetail(connection), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(connection));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var connection = await db.Set<VendorConnection>().Include(c => c.Prefixes).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return Problem.NotFound("connection", id).ToResult();
        db.Remove(connection);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static void SetAddress(VendorConnection connection, string address)
    {
        ConnectionAddress.TryNormalize(address, connection.Direction == ConnectionDirection.Incoming, out var normalized, out _);
        connection.Address = normalized;
        connection.TrustedAddress = connection.Direction == ConnectionDirection.Incoming ? normalized : null;
    }

    /// <summary>The name, the trusted address of an incoming connection and each prefix must not belong to another connection.</summary>
    private static async Task<Problem?> CheckFreeAsync(TollgateDb db, VendorConnection connection, IReadOnlyList<string> prefixes, CancellationToken ct)
    {
        var others = db.Set<VendorConnection>().Where(c => c.Id != connection.Id);
        if (await others.AnyAsync(c => c.Name == connection.Name, ct))
            return Problem.Duplicate("name", $"A connection named '{connection.Name}' already exists.");
        if (connection.TrustedAddress is { } trusted
            && await others.Where(c => c.TrustedAddress == trusted).Select(c => c.Name).FirstOrDefaultAsync(ct) is { } holder)
            return Problem.Duplicate("address", $"Calls from {trusted} are already trusted as coming from connection '{holder}'.");
        if (prefixes.Count == 0) return null;
        var held = await db.Set<VendorConnectionPrefix>().Where(p => p.ConnectionId != connection.Id && prefixes.Contains(p.Prefix))
            .Join(db.Set<VendorConnection>(), p => p.ConnectionId, c => c.Id, (p, c) => new { p.Prefix, c.Name }).ToListAsync(ct);
        if (held.Count == 0) return null;
        var errors = held.ToDictionary(h => $"prefixes[{IndexOf(prefixes, h.Prefix)}]", h => new[] { $"'{h.Prefix}' is routed to connection '{h.Name}'" });
        return Problem.Duplicate(errors.Keys.First(), $"{held.Count} prefix(es) are routed to other connections already.") with { Errors = errors };
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value) return i;
        }

        return -1;
    }

    private static string DuplicateDetail(VendorConnection connection) =>
        $"A connection named '{connection.Name}' already exists, or another connection holds its address or one of its prefixes.";

    private static ConnectionResponse Map(VendorConnection c) => new(c.Id, c.Name, c.Direction, c.Address, c.Transport,
        c.Prefixes.Select(p => p.Prefix).Order(StringComparer.Ordinal).ToList(), c.ServicePolicyId, c.TariffId, c.CreatedAt);
}
