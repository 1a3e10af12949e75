using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Features.Catalog;
using Tollgate.Api.Features.Cpe.Imports;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Rating;
using Tollgate.Data;
using Tollgate.Data.Rating;
using Tollgate.Domain.Access;
using Tollgate.Domain.Rating;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Features.Rating;

/// <summary>A tariff's rates: one by one, or as a whole file (upload and download), and which rate a number gets.</summary>
public static class RatesApi
{
    public sealed record RateBody : IValidatable
    {
        public required string Prefix { get; init; }
        public required decimal PricePerMinute { get; init; }
        public decimal? ConnectFee { get; init; }
        public int? FirstInterval { get; init; }
        public int? NextInterval { get; init; }
        public int? GraceSeconds { get; init; }
        public DateOnly? EffectiveFrom { get; init; }
        public DateOnly? EffectiveTo { get; init; }

        public RateValues Values => new(Prefix, PricePerMinute, ConnectFee, FirstInterval, NextInterval, GraceSeconds, EffectiveFrom, EffectiveTo);

        public void Validate(ValidationErrors errors) => RateRules.Check(Values, (field, reason) => errors.Add(field, reason));
    }

    /// <summary>A rate's changes; checked as a whole once merged with the rate.</summary>
    public sealed record RatePatch
    {
        public Optional<string> Prefix { get; init; }
        public Optional<decimal> PricePerMinute { get; init; }
        public Optional<decimal> ConnectFee { get; init; }
        public Optional<int> FirstInterval { get; init; }
        public Optional<int> NextInterval { get; init; }
        public Optional<int> GraceSeconds { get; init; }
        public Optional<DateOnly?> EffectiveFrom { get; init; }
        public Optional<DateOnly?> EffectiveTo { get; init; }
    }

    public sealed record RateResponse(
        long Id, long TariffId, string Prefix, decimal PricePerMinute, decimal ConnectFee, int FirstInterval, int NextInterval, int GraceSeconds,
        DateOnly? EffectiveFrom, DateOnly? EffectiveTo);

    public sealed record UploadResponse(long TariffId, string Mode, int Rows, int Added, int Changed, int Unchanged, int Removed);

    public static RouteGroupBuilder MapRatesApi(this RouteGroupBuilder api)
    {
        var rates = api.MapGroup("/tariffs/{id:long}").WithTags("Rating");
        rates.MapGet("/rates", List).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List a tariff's rates by prefix; filter by prefix (those starting with it) and at (in effect at that instant)");
        rates.MapGet("/rates/{rateId:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("Read one rate");
        rates.MapPost("/rates", Create).Allow(Realms.Staff, Operation.Modify).WithSummary("Add a rate");
        rates.MapPatch("/rates/{rateId:long}", Update).Allow(Realms.Staff, Operation.Modify).WithSummary("Change a rate");
        rates.MapDelete("/rates/{rateId:long}", Delete).Allow(Realms.Staff, Operation.Modify).WithSummary("Remove a rate");
        rates.MapPost("/rates/import", Import).Allow(Realms.Staff, Operation.Modify).Accepts<IFormFile>("text/csv", "multipart/form-data")
            .WithSummary("Upload rates as CSV (the body, or multipart field 'file'): mode=merge (default) adds and changes; mode=replace also removes what the file lacks. All or nothing.");
        rates.MapGet("/rates/export", Export).Allow(Realms.Staff, Operation.Read).WithSummary("Download the rates as CSV, in the upload's format");
        rates.MapGet("/lookup", Lookup).Allow(Realms.Staff, Operation.Read)
            .WithSummary("The rate a call to number would get at (default: now): the longest matching prefix in effect");
        return rates;
    }

    private static async Task<Results<Ok<Page<RateResponse>>, ProblemHttpResult>> List(
        long id, TollgateDb db, Paging paging, string? prefix, DateTimeOffset? at, CancellationToken ct)
    {
        var tariff = await db.Set<Tariff>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tariff is null) return Problem.NotFound("tariff", id).ToResult();
        var query = db.Set<Rate>().AsNoTracking().Where(r => r.TariffId == id);
        if (!string.IsNullOrWhiteSpace(prefix))
        {
            var start = RateRules.Normalize(prefix);
            query = query.Where(r => r.Prefix.StartsWith(start));
        }
        if (at is not null)
        {
            var day = TimeZones.DateAt(at.Value, tariff.TimeZone);
            query = query.Where(r => r.EffectiveFrom <= day && (r.EffectiveTo == null || r.EffectiveTo > day));
        }
        var page = await paging.ReadAsync(query.OrderBy(r => r.Prefix).ThenBy(r => r.EffectiveFrom), r => Map(r, tariff.Currency), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<RateResponse>, ProblemHttpResult>> Get(long id, long rateId, TollgateDb db, CancellationToken ct)
    {
        var tariff = await db.Set<Tariff>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tariff is null) return Problem.NotFound("tariff", id).ToResult();
        var rate = await db.Set<Rate>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rateId && r.TariffId == id, ct);
        return rate is null ? Problem.NotFound("rate", rateId).ToResult() : TypedResults.Ok(Map(rate, tariff.Currency));
    }

