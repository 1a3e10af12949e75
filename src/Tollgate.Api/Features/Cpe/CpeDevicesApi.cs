using System.Linq.Expressions;
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
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe;

/// <summary>The device inventory: list and look up by MAC, add, change and remove devices.</summary>
/// <remarks>
/// Administrators see every device; a reseller its own stock, the stock the administrator shares, and its customers'
/// devices; a customer only the devices allocated to it. Allocation to customers is in <see cref="CpeAllocationApi"/>.
/// </remarks>
public static class CpeDevicesApi
{
    public sealed record CreateDevice : IValidatable
    {
        public required string Name { get; init; }
        public required long ModelId { get; init; }
        public required string Mac { get; init; }
        public long? ProfileId { get; init; }
        public string? InventoryId { get; init; }
        public long? ManagedBy { get; init; }
        public bool SharedWithResellers { get; init; }

        /// <summary>Allocates the new device to this customer at once.</summary>
        public long? CustomerId { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name, 100);
            MacRule(errors, "mac", Mac);
            FieldRules.Name(errors, "inventoryId", InventoryId, 100);
        }
    }

    public sealed record UpdateDevice : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<long?> ModelId { get; init; }
        public Optional<string> Mac { get; init; }
        public Optional<long?> ProfileId { get; init; }
        public Optional<string?> InventoryId { get; init; }
        public Optional<long?> ManagedBy { get; init; }
        public Optional<bool?> SharedWithResellers { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (ModelId.HasValue && ModelId.Value is null) errors.Add("modelId", "must not be null");
            if (SharedWithResellers.HasValue && SharedWithResellers.Value is null) errors.Add("sharedWithResellers", "must not be null");
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "", 100);
            if (Mac.HasValue) MacRule(errors, "mac", Mac.Value ?? "");
            if (InventoryId.HasValue) FieldRules.Name(errors, "inventoryId", InventoryId.Value, 100);
        }
    }

    public sealed record DevicePort(int Port, long AccountId, string Account);

    public sealed record DeviceResponse(
        long Id, string Name, long ModelId, string Model, string Mac, long? ProfileId, string? Profile, string? InventoryId,
        long? ManagedBy, bool SharedWithResellers, long? CustomerId, DateTime? AllocatedAt, int TotalPorts, int FreePorts,
        List<DevicePort> Ports, DateTime CreatedAt);

    public static readonly Expression<Func<CpeDevice, DeviceResponse>> Projection = d => new DeviceResponse(
        d.Id, d.Name, d.ModelId, d.Model.Name, d.Mac, d.ProfileId, d.Profile != null ? d.Profile.Name : null, d.InventoryId,
        d.ManagedById, d.SharedWithResellers, d.CustomerId, d.AllocatedAt, d.Model.Ports, d.Model.Ports - d.Ports.Count,
        d.Ports.OrderBy(p => p.Port).Select(p => new DevicePort(p.Port, p.AccountId, p.Account.AccountId)).ToList(), d.CreatedAt);

    public static RouteGroupBuilder MapCpeDevicesApi(this RouteGroupBuilder cpe)
    {
        var devices = cpe.MapGroup("/devices").WithTags("Phones");
        devices.MapGet("/", List).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Read)
            .WithSummary("List devices you can see; filter by mac (any notation), customerId, unallocated, modelId, profileId, managedBy, name, inventoryId");
        devices.MapGet("/{id:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Read)
            .WithSummary("Read a device with its ports and the accounts on them");
        devices.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Add a device to the inventory (customerId allocates it at once)");
        devices.MapPatch("/{id:long}", Update).Allow(Realms.Staff, Operation.Modify).WithSummary("Change a device you manage");
        devices.MapDelete("/{id:long}", Delete).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Remove a device you manage from the inventory (not while a port is assigned)");
        return devices;
    }

    /// <summary>A MAC address in any usual notation; the reason says what is wrong with it.</summary>
    public static void MacRule(ValidationErrors errors, string field, string value)
    {
        if (!MacAddress.TryParse(value, out _, out var error)) errors.Add(field, $"is not a MAC address: {error}");
    }

    public static Task<DeviceResponse?> ReadAsync(TollgateDb db, long id, CancellationToken ct) =>
        db.CpeDevices.AsNoTracking().Where(d => d.Id == id).Select(Projection).FirstOrDefaultAsync(ct);

    private static async Task<Ok<Page<DeviceResponse>>> List(
        TollgateDb db, Paging paging, string? mac, long? customerId, bool? unallocated, long? modelId, long? profileId,
        long? managedBy, string? name, string? inventoryId, CancellationToken ct)
    {
        var query = db.CpeDevices.AsNoTracking();
        if (mac is not null)
        {
            if (!MacAddress.TryParse(mac, out var wanted, out var error))
                throw new ProblemException(Problem.Validation("mac", $"is not a MAC address: {error}"));
            var canonical = wanted.ToString();
            query = query.Where(d => d.Mac == canonical);
        }
        if (customerId is not null) query = query.Where(d => d.CustomerId == customerId);
        if (unallocated is { } stock) query = stock ? query.Where(d => d.CustomerId == null) : query.Where(d => d.CustomerId != null);
        if (modelId is not null) query = query.Where(d => d.ModelId == modelId);
        if (profileId is not null) query = query.Where(d => d.ProfileId == profileId);
        if (managedBy is not null) query = query.Where(d => d.ManagedById == managedBy);
        if (name is not null) query = query.Where(d => EF.Functions.Like(d.Name.ToLower(), Patterns.ToLike(name)));
        if (inventoryId is not null) query = query.Where(d => d.InventoryId == inventoryId);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(d => d.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct) =>
        await ReadAsync(db, id, ct) is { } device ? TypedResults.Ok(device) : Problem.NotFound("device", id).ToResult();

    private static async Task<Results<Created<DeviceResponse>, ProblemHttpResult>> Create(
        Body<CreateDevice> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        var caller = callers.Required;
        var mac = MacAddress.Parse(input.Mac).ToString();
        await using var tx = await db.BeginWriteAsync(ct);
        if (!await db.CpeModels.AnyAsync(m => m.Id == input.ModelId, ct))
            return Problem.ReferenceNotFound("modelId", "device model", input.ModelId).ToResult();
        var (management, problem) = await CpeCallers.ResolveManagementAsync(db, caller, input.ManagedBy, input.SharedWithResellers, ct);
        if (problem is not null) return problem.ToResult();
        if (await CheckProfileAsync(db, input.ProfileId, input.ModelId, management, ct) is { } badProfile) return badProfile.ToResult();

        var now = clock.GetUtcNow().UtcDateTime;
        var device = new CpeDevice
        {
            Name = input.Name.Trim(), ModelId = input.ModelId, Mac = mac, ProfileId = input.ProfileId, InventoryId = input.InventoryId?.Trim(),
            ManagedById = management.ResellerId, SharedWithResellers = management.SharedWithResellers, CreatedAt = now,
        };
        if (input.CustomerId is { } customerId)
        {
            var (customer, missing) = await CpeCallers.FindCustomerAsync(db, customerId, ct);
            if (customer is null) return missing!.ToResult();
            if (CpeAllocation.CheckAllocate(management, null, customer.Id, customer.ResellerId, caller.ActingReseller()) is { } refusal)
                return Problem.Unprocessable($"The device cannot be allocated to customer {customerId}: {refusal.Reason}.", "customerId").ToResult();
            device.CustomerId = customer.Id;
            device.CustomerResellerId = customer.ResellerId;
            device.AllocatedAt = now;
        }
        db.CpeDevices.Add(device);
        if (await CredentialStore.SaveAsync(db, "mac", $"A device with MAC address {mac} is already in the inventory.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/cpe/devices/{device.Id}", (await ReadAsync(db, device.Id, ct))!);
    }

    private static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateDevice> body, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var caller = callers.Required;
        var input = body.Value;
        if (caller.Realm == Realm.Reseller && (input.ManagedBy.HasValue || input.SharedWithResellers.HasValue))
            return Problem.Forbidden("Only the administrator changes who manages a device and whether resellers share it.").ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<CpeDevice>(id, ct);
        var device = await db.CpeDevices.Include(d => d.Model).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null) return Problem.NotFound("device", id).ToResult();
        var management = new CpeManagement(device.ManagedById, device.SharedWithResellers);
        if (!management.MayBeEditedBy(caller.ActingReseller()))
            return Problem.Forbidden($"Device {id} is the administrator's; a reseller may allocate it but not change it.").ToResult();

        if (input.ManagedBy.HasValue || input.SharedWithResellers.HasValue)
        {
            (management, var problem) = await CpeCallers.ResolveManagementAsync(db, caller,
                input.ManagedBy.Or(device.ManagedById), input.SharedWithResellers.Value ?? device.SharedWithResellers, ct);
            if (problem is not null) return problem.ToResult();
            if (device.CustomerId is { } customer && management.ResellerId is { } owner && owner != device.CustomerResellerId)
                return Problem.Conflict($"Device {id} is allocated to customer {customer}, who is not reseller {owner}'s; release it first.").ToResult();
        }
        var modelId = input.ModelId.Value ?? device.ModelId;
        if (modelId != device.ModelId)
        {
            var ports = await db.CpeModels.Where(m => m.Id == modelId).Select(m => (int?)m.Ports).FirstOrDefaultAsync(ct);
            if (ports is null) return Problem.ReferenceNotFound("modelId", "device model", modelId).ToResult();
            var highest = await db.CpePorts.IgnoreQueryFilters().Where(p => p.DeviceId == id).MaxAsync(p => (int?)p.Port, ct);
            if (highest > ports)
                return Problem.Conflict($"Port {highest} of device {id} is assigned; the new model has only {ports} port(s).").ToResult();
        }
        var profileId = input.ProfileId.Or(device.ProfileId);
        if (await CheckProfileAsync(db, profileId, modelId, management, ct) is { } badProfile) return badProfile.ToResult();

        if (input.Name.HasValue) device.Name = input.Name.Value.Trim();
        if (input.Mac.HasValue) device.Mac = MacAddress.Parse(input.Mac.Value).ToString();
        if (input.InventoryId.HasValue) device.InventoryId = input.InventoryId.Value?.Trim();
        device.ModelId = modelId;
        device.ProfileId = profileId;
        device.ManagedById = management.ResellerId;
        device.SharedWithResellers = management.SharedWithResellers;
        if (await CredentialStore.SaveAsync(db, "mac", $"A device with MAC address {device.Mac} is already in the inventory.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ReadAsync(db, id, ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<CpeDevice>(id, ct);
        var device = await db.CpeDevices.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (device is null) return Problem.NotFound("device", id).ToResult();
        var ports = await db.CpePorts.Where(p => p.DeviceId == id).OrderBy(p => p.Port).Select(p => p.Account.AccountId).ToListAsync(ct);
        var management = new CpeManagement(device.ManagedById, device.SharedWithResellers);
        if (CpeAllocation.CheckRemove(management, ports.Count, ports.FirstOrDefault(), callers.Required.ActingReseller()) is { } refusal)
        {
            return refusal.Code == "ports-assigned"
                ? Problem.Conflict($"Device {id} cannot be removed: {refusal.Reason}.").ToResult()
                : Problem.Forbidden($"Device {id} cannot be removed: {refusal.Reason}.").ToResult();
        }
        db.CpeDevices.Remove(device);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A profile must be one the caller can see, for the device's model, and fit the device's manager.</summary>
    private static async Task<Problem?> CheckProfileAsync(TollgateDb db, long? profileId, long modelId, CpeManagement device, CancellationToken ct)
    {
        if (profileId is null) return null;
        var profile = await db.CpeProfiles.AsNoTracking().Where(p => p.Id == profileId)
            .Select(p => new { p.ModelId, p.ManagedById, p.SharedWithResellers }).FirstOrDefaultAsync(ct);
        if (profile is null) return Problem.ReferenceNotFound("profileId", "CPE profile", profileId);
        if (profile.ModelId != modelId)
            return Problem.Unprocessable($"CPE profile {profileId} is for another device model.", "profileId");
        if (!device.MayUseProfile(new CpeManagement(profile.ManagedById, profile.SharedWithResellers)))
            return Problem.Unprocessable($"CPE profile {profileId} belongs to another manager and is not shared with resellers.", "profileId");
        return null;
    }
}
