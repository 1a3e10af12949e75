using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe;

/// <summary>Allocating devices to a customer and releasing them back to stock, several at once and all or nothing.</summary>
/// <remarks>
/// If any device of the request cannot be allocated (or released), nothing changes and the 409 answer lists each
/// offending device with a code and a reason. A device the caller cannot see is reported exactly as one that does
/// not exist. Allocating a device again to the customer it already belongs to, or releasing one in stock, is not an error.
/// </remarks>
public static class CpeAllocationApi
{
    public const int MaxDevices = 1000;

    public sealed record AllocateDevices : IValidatable
    {
        public required List<long> DeviceIds { get; init; }
        public required long CustomerId { get; init; }

        public void Validate(ValidationErrors errors) => DeviceIdsRule(errors, DeviceIds);
    }

    public sealed record ReleaseDevices : IValidatable
    {
        public required List<long> DeviceIds { get; init; }

        public void Validate(ValidationErrors errors) => DeviceIdsRule(errors, DeviceIds);
    }

    /// <summary>What changed: the devices now allocated to the customer (or in stock), and how many of them moved.</summary>
    public sealed record AllocationResponse(long? CustomerId, IReadOnlyList<long> DeviceIds, int Changed);

    public static RouteGroupBuilder MapCpeAllocationApi(this RouteGroupBuilder cpe)
    {
        var devices = cpe.MapGroup("/devices").WithTags("Phones");
        devices.MapPost("/allocate", Allocate).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Allocate devices to a customer: all of them or, with the reasons, none");
        devices.MapPost("/release", Release).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Release devices back to stock: all of them or, with the reasons, none");
        return devices;
    }

    private static void DeviceIdsRule(ValidationErrors errors, List<long> ids)
    {
        if (ids.Count == 0) errors.Add("deviceIds", "must list at least one device");
        if (ids.Count > MaxDevices) errors.Add("deviceIds", $"must list at most {MaxDevices} devices");
        foreach (var repeated in ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add("deviceIds", $"lists device {repeated} more than once");
    }

    private static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> Allocate(
        Body<AllocateDevices> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        var acting = callers.Required.ActingReseller();
        await using var tx = await db.BeginWriteAsync(ct);
        var (customer, problem) = await CpeCallers.FindCustomerAsync(db, input.CustomerId, ct);
        if (customer is null) return problem!.ToResult();
        await CpeLocks.LockDevicesAsync(db, input.DeviceIds, ct);
        var devices = await db.CpeDevices.Where(d => input.DeviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);

        var offenders = new List<(int, long, CpeRefusal)>();
        for (var i = 0; i < input.DeviceIds.Count; i++)
        {
            var id = input.DeviceIds[i];
            var refusal = devices.TryGetValue(id, out var device)
                ? CpeAllocation.CheckAllocate(new CpeManagement(device.ManagedById, device.SharedWithResellers), device.CustomerId,
                    customer.Id, customer.ResellerId, acting)
                : CpeRefusal.NotFound(id);
            if (refusal is not null) offenders.Add((i, id, refusal));
        }
        if (offenders.Count > 0) return CpeProblems.Refused("allocated", offenders).ToResult();

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var device in devices.Values.Where(d => d.CustomerId is null))
        {
            device.CustomerId = customer.Id;
            device.CustomerResellerId = customer.ResellerId;
            device.AllocatedAt = now;
            changed++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new AllocationResponse(customer.Id, input.DeviceIds, changed));
    }

    private static async Task<Results<Ok<AllocationResponse>, ProblemHttpResult>> Release(
        Body<ReleaseDevices> body, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var input = body.Value;
        var acting = callers.Required.ActingReseller();
        await using var tx = await db.BeginWriteAsync(ct);
        await CpeLocks.LockDevicesAsync(db, input.DeviceIds, ct);
        var devices = await db.CpeDevices.Where(d => input.DeviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var busy = await AssignedPortsAsync(db, input.DeviceIds, ct);

        var offenders = new List<(int, long, CpeRefusal)>();
        for (var i = 0; i < input.DeviceIds.Count; i++)
        {
            var id = input.DeviceIds[i];
            var ports = busy.GetValueOrDefault(id);
            var refusal = devices.TryGetValue(id, out var device)
                ? CpeAllocation.CheckRelease(new CpeManagement(device.ManagedById, device.SharedWithResellers), ports?.Count ?? 0, ports?[0], acting)
                : CpeRefusal.NotFound(id);
            if (refusal is not null) offenders.Add((i, id, refusal));
        }
        if (offenders.Count > 0) return CpeProblems.Refused("released", offenders).ToResult();

        var changed = 0;
        foreach (var device in devices.Values.Where(d => d.CustomerId is not null))
        {
            device.CustomerId = null;
            device.CustomerResellerId = null;
            device.AllocatedAt = null;
            changed++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new AllocationResponse(null, input.DeviceIds, changed));
    }

    /// <summary>For each device with assigned ports, the account ids on them from the lowest port up.</summary>
    public static async Task<Dictionary<long, List<string>>> AssignedPortsAsync(TollgateDb db, IReadOnlyCollection<long> deviceIds, CancellationToken ct)
    {
        var rows = await db.CpePorts.IgnoreQueryFilters().Where(p => deviceIds.Contains(p.DeviceId))
            .OrderBy(p => p.DeviceId).ThenBy(p => p.Port)
            .Select(p => new { p.DeviceId, Account = p.Account.AccountId }).ToListAsync(ct);
        return rows.GroupBy(r => r.DeviceId).ToDictionary(g => g.Key, g => g.Select(r => r.Account).ToList());
    }
}
