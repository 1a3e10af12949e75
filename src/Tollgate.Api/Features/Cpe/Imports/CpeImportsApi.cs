using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Limits of the device upload.</summary>
public sealed class CpeImportOptions
{
    /// <summary>The largest file accepted, in bytes (64 MiB unless configured as <c>Tollgate:Cpe:Import:MaxBytes</c>).</summary>
    public long MaxBytes { get; set; } = 64L << 20;

    /// <summary>The default of <see cref="MaxUnpackedBytes"/>: 256 MiB.</summary>
    public const long DefaultMaxUnpackedBytes = 256L << 20;

    /// <summary>
    /// The most an XLSX may unpack to, in bytes (<c>Tollgate:Cpe:Import:MaxUnpackedBytes</c>): an XLSX is a ZIP, and its
    /// shared strings are held in memory whole, so a small upload could otherwise need gigabytes.
    /// </summary>
    public long MaxUnpackedBytes { get; set; } = DefaultMaxUnpackedBytes;
}

/// <summary>Batch upload of devices: the template, the upload (processed in the background), its status and its errors.</summary>
public static class CpeImportsApi
{
    public sealed record ImportResponse(
        long Id, string FileName, CpeImportFormat Format, long SizeBytes, CpeImportStatus Status, int Rows, int Added, int Removed,
        int Failed, string? UploadedBy, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, string? FailureReason, string ErrorsUrl);

    private static readonly Expression<Func<CpeImport, ImportResponse>> Projection = i => new ImportResponse(
        i.Id, i.FileName, i.Format, i.SizeBytes, i.Status, i.Rows, i.Added, i.Removed, i.Failed, i.UploaderLogin, i.CreatedAt,
        i.StartedAt, i.FinishedAt, i.FailureReason, "/api/v1/cpe/imports/" + i.Id + "/errors");

    private static readonly Func<CpeImport, ImportResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapCpeImportsApi(this RouteGroupBuilder cpe)
    {
        cpe.MapGet("/import-template", Template).Allow(Realms.Staff, Operation.Read).WithTags("Phones")
            .WithSummary("The upload file's template with every column in order: format=csv (default) or xlsx");
        var imports = cpe.MapGroup("/imports").WithTags("Phones");
        imports.MapPost("/", Upload).Allow(Realms.Staff, Operation.Modify).Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Upload a .csv, .xls or .xlsx file of devices (multipart field 'file'); 202 at once, processed in the background");
        imports.MapGet("/", List).Allow(Realms.Staff, Operation.Read).WithSummary("List your uploads, newest first; filter by status");
        imports.MapGet("/{id:long}", Get).Allow(Realms.Staff, Operation.Read).WithSummary("An upload's status and counts");
        imports.MapGet("/{id:long}/errors", Errors).Allow(Realms.Staff, Operation.Read)
            .WithSummary("The rows that failed, as CSV: Row, Column, Reason");
        return imports;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Template(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" or "csv" => TypedResults.File(CpeImportTemplate.Csv(), "text/csv; charset=utf-8", "cpe-import-template.csv"),
        "xlsx" => TypedResults.File(CpeImportTemplate.Xlsx(), CpeImportFiles.ContentType(CpeImportFormat.Xlsx), "cpe-import-template.xlsx"),
        _ => Problem.Validation("format", "must be csv or xlsx").ToResult(),
    };

    private static async Task<Results<Accepted<ImportResponse>, ProblemHttpResult>> Upload(
        HttpContext http, TollgateDb db, CallerAccessor callers, TimeProvider clock, CpeImportSignals signals,
        IOptions<CpeImportOptions> options, CancellationToken ct)
    {
        var caller = callers.Required;
        var maxBytes = options.Value.MaxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes + (1 << 20);

        var temporary = Path.Combine(Path.GetTempPath(), $"tollgate-cpe-upload-{Guid.NewGuid():N}");
        try
        {
            var (fileName, size, problem) = await ReceiveAsync(http.Request, temporary, maxBytes, ct);
            if (problem is not null) return problem.ToResult();
            var (inspection, refused) = CpeImportFiles.Inspect(temporary, fileName!, options.Value.MaxUnpackedBytes);
            if (refused is not null) return refused.ToResult();

            await using var tx = await db.BeginWriteAsync(ct);
            var import = new CpeImport
            {
                FileName = fileName!, Format = inspection!.Format, SizeBytes = size, Status = CpeImportStatus.Queued,
                UploaderRealm = caller.Realm, UploaderOwner = caller.Owner, UploaderOwnerId = caller.OwnerId, UploaderLogin = caller.Login,
                ResellerId = caller.ActingReseller(), CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.CpeImports.Add(import);
            await db.SaveChangesAsync(ct);
            await CpeImportStore.SaveAsync(db, import.Id, temporary, ct);
            await tx.CommitAsync(ct);
            signals.Wake();
            return TypedResults.Accepted($"/api/v1/cpe/imports/{import.Id}", Map(import));
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Streams the multipart field <c>file</c> to disk, refusing what is not a file upload or is too large.</summary>
    private static async Task<(string? FileName, long Size, Problem? Problem)> ReceiveAsync(
        HttpRequest request, string path, long maxBytes, CancellationToken ct)
    {
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? HeaderUtilities.RemoveQuotes(type.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
            return (null, 0, new Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Send the file as a form upload.",
                "Use Content-Type: multipart/form-data with the file in a field named 'file' (curl -F file=@devices.csv)."));

        var reader = new MultipartReader(boundary, request.Body);
        string? fileName = null;
        long size = 0;
        var errors = new ValidationErrors();
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (field != "file")
                {
                    errors.Add(field, "is not a known field; send only 'file'");
                    continue;
                }
                if (fileName is not null)
                {
                    errors.Add("file", "must be sent once; upload one file at a time");
                    continue;
                }
                fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                if (string.IsNullOrWhiteSpace(fileName)) fileName = "upload";
                if (fileName.Length > 200) fileName = fileName[^200..];
                await using var target = File.Create(path);
                var buffer = new byte[81920];
                int read;
                while ((read = await section.Body.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                        return (null, 0, new Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The file is too large.",
                            $"A device upload may be at most {maxBytes / (1 << 20)} MiB ({maxBytes} bytes); split the file."));
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException { StatusCode: 413 }))
        {
            return (null, 0, Problem.Validation("file", $"the form upload is malformed: {e.Message}"));
        }
        if (fileName is null) errors.Add("file", "is required: send the file in a multipart form field named 'file'");
        return errors.Any ? (null, 0, errors.ToProblem()) : (fileName, size, null);
    }

    private static async Task<Ok<Page<ImportResponse>>> List(TollgateDb db, Paging paging, string? status, CancellationToken ct)
    {
        var query = db.CpeImports.AsNoTracking();
        if (Query.Enum<CpeImportStatus>(status, "status") is { } wanted) query = query.Where(i => i.Status == wanted);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderByDescending(i => i.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Get(long id, TollgateDb db, CancellationToken ct)
    {
        var import = await db.CpeImports.AsNoTracking().Where(i => i.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return import is null ? Problem.NotFound("CPE import", id).ToResult() : TypedResults.Ok(import);
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Errors(long id, TollgateDb db, CancellationToken ct)
    {
        if (!await db.CpeImports.AnyAsync(i => i.Id == id, ct)) return Problem.NotFound("CPE import", id).ToResult();
        return TypedResults.Stream(body => CpeImportErrorsCsv.WriteAsync(db, id, body, ct), "text/csv; charset=utf-8", $"cpe-import-{id}-errors.csv");
    }
}
