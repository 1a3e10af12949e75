using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Features.Rating;

/// <summary>An uploaded file, spooled to a temporary file that goes away when this is disposed.</summary>
/// <param name="MediaType">The media type the file came with (of the body, or of the form field).</param>
/// <param name="FileName">The form field's file name, when it came as a form upload.</param>
public sealed record Upload(Stream Content, string MediaType, string? FileName) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>Receives a file sent as the request body itself (<c>--data-binary @rates.csv</c>) or as the multipart field <c>file</c> (<c>-F file=@rates.csv</c>).</summary>
/// <remarks>
/// The file is copied to a temporary file as it arrives, so a large upload takes disk, not memory, and can be read
/// twice (a check, then the work). More than <c>maxBytes</c> is refused with 413, a form without the field with 400.
/// </remarks>
public static class UploadBody
{
    public static async Task<Upload> ReceiveAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"tollgate-upload-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            MediaTypeHeaderValue.TryParse(request.ContentType, out var type);
            var mediaType = type?.MediaType.Value?.ToLowerInvariant() ?? "";
            string? fileName = null;
            if (mediaType == "multipart/form-data")
            {
                var boundary = HeaderUtilities.RemoveQuotes(type!.Boundary).Value;
                if (string.IsNullOrEmpty(boundary)) throw new ProblemException(Problem.Validation("file", "the form upload has no boundary"));
                var reader = new MultipartReader(boundary, request.Body);
                var found = false;
                try
                {
                    while (await reader.ReadNextSectionAsync(ct) is { } section)
                    {
                        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                            || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file" || found)
                            continue;
                        found = true;
                        fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                        mediaType = MediaTypeHeaderValue.TryParse(section.ContentType, out var part) ? part.MediaType.Value?.ToLowerInvariant() ?? "" : "";
                        await CopyAsync(section.Body, spool, maxBytes, ct);
                    }
                }
                catch (IOException e) when (e is not BadHttpRequestException { StatusCode: 413 })
                {
                    throw new ProblemException(Problem.Validation("file", $"the form upload is malformed: {e.Message}"));
                }
                if (!found) throw new ProblemException(Problem.Validation("file", "is required: send the file in a multipart form field named 'file'"));
            }
            else
            {
                await CopyAsync(request.Body, spool, maxBytes, ct);
            }
            spool.Position = 0;
            return new Upload(spool, mediaType, fileName);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private static async Task CopyAsync(Stream source, Stream target, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            size += read;
            if (size > maxBytes)
                throw new ProblemException(new Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The file is too large.",
                    $"An upload may be at most {maxBytes} bytes; split the file."));
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }
}
