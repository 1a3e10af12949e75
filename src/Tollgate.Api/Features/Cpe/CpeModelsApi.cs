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

/// <summary>Device models (the catalog of phone types and their port counts): the administrator keeps it, everyone reads it.</summary>
public static class CpeModelsApi
{
    public sealed record CreateModel : IValidatable
    {
        public required string Name { get; init; }
        public required int Ports { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name, 100);
            PortsRule(errors, Ports);
        }
    }

    public sealed record UpdateModel : IValidatable
    {
        public Optional<string> Name { get; init; }
        // Nullable so that an explicit null is a validation error rather than a failed conversion.
        public Optional<int?> Ports { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "", 100);
            if (Ports.HasValue)
            {
                if (Ports.Value is { } ports) PortsRule(errors, ports);
                else errors.Add("ports", "must not be null");
            }
        }
    }

    public sealed record ModelResponse(long Id, string Name, int Ports, DateTime CreatedAt);

    private static readonly Expression<Func<CpeModel, ModelResponse>> Projection = m => new ModelResponse(m.Id, m.Name, m.Ports, m.CreatedAt);
    private static readonly Func<CpeModel, ModelResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapCpeModelsApi(this RouteGroupBuilder cpe)
    {
        var models = cpe.MapGroup("/models").WithTags("Phones");
        models.MapGet("/", List).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Read)
            .WithSummary("List device models; filter by name (% and _ wildcards)");
        models.MapGet("/{id:long}", Get).Allow(Realms.Staff | Realms.Customer, Section.Phones, Operation.Read).WithSummary("Read a device model");
        models.MapPost("/", Create).Allow(Realms.Admin, Operation.Modify).WithSummary("Add a device model");
        models.MapPatch("/{id:long}", Update).Allow(Realms.Admin, Operation.Modify)
            .WithSummary("Rename a device model or change its port count (not below a port in use)");
        models.MapDelete("/{id:long}", Delete).Allow(Realms.Admin, Operation.Modify).WithSummary("Delete a device model no device or profile uses");
        return models;
    }

    private static void PortsRule(ValidationErrors errors, int ports)
    {
        if (ports < 1 || ports > CpePorts.MaxPorts) errors.Add("ports", $"must be from 1 to {CpePorts.MaxPorts}");
    }

    private static async Task<Ok<Page<ModelResponse>>> List(TollgateDb db, Paging paging, string? name, CancellationToken ct)
    {
        var query = db.CpeModels.AsNoTracking();
        if (name is not null) query = query.Where(m => EF.Functions.Like(m.NameKey, Patterns.ToLike(name)));
        return TypedResults.Ok(await paging.ReadAsync(query.OrderBy(m => m.Name).ThenBy(m => m.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var model = await db.CpeModels.AsNoTracking().Where(m => m.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return model is null ? Problem.NotFound("device model", id).ToResult() : TypedResults.Ok(model);
    }

    private static async Task<Results<Created<ModelResponse>, ProblemHttpResult>> Create(
        Body<CreateModel> body, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        var model = new CpeModel
        {
            Name = input.Name.Trim(), NameKey = CpeModel.KeyOf(input.Name), Ports = input.Ports, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CpeModels.Add(model);
        if (await CredentialStore.SaveAsync(db, "name", $"A device model named '{model.Name}' already exists.", ct) is { } duplicate)
            return duplicate.ToResult();
        return TypedResults.Created($"/api/v1/cpe/models/{model.Id}", Map(model));
    }

    private static async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateModel> body, TollgateDb db, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<CpeModel>(id, ct);
        var model = await db.CpeModels.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (model is null) return Problem.NotFound("device model", id).ToResult();
        if (input.Ports.Value is { } fewer && fewer < model.Ports)
        {
            var highest = await db.CpePorts.IgnoreQueryFilters().Where(p => p.Device.ModelId == id)
                .MaxAsync(p => (int?)p.Port, ct);
            if (highest > fewer)
                return Problem.Conflict($"Port {highest} of a {model.Name} is assigned to an account; the model cannot have fewer ports than that.").ToResult();
        }
        if (input.Name.HasValue)
        {
            model.Name = input.Name.Value.Trim();
            model.NameKey = CpeModel.KeyOf(input.Name.Value);
        }
        if (input.Ports.Value is { } ports) model.Ports = ports;
        if (await CredentialStore.SaveAsync(db, "name", $"A device model named '{model.Name}' already exists.", ct) is { } duplicate)
            return duplicate.ToResult();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(model));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var model = await db.CpeModels.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (model is null) return Problem.NotFound("device model", id).ToResult();
        var devices = await db.CpeDevices.IgnoreQueryFilters().CountAsync(d => d.ModelId == id, ct);
        var profiles = await db.CpeProfiles.IgnoreQueryFilters().CountAsync(p => p.ModelId == id, ct);
        if (devices + profiles > 0)
            return Problem.Conflict($"{devices} device(s) and {profiles} profile(s) are of model '{model.Name}'; it cannot be deleted.").ToResult();
        db.CpeModels.Remove(model);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
