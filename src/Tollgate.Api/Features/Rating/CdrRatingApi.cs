using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Billing.Rating;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Calls;
using Tollgate.Data.Rating;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Api.Features.Rating;

/// <summary>Rating of CDRs: importing external ones, the ones that could not be rated, rating them again, and each CDR's charges.</summary>
public static class CdrRatingApi
{
    public sealed record ImportResponse(
        int Rows, int Imported, int Duplicates, int Failed, int Rated, int Unratable, int ChargesWritten,
        IReadOnlyList<CdrDuplicate> DuplicateRows, IReadOnlyList<CdrImportError> Errors);

    public sealed record RerateBody : IValidatable
    {
        /// <summary>The CDRs to rate again; absent: every unratable (or never rated) CDR in your scope.</summary>
        public IReadOnlyList<long>? CdrIds { get; init; }

        public void Validate(ValidationErrors errors)
        {
            if (CdrIds is { Count: > 10_000 }) errors.Add("cdrIds", "must list at most 10,000 CDRs; leave it out to rate every unratable CDR again");
        }
    }

    public sealed record RerateResponse(int Calls, int Rated, int Unratable, int ChargesWritten);

    public sealed record UnratableResponse(
        long CdrId, string CallId, string Source, long? AccountId, long? CustomerId, long? ResellerId, long? OutgoingConnectionId, string CalledNumber,
        DateTime Start, int BilledSeconds, UnratableReason? ReasonCode, string? Reason, int Attempts, DateTime LastAttemptAt);

    public sealed record RatingResponse(
        long CdrId, string Status, UnratableReason? ReasonCode, string? Reason, int Attempts, DateTime? LastAttemptAt, IReadOnlyList<XdrsApi.XdrResponse> Charges);

    public static RouteGroupBuilder MapCdrRatingApi(this RouteGroupBuilder api)
    {
        var cdrs = api.MapGroup("/cdrs").WithTags("Calls");
        cdrs.MapPost("/import", Import).Allow(Realms.Staff, Operation.Modify).Accepts<IFormFile>("application/json", "text/csv", "multipart/form-data")
            .WithSummary("Import external CDRs (a JSON array or CSV of callId, accountId, callee, connectTime, disconnectTime) and rate them; known call ids are reported as duplicates and not charged");
        cdrs.MapGet("/unratable", Unratable).Allow(Realms.Staff, Operation.Read)
            .WithSummary("List the CDRs that could not be (fully) rated, with the reason; filter by accountId (numeric), customerId and reason");
        cdrs.MapPost("/rerate", Rerate).Allow(Realms.Staff, Operation.Modify)
            .WithSummary("Rate unratable CDRs again after a fix (all in your scope, or cdrIds); charges already written are not written again");
        cdrs.MapGet("/{id:long}/rating", Rating).Allow(Realms.All, Section.Xdrs, Operation.Read)
            .WithSummary("A CDR's rating state and the charges it gave that you may see");
        return cdrs;
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Import(
        HttpContext http, TollgateDb db, CdrImporter importer, IOptions<RatingOptions> options, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.ImportMaxBytes;
        await using var upload = await UploadBody.ReceiveAsync(http.Request, options.Value.ImportMaxBytes, ct);
        if (FormatOf(upload) is not { } format)
            return new Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Send CDRs as JSON or CSV.",
                "Use Content-Type: application/json (an array of CDRs) or text/csv (a header row, then one CDR per row), or a form upload of a .json or .csv file.").ToResult();
        try
        {
            await CdrImportFiles.CheckAsync(upload.Content, format, ct);
            var result = await importer.ImportAsync(db, CdrImportFiles.ReadAsync(upload.Content, format, ct), ct);
            return TypedResults.Ok(new ImportResponse(result.Rows, result.Imported, result.DuplicateCount, result.Failed, result.Rating.Rated,
                result.Rating.Unratable, result.Rating.ChargesWritten, result.Duplicates, result.Errors));
        }
        catch (CdrFileException e)
        {
            return RatingProblems.CdrFile(e.Message, e.Where).ToResult();
        }
    }

    private static CdrFileFormat? FormatOf(Upload upload)
    {
        var name = upload.FileName?.ToLowerInvariant() ?? "";
        if (upload.MediaType is "application/json" || upload.MediaType.EndsWith("+json", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal))
            return CdrFileFormat.Json;
        if (upload.MediaType is "text/csv" or "application/csv" || name.EndsWith(".csv", StringComparison.Ordinal)) return CdrFileFormat.Csv;
        return null;
    }