    private static async Task<Results<Created<RateResponse>, ProblemHttpResult>> Create(
        long id, Body<RateBody> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (tariff, problem) = await ChangeableAsync(db, callers, id, ct);
        if (problem is not null) return problem.ToResult();
        var rate = RateRules.ToRate(id, body.Value.Values);
        if (await TakenAsync(db, rate, ct) is { } taken) return taken.ToResult();
        db.Set<Rate>().Add(rate);
        Touch(tariff!, clock, $"rate {rate.Prefix} added");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/tariffs/{id}/rates/{rate.Id}", Map(rate, tariff!.Currency));
    }

    private static async Task<Results<Ok<RateResponse>, ProblemHttpResult>> Update(
        long id, long rateId, Body<RatePatch> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var input = body.Value;
        await using var tx = await db.BeginWriteAsync(ct);
        var (tariff, problem) = await ChangeableAsync(db, callers, id, ct);
        if (problem is not null) return problem.ToResult();
        var rate = await db.Set<Rate>().FirstOrDefaultAsync(r => r.Id == rateId && r.TariffId == id, ct);
        if (rate is null) return Problem.NotFound("rate", rateId).ToResult();
        var merged = new RateValues(input.Prefix.Or(rate.Prefix), input.PricePerMinute.Or(rate.PricePerMinute), input.ConnectFee.Or(rate.ConnectFee),
            input.FirstInterval.Or(rate.FirstInterval), input.NextInterval.Or(rate.NextInterval), input.GraceSeconds.Or(rate.GraceSeconds),
            input.EffectiveFrom.HasValue ? input.EffectiveFrom.Value : rate.EffectiveFrom == Rate.Always ? null : rate.EffectiveFrom,
            input.EffectiveTo.Or(rate.EffectiveTo));
        var errors = new ValidationErrors();
        RateRules.Check(merged, (field, reason) => errors.Add(field, reason));
        if (errors.Any) return errors.ToProblem().ToResult();
        var updated = RateRules.ToRate(id, merged);
        updated.Id = rate.Id;
        if ((updated.Prefix != rate.Prefix || updated.EffectiveFrom != rate.EffectiveFrom) && await TakenAsync(db, updated, ct) is { } taken)
            return taken.ToResult();
        db.Entry(rate).CurrentValues.SetValues(updated);
        Touch(tariff!, clock, $"rate {rate.Prefix} changed");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(Map(rate, tariff!.Currency));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        long id, long rateId, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (tariff, problem) = await ChangeableAsync(db, callers, id, ct);
        if (problem is not null) return problem.ToResult();
        var rate = await db.Set<Rate>().FirstOrDefaultAsync(r => r.Id == rateId && r.TariffId == id, ct);
        if (rate is null) return Problem.NotFound("rate", rateId).ToResult();
        db.Set<Rate>().Remove(rate);
        Touch(tariff!, clock, $"rate {rate.Prefix} removed");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UploadResponse>, ProblemHttpResult>> Import(
        long id, HttpContext http, string? mode, TollgateDb db, CallerAccessor callers, TimeProvider clock, IOptions<RatingOptions> options,
        CancellationToken ct)
    {
        var replace = mode?.ToLowerInvariant() switch
        {
            null or "" or "merge" => false,
            "replace" => true,
            _ => throw new ProblemException(Problem.Validation("mode", "must be merge or replace")),
        };
        var tariffExists = await db.Set<Tariff>().AnyAsync(t => t.Id == id, ct);
        if (!tariffExists) return Problem.NotFound("tariff", id).ToResult();
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.ImportMaxBytes;

        List<RateRow> rows;
        try
        {
            await using var upload = await UploadBody.ReceiveAsync(http.Request, options.Value.ImportMaxBytes, ct);
            rows = RateCsv.Read(upload.Content);
        }
        catch (RateFileException e)
        {
            return RatingProblems.RateFile(e.Message, e.Rows).ToResult();
        }

        var problems = new List<(int Row, string Column, string Reason)>();
        var firstRow = new Dictionary<(string, DateOnly), int>();
        var parsed = new List<Rate>(rows.Count);
        foreach (var row in rows)
        {
            var before = problems.Count;
            problems.AddRange(row.Problems.Select(p => (row.Row, p.Column, p.Reason)));
            RateRules.Check(row.Values, (column, reason) =>
            {
                if (!row.Problems.Any(p => p.Column == column)) problems.Add((row.Row, column, reason));
            });
            if (problems.Count > before) continue;
            var rate = RateRules.ToRate(id, row.Values);
            if (firstRow.TryGetValue((rate.Prefix, rate.EffectiveFrom), out var first))
            {
                problems.Add((row.Row, "prefix", $"{rate.Prefix} from {Describe(rate.EffectiveFrom)} is already in row {first}"));
                continue;
            }
            firstRow[(rate.Prefix, rate.EffectiveFrom)] = row.Row;
            parsed.Add(rate);
        }
        if (problems.Count > 0)
            return RatingProblems.RateFile($"{problems.Select(p => p.Row).Distinct().Count()} row(s) have errors; no rate was changed.", problems).ToResult();
        if (parsed.Count == 0 && !replace) return RatingProblems.RateFile("The file has no rates.", []).ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        var (tariff, problem) = await ChangeableAsync(db, callers, id, ct);
        if (problem is not null) return problem.ToResult();
        var existing = await db.Set<Rate>().AsNoTracking().Where(r => r.TariffId == id).ToDictionaryAsync(r => (r.Prefix, r.EffectiveFrom), ct);
        var added = new List<Rate>();
        int changed = 0, unchanged = 0;
        foreach (var rate in parsed)
        {
            if (!existing.Remove((rate.Prefix, rate.EffectiveFrom), out var stored))
            {
                added.Add(rate);
                continue;
            }
            if (RateRules.SameTerms(stored, rate))
            {
                unchanged++;
                continue;
            }
            rate.Id = stored.Id;
            db.Set<Rate>().Attach(stored);
            db.Entry(stored).CurrentValues.SetValues(rate);
            changed++;
        }
        var removed = 0;
        if (replace && existing.Count > 0)
        {
            foreach (var chunk in existing.Values.Select(r => r.Id).Chunk(10_000))
                removed += await db.Set<Rate>().Where(r => chunk.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }
        await BulkInsert.InsertAsync(db, added, ct);
        Touch(tariff!, clock, $"upload ({(replace ? "replace" : "merge")}): {added.Count} added, {changed} changed, {removed} removed");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new UploadResponse(id, replace ? "replace" : "merge", rows.Count, added.Count, changed, unchanged, removed));
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(long id, TollgateDb db, CancellationToken ct)
    {
        var tariff = await db.Set<Tariff>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tariff is null) return Problem.NotFound("tariff", id).ToResult();
        var rates = db.Set<Rate>().AsNoTracking().Where(r => r.TariffId == id).OrderBy(r => r.Prefix).ThenBy(r => r.EffectiveFrom).AsAsyncEnumerable();
        return TypedResults.Stream(body => RateCsv.WriteAsync(rates, body, ct), "text/csv; charset=utf-8", $"tariff-{id}-rates.csv");
    }

    private static async Task<Results<Ok<RateResponse>, ProblemHttpResult>> Lookup(
        long id, string? number, DateTimeOffset? at, TollgateDb db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number)) return Problem.Validation("number", "is required").ToResult();
        if (!await db.Set<Tariff>().AnyAsync(t => t.Id == id, ct)) return Problem.NotFound("tariff", id).ToResult();
        var book = RateBook.ForFew();
        await book.LoadAsync(db, [(id, number)], ct);
        var instant = (at ?? clock.GetUtcNow()).UtcDateTime;
        var tariff = book.Tariff(id)!;
        if (tariff.Rates.Find(number, instant) is not { } entry)
            return new Problem(StatusCodes.Status404NotFound, RatingProblems.NoRate, "No rate.",
                $"Tariff '{tariff.Name}' has no rate for {number} in effect at {instant:yyyy-MM-dd'T'HH:mm:ss'Z'}.").ToResult();
        var rate = await db.Set<Rate>().AsNoTracking().FirstAsync(r => r.Id == entry.Id, ct);
        return TypedResults.Ok(Map(rate, tariff.Currency));
    }

    /// <summary>The tariff, locked, when the caller may change it; otherwise the problem (404 outside the scope, 403 not its own).</summary>
    private static async Task<(Tariff? Tariff, Problem? Problem)> ChangeableAsync(TollgateDb db, CallerAccessor callers, long id, CancellationToken ct)
    {
        await db.LockForUpdateAsync<Tariff>(id, ct);
        var tariff = await db.Set<Tariff>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tariff is null) return (null, Problem.NotFound("tariff", id));
        return CatalogRights.MayChange(callers.Required, tariff.ManagedBy, "tariff", id) is { } forbidden ? (null, forbidden) : (tariff, null);
    }

    private static async Task<Problem?> TakenAsync(TollgateDb db, Rate rate, CancellationToken ct) =>
        await db.Set<Rate>().AnyAsync(r => r.TariffId == rate.TariffId && r.Prefix == rate.Prefix && r.EffectiveFrom == rate.EffectiveFrom && r.Id != rate.Id, ct)
            ? Problem.Duplicate("prefix", $"The tariff already has a rate for {rate.Prefix} from {Describe(rate.EffectiveFrom)}; change that one instead.")
            : null;

    private static void Touch(Tariff tariff, TimeProvider clock, string change)
    {
        tariff.RatesChangedAt = clock.GetUtcNow().UtcDateTime;
        tariff.LastRateChange = change.Length <= 300 ? change : change[..300];
    }

    private static string Describe(DateOnly from) => from == Rate.Always ? "the start" : from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static RateResponse Map(Rate r, string currency) => new(
        r.Id, r.TariffId, r.Prefix, MoneyJson.Exact(r.PricePerMinute, currency), MoneyJson.Exact(r.ConnectFee, currency), r.FirstInterval, r.NextInterval,
        r.GraceSeconds, r.EffectiveFrom == Rate.Always ? null : r.EffectiveFrom, r.EffectiveTo);
}
