using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Domain.Centrex;

namespace Tollgate.Api.Features.Centrex;

/// <summary>A new extension: its number, who it is for, its products and optionally its phone.</summary>
public sealed record CreateExtension : IValidatable
{
    /// <summary>What colleagues dial: 2–8 digits, unique within the customer; the account becomes <c>ph{customerId}x{extension}</c>.</summary>
    public required string Extension { get; init; }

    public string? Name { get; init; }
    public required long ProductId { get; init; }
    public IReadOnlyList<long> AddonProductIds { get; init; } = [];

    /// <summary>A device to give the new account a port of (the customer's own, or stock for staff); see docs/cpe.md.</summary>
    public long? DeviceId { get; init; }

    public int? Port { get; init; }

    public void Validate(ValidationErrors errors)
    {
        if (PbxNumbers.CheckExtension(Extension) is { } reason) errors.Add("extension", reason);
        FieldRules.Name(errors, "name", Name);
        PbxBodies.Products(errors, ProductId, AddonProductIds);
        if (Port is not null && DeviceId is null) errors.Add("port", "applies only together with deviceId");
        if (Port is < 1) errors.Add("port", "must be 1 or more");
    }
}

/// <summary>A new auto attendant: its name and products; the account becomes <c>ph{customerId}aa{n}</c>.</summary>
public sealed record CreateAutoAttendant : IValidatable
{
    public required string Name { get; init; }
    public required long ProductId { get; init; }
    public IReadOnlyList<long> AddonProductIds { get; init; } = [];

    /// <summary>An internal number colleagues may dial to reach it (optional; callers from outside use its DIDs).</summary>
    public string? Extension { get; init; }

    public void Validate(ValidationErrors errors)
    {
        FieldRules.Name(errors, "name", Name);
        if (Extension is not null && PbxNumbers.CheckExtension(Extension) is { } reason) errors.Add("extension", reason);
        PbxBodies.Products(errors, ProductId, AddonProductIds);
    }
}

/// <summary>Changes to an extension or auto attendant; absent members stay as they are.</summary>
public sealed record UpdateExtension : IValidatable
{
    public Optional<string?> Name { get; init; }
    public Optional<long> ProductId { get; init; }
    public Optional<IReadOnlyList<long>> AddonProductIds { get; init; }

    /// <summary>An auto attendant's internal number (null removes it). An extension's number cannot change: its account id comes from it.</summary>
    public Optional<string?> Extension { get; init; }

    public void Validate(ValidationErrors errors)
    {
        if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value);
        if (Extension is { HasValue: true, Value: { } number } && PbxNumbers.CheckExtension(number) is { } reason) errors.Add("extension", reason);
        if (AddonProductIds.HasValue) PbxBodies.Products(errors, ProductId.HasValue ? ProductId.Value : null, AddonProductIds.Value);
    }
}

/// <summary>Checks shared by the PBX bodies.</summary>
internal static class PbxBodies
{
    public static void Products(ValidationErrors errors, long? productId, IReadOnlyList<long> addonProductIds)
    {
        for (var i = 0; i < addonProductIds.Count; i++)
        {
            if (addonProductIds[i] == productId) errors.Add($"addonProductIds[{i}]", "is the main product (productId)");
            else if (addonProductIds.Take(i).Contains(addonProductIds[i])) errors.Add($"addonProductIds[{i}]", "lists the same product twice");
        }
    }
}