    private static async Task<Ok<Page<UnratableResponse>>> Unratable(
        TollgateDb db, CallerAccessor callers, Paging paging, long? accountId, long? customerId, string? reason, CancellationToken ct)
    {
        var visible = VisibleParties(callers.Required);
        var query = from c in db.Set<Cdr>().AsNoTracking()
                    join r in db.Set<CdrRating>().AsNoTracking() on c.Id equals r.CdrId
                    where r.Status == CdrRatingStatus.Unratable && (r.UnratedParties & visible) != 0
                    select new { c, r };
        if (accountId is not null) query = query.Where(x => x.c.AccountId == accountId);
        if (customerId is not null) query = query.Where(x => x.c.CustomerId == customerId);
        if (Query.Enum<UnratableReason>(reason, "reason") is { } code) query = query.Where(x => x.r.ReasonCode == code);
        var page = await paging.ReadAsync(query.OrderBy(x => x.c.Id), x => new UnratableResponse(
            x.c.Id, x.c.CallId, x.c.Source == CdrSource.Switch ? "switch" : "import", x.c.AccountId, x.c.CustomerId, x.c.ResellerId, x.c.OutgoingConnectionId,
            x.c.CalledNumber, x.c.ConnectAt ?? x.c.SetupAt, x.c.BilledSeconds, x.r.ReasonCode, Visible(x.r.Reason, visible), x.r.Attempts, x.r.LastAttemptAt), ct);
        return TypedResults.Ok(page);
    }

    private static async Task<Ok<RerateResponse>> Rerate(
        Body<RerateBody> body, TollgateDb db, CdrRater rater, IOptions<RatingOptions> options, CancellationToken ct)
    {
        var cdrs = db.Set<Cdr>().AsQueryable();
        if (body.Value.CdrIds is { } ids) cdrs = cdrs.Where(c => ids.Contains(c.Id));
        var summary = await rater.RerateAsync(db, cdrs, Math.Max(1, options.Value.BatchSize), ct);
        return TypedResults.Ok(new RerateResponse(summary.Calls, summary.Rated, summary.Unratable, summary.ChargesWritten));
    }

    private static async Task<Results<Ok<RatingResponse>, ProblemHttpResult>> Rating(long id, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var cdr = await db.Set<Cdr>().AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Source, c.CreatedAt }).FirstOrDefaultAsync(ct);
        if (cdr is null) return Problem.NotFound("call detail record", id).ToResult();
        var visible = VisibleParties(callers.Required);
        var rating = await db.Set<CdrRating>().AsNoTracking().FirstOrDefaultAsync(r => r.CdrId == id, ct);
        var charges = await db.Set<Xdr>().AsNoTracking().Where(x => x.Kind == XdrKind.Usage && x.SourceId == id).OrderBy(x => x.Id)
            .Select(XdrsApi.Projection).ToListAsync(ct);
        // No row: a switch CDR not settled yet, or an imported one that was rated as it was stored (only problems are kept).
        if (rating is null)
            return TypedResults.Ok(cdr.Source == CdrSource.Import
                ? new RatingResponse(id, "rated", null, null, 1, cdr.CreatedAt, charges)
                : new RatingResponse(id, "pending", null, null, 0, null, charges));
        // A problem of a party the caller does not see (the provider's cost, the reseller's price) is not the caller's concern.
        var mine = (rating.UnratedParties & visible) != 0;
        var status = rating.Status == CdrRatingStatus.Unratable && !mine ? CdrRatingStatus.Rated : rating.Status;
        return TypedResults.Ok(new RatingResponse(id, Name(status), mine ? rating.ReasonCode : null, mine ? Visible(rating.Reason, visible) : null,
            rating.Attempts, rating.LastAttemptAt, charges));
    }

    /// <summary>The parties whose rating problems a caller may read: administrators all; a reseller its customers' and its own; a customer its own.</summary>
    private static int VisibleParties(Caller caller) => caller.Realm switch
    {
        Realm.Admin => RatedParties.Customer | RatedParties.Reseller | RatedParties.Cost,
        Realm.Reseller => RatedParties.Customer | RatedParties.Reseller,
        _ => RatedParties.Customer,
    };

    /// <summary>The parts of a reason (one per party, "customer: …; reseller: …; cost: …") the caller may read.</summary>
    private static string? Visible(string? reason, int visible)
    {
        if (reason is null) return null;
        var parts = reason.Split("; ").Where(part =>
            (part.StartsWith("customer:", StringComparison.Ordinal) && (visible & RatedParties.Customer) != 0)
            || (part.StartsWith("reseller:", StringComparison.Ordinal) && (visible & RatedParties.Reseller) != 0)
            || (part.StartsWith("cost:", StringComparison.Ordinal) && (visible & RatedParties.Cost) != 0)).ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Name(CdrRatingStatus status) => status switch
    {
        CdrRatingStatus.Rated => "rated",
        CdrRatingStatus.Unratable => "unratable",
        _ => "rerated",
    };
}
