using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Catalog;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Rating;
using Tollgate.Data.Switching;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Rating;

/// <summary>Tariffs: price lists for calls, managed like the catalog (the administrators', shared or not, or a reseller's own).</summary>
public static class TariffsApi
{
    public sealed record CreateTariff : IValidatable
    {
        public required string Name { get; init; }
        public required string Currency { get; init; }

        /// <summary>The zone whose midnight starts the rates' effective dates; UTC unless given.</summary>
        public string TimeZone { get; init; } = "UTC";

        public long? ManagedBy { get; init; }
        public bool SharedWithResellers { get; init; }

        public void Validate(ValidationErrors errors)
        {
            FieldRules.Name(errors, "name", Name);
            FieldRules.Currency(errors, "currency", Currency);
            FieldRules.TimeZone(errors, "timeZone", TimeZone);
            if (SharedWithResellers && ManagedBy is not null)
                errors.Add("sharedWithResellers", "only the administrators' items are shared; a reseller's items are its own");
        }
    }

    public sealed record UpdateTariff : IValidatable
    {
        public Optional<string> Name { get; init; }
        public Optional<string> TimeZone { get; init; }
        public Optional<bool> SharedWithResellers { get; init; }
        public Optional<string> Currency { get; init; }
        public Optional<long?> ManagedBy { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "");
            if (TimeZone.HasValue) FieldRules.TimeZone(errors, "timeZone", TimeZone.Value ?? "");
            if (Currency.HasValue) errors.Add("currency", CatalogRights.Immutable);
            if (ManagedBy.HasValue) errors.Add("managedBy", CatalogRights.Immutable);
        }
    }

    public sealed record TariffResponse(
        long Id, string Name, string Currency, string TimeZone, long? ManagedBy, bool SharedWithResellers, int RateCount, DateTime CreatedAt,
        DateTime? RatesChangedAt, string? LastRateChange);

    public static RouteGroupBuilder MapTariffsApi(this RouteGroupBuilder api)
    {
        var tariffs = api.MapGroup("/tariffs").WithTags("Rating");
        tariffs.MapGet("/", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List tariffs in your scope; filter by name (% and _ wildcards) and currency");
        tariffs.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read a tariff");
        tariffs.MapPost("/", Create).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Create a tariff (a reseller creates tariffs it manages itself)");
        tariffs.MapPatch("/{id:long}", Update).Allow(Realms.Staff, Operation.Modify).WithSummary("Rename a tariff, change its time zone or sharing");
        tariffs.MapDelete("/{id:long}", Delete).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Delete a tariff and its rates (refused while a product, reseller or vendor connection uses it)");
        return tariffs;
    }

    private static async Task<Ok<Page<TariffResponse>>> List(TollgateDb db, Paging paging, string? name, string? currency, CancellationToken ct)
    {
        var query = db.Set<Tariff>().AsNoTracking();
        if (name is not null) query = query.Where(t => EF.Functions.Like(t.Name.ToLower(), Patterns.ToLike(name)));
        if (currency is not null) query = query.Where(t => t.Currency == currency.ToUpperInvariant());
        var page = await paging.ReadAsync(query.OrderBy(t => t.Id), t => t, ct);
        return TypedResults.Ok(new Page<TariffResponse>(await ResponsesAsync(db, page.Items, ct), page.Total, page.Limit, page.Offset));
    }

    private static async Task<Results<Ok<TariffResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var tariff = await db.Set<Tariff>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return tariff is null ? Problem.NotFound("tariff", id).ToResult() : TypedResults.Ok((await ResponsesAsync(db, [tariff], ct))[0]);
    }

    private static async Task<Results<Created<TariffResponse>, ProblemHttpResult>> Create(
        Body<CreateTariff> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        var (managedBy, problem) = await CatalogRights.ManagerOfNewAsync(db, callers.Required, input.ManagedBy, ct);
        if (problem is not null) return problem.ToResult();
        var tariff = new Tariff
        {
            Name = input.Name.Trim(),
            Currency = FieldRules.NormalizeCurrency(input.Currency),
            TimeZone = input.TimeZone,
            ManagedBy = managedBy,
            SharedWithResellers = managedBy is null && input.SharedWithResellers,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<Tariff>().Add(tariff);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/tariffs/{tariff.Id}", (await ResponsesAsync(db, [tariff], ct))[0]);
    }

    private static async Task<Results<Ok<TariffResponse>, ProblemHttpResult>> Update(
        long id, Body<UpdateTariff> body, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Tariff>(id, ct);
        var tariff = await db.Set<Tariff>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tariff is null) return Problem.NotFound("tariff", id).ToResult();
        if (CatalogRights.MayChange(callers.Required, tariff.ManagedBy, "tariff", id) is { } forbidden) return forbidden.ToResult();
        if (input.SharedWithResellers.HasValue && input.SharedWithResellers.Value && tariff.ManagedBy is not null)
            return Problem.Validation("sharedWithResellers", "only the administrators' items are shared; a reseller's items are its own").ToResult();
        if (input.Name.HasValue) tariff.Name = input.Name.Value.Trim();
        if (input.TimeZone.HasValue) tariff.TimeZone = input.TimeZone.Value;
        if (input.SharedWithResellers.HasValue) tariff.SharedWithResellers = input.SharedWithResellers.Value;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await ResponsesAsync(db, [tariff], ct))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        await db.LockForUpdateAsync<Tariff>(id, ct);
        var tariff = await db.Set<Tariff>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tariff is null) return Problem.NotFound("tariff", id).ToResult();
        if (CatalogRights.MayChange(callers.Required, tariff.ManagedBy, "tariff", id) is { } forbidden) return forbidden.ToResult();
        var users = new List<string>();
        users.AddRange((await db.Set<Product>().IgnoreQueryFilters().Where(p => p.TariffId == id).Select(p => p.Id).ToListAsync(ct)).Select(p => $"product {p}"));
        users.AddRange((await db.Resellers.IgnoreQueryFilters().Where(r => r.TariffId == id).Select(r => r.Id).ToListAsync(ct)).Select(r => $"reseller {r}"));
        users.AddRange((await db.Set<VendorConnection>().IgnoreQueryFilters().Where(c => c.TariffId == id).Select(c => c.Id).ToListAsync(ct))
            .Select(c => $"vendor connection {c}"));
        if (users.Count > 0)
            return Problem.Conflict($"Tariff {id} is used by {string.Join(", ", users.Take(10))}{(users.Count > 10 ? ", …" : "")}; point them at another tariff first.").ToResult();
        await db.Set<Rate>().Where(r => r.TariffId == id).ExecuteDeleteAsync(ct);
        db.Set<Tariff>().Remove(tariff);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<List<TariffResponse>> ResponsesAsync(TollgateDb db, IReadOnlyList<Tariff> tariffs, CancellationToken ct)
    {
        var ids = tariffs.Select(t => t.Id).ToList();
        var counts = await db.Set<Rate>().Where(r => ids.Contains(r.TariffId)).GroupBy(r => r.TariffId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return tariffs.Select(t => new TariffResponse(t.Id, t.Name, t.Currency, t.TimeZone, t.ManagedBy, t.SharedWithResellers,
            counts.GetValueOrDefault(t.Id), t.CreatedAt, t.RatesChangedAt, t.LastRateChange)).ToList();
    }
}
