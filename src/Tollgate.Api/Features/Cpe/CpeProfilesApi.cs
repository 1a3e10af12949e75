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

/// <summary>CPE profiles (provisioning settings for one model). The administrator manages all; a reseller its own.</summary>
/// <remarks>A reseller sees its own profiles and those the administrator shares with resellers.</remarks>
public static class CpeProfilesApi
{
    public sealed record CreateProfile : IValidatable
    {
        public required string Name { get; init; }
        public required long ModelId { get; init; }
        public long? ManagedBy { get; init; }
        public bool SharedWithResellers { get; init; }

        public void Validate(ValidationErrors errors) => FieldRules.Name(errors, "name", Name, 100);
    }

    public sealed record UpdateProfile : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<long?> ManagedBy { get; init; }
        public Optional<bool?> SharedWithResellers { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (SharedWithResellers.HasValue && SharedWithResellers.Value is null) errors.Add("sharedWithResellers", "must not be null");
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "", 100);
        }
    }

    public sealed record ProfileResponse(
        long Id, string Name, long ModelId, string Model, long? ManagedBy, bool SharedWithResellers, DateTime CreatedAt);

    private static readonly Expression<Func<CpeProfile, ProfileResponse>> Projection = p => new ProfileResponse(
        p.Id, p.Name, p.ModelId, p.Model.Name, p.ManagedById, p.SharedWithResellers, p.CreatedAt);

    public static RouteGroupBuilder MapCpeProfilesApi(this RouteGroupBuilder cpe)
    {
        var profiles = cpe.MapGroup("/profiles").WithTags("Phones");
        profiles.MapGet("/", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List CPE profiles you can use; filter by modelId, managedBy and name (% and _ wildcards)");
        profiles.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read a CPE profile");
        profiles.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify).WithSummary("Add a CPE profile for a device model");
        profiles.MapPatch("/{id:long}", Update).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Rename a CPE profile, or (administrator) change who manages it and whether resellers share it");
        profiles.MapDelete("/{id:long}", Delete).Allow(Realms.Staff, Operation.Modify).WithSummary("Delete a CPE profile no device uses");
        return profiles;
    }

    private static async Task<Ok<Page<ProfileResponse>>> List(
        TollgateDb db, Paging paging, long? modelId, long? managedBy, string? name, CancellationToken ct)
    {
        var query = db.CpeProfiles.AsNoTracking();
        if (modelId is not null) query = query.Where(p => p.ModelId == modelId);
        if (managedBy is not null) query = query.Where(p => p.ManagedById == managedBy);
        if (name is not null) query = query.Where(p => EF.Functions.Like(p.NameKey, Patterns.ToLike(name)));
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(p => p.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct) =>
        await ReadAsync(db, id, ct) is { } profile ? TypedResults.Ok(profile) : Problem.NotFound("CPE profile", id).ToResult();

    private static Task<ProfileResponse?> ReadAsync(TollgateDb db, long id, CancellationToken ct) =>
        db.CpeProfiles.AsNoTracking().Where(p => p.Id == id).Select(Projection).FirstOrDefaultAsync(ct);

    private static async Task<Results<Created<ProfileResponse>, ProblemHttpResult>> Create(
        Body<CreateProfile> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        if (!await db.CpeModels.AnyAsync(m => m.Id == input.ModelId, ct))
            return Problem.ReferenceNotFound("modelId", "device model", input.ModelId).ToResult();
        var (management, problem) = await CpeCallers.ResolveManagementAsync(db, callers.Required, input.ManagedBy, input.SharedWithResellers, ct);
        if (problem is not null) return problem.ToResult();

        var profile = new CpeProfile
        {
            Name = input.Name.Trim(), NameKey = CpeModel.KeyOf(input.Name), ModelId = input.ModelId,
            ManagedById = management.ResellerId, SharedWithResellers = management.SharedWithResellers,
            ManagerKey = management.ResellerId ?? 0, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CpeProfiles.Add(profile);
        if (await CredentialStore.SaveAsync(db, "name", DuplicateName(profile.Name), ct) is { } duplicate) return duplicate.ToResult();
        return TypedResults.Created($"/api/v1/cpe/profiles/{profile.Id}", (await ReadAsync(db, profile.Id, ct))!);
    }

    private static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateProfile> body, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var caller = callers.Required;
        var input = body.Value;
        if (caller.Realm == Realm.Reseller && (input.ManagedBy.HasValue || input.SharedWithResellers.HasValue))
            return Problem.Forbidden("Only the administrator changes who manages a profile and whether resellers share it.").ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<CpeProfile>(id, ct);
        var profile = await db.CpeProfiles.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (profile is null) return Problem.NotFound("CPE profile", id).ToResult();
        if (!new CpeManagement(profile.ManagedById, profile.SharedWithResellers).MayBeEditedBy(caller.ActingReseller()))
            return Problem.Forbidden($"CPE profile {id} is the administrator's; a reseller may use it but not change it.").ToResult();

        if (input.ManagedBy.HasValue || input.SharedWithResellers.HasValue)
        {
            var (management, problem) = await CpeCallers.ResolveManagementAsync(db, caller,
                input.ManagedBy.Or(profile.ManagedById), input.SharedWithResellers.Value ?? profile.SharedWithResellers, ct);
            if (problem is not null) return problem.ToResult();
            // Devices keep only profiles that fit them; refuse a change that would leave some with one that does not.
            var misfits = await db.CpeDevices.IgnoreQueryFilters().Where(d => d.ProfileId == id)
                .Select(d => new { d.ManagedById, d.SharedWithResellers }).Distinct().ToListAsync(ct);
            var stranded = misfits.Where(d => !new CpeManagement(d.ManagedById, d.SharedWithResellers).MayUseProfile(management)).ToList();
            if (stranded.Count > 0)
                return Problem.Conflict($"Devices managed by {string.Join(", ", stranded.Select(d => d.ManagedById is { } r ? $"reseller {r}" : "the administrator"))} use this profile and could not keep it.").ToResult();
            profile.ManagedById = management.ResellerId;
            profile.SharedWithResellers = management.SharedWithResellers;
            profile.ManagerKey = management.ResellerId ?? 0;
        }
        if (input.Name.HasValue)
        {
            profile.Name = input.Name.Value.Trim();
            profile.NameKey = CpeModel.KeyOf(input.Name.Value);
        }
        if (await CredentialStore.SaveAsync(db, "name", DuplicateName(profile.Name), ct) is { } duplicate) return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ReadAsync(db, id, ct))!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var profile = await db.CpeProfiles.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (profile is null) return Problem.NotFound("CPE profile", id).ToResult();
        if (!new CpeManagement(profile.ManagedById, profile.SharedWithResellers).MayBeEditedBy(callers.Required.ActingReseller()))
            return Problem.Forbidden($"CPE profile {id} is the administrator's; a reseller may use it but not delete it.").ToResult();
        var devices = await db.CpeDevices.IgnoreQueryFilters().CountAsync(d => d.ProfileId == id, ct);
        if (devices > 0) return Problem.Conflict($"{devices} device(s) use CPE profile {id}; it cannot be deleted.").ToResult();
        db.CpeProfiles.Remove(profile);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static string DuplicateName(string name) => $"A CPE profile named '{name}' already exists for this manager.";
}
