using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>A menu's greeting: <c>PUT|GET|DELETE /api/v1/centrex/auto-attendants/{accountId}/menus/{menuId}/greeting</c>.</summary>
/// <remarks>
/// The PUT body is the audio file itself, with its content type (<c>curl --data-binary @hello.wav -H 'Content-Type: audio/wav'</c>):
/// WAV (16-bit PCM, A-law or μ-law) or MP3, at most <see cref="CentrexFeatureOptions.MaxGreetingBytes"/>. The content
/// decides, not the declared type: a file that is not the audio it claims to be is refused and nothing is stored (see
/// <see cref="GreetingAudio"/>). The GET answers the bytes exactly as uploaded, with an ETag of their SHA-256.
/// </remarks>
public static class GreetingsApi
{
    /// <summary>400: an uploaded greeting is empty, not WAV or MP3, or not the audio its content type says.</summary>
    public const string AudioInvalid = ProblemTypes.Base + "audio-invalid";

    /// <param name="DurationSeconds">How long it plays (WAV only).</param>
    /// <param name="Url">Where to download it.</param>
    public sealed record GreetingResponse(
        string ContentType, string? Encoding, int? SampleRate, double? DurationSeconds, int SizeBytes, string Sha256, DateTime UploadedAt, string Url);

    public static RouteGroupBuilder MapGreetingsApi(this RouteGroupBuilder centrex)
    {
        var greeting = centrex.MapGroup("/auto-attendants/{accountId}/menus/{menuId:long}/greeting").WithTags("IP Centrex features");
        greeting.MapPut("/", Upload).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Modify)
            .WithSummary("Upload the menu's greeting: the audio file as the body, Content-Type audio/wav or audio/mpeg; replaces the one before");
        greeting.MapGet("/", Download).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Read)
            .WithSummary("Download the menu's greeting as uploaded");
        greeting.MapDelete("/", Delete).Allow(Realms.Staff | Realms.Customer, Section.AutoAttendants, Operation.Modify)
            .WithSummary("Remove the menu's greeting");
        return greeting;
    }

    /// <summary>What is known about the greetings of some menus, without their audio.</summary>
    public static async Task<Dictionary<long, GreetingResponse>> InfoAsync(TollgateDb db, string accountId, IReadOnlyCollection<long> menuIds, CancellationToken ct)
    {
        var rows = await db.AutoAttendantGreetings.AsNoTracking().Where(g => menuIds.Contains(g.MenuId))
            .Select(g => new { g.MenuId, g.ContentType, g.Encoding, g.SampleRate, g.DurationSeconds, g.SizeBytes, g.Sha256, g.UploadedAt })
            .ToListAsync(ct);
        return rows.ToDictionary(g => g.MenuId, g => new GreetingResponse(g.ContentType, g.Encoding, g.SampleRate, g.DurationSeconds, g.SizeBytes,
            g.Sha256, g.UploadedAt, $"/api/v1/centrex/auto-attendants/{accountId}/menus/{g.MenuId}/greeting"));
    }

    private static async Task<Results<Ok<GreetingResponse>, ProblemHttpResult>> Upload(
        string accountId, long menuId, string? domain, HttpContext http, TollgateDb db, FeatureTargets targets, CallerAccessor callers,
        IOptions<CentrexFeatureOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var declared = GreetingAudio.FormatOf(http.Request.ContentType);
        if (declared is null)
            return new Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Send the greeting as audio.",
                $"Content-Type '{http.Request.ContentType}' is not accepted; send the file as the body with {GreetingAudio.Accepted}.").ToResult();
        var (bytes, tooLarge) = await ReadAsync(http, options.Value.MaxGreetingBytes, ct);
        if (tooLarge is not null) return tooLarge.ToResult();
        var (info, why) = GreetingAudio.Inspect(bytes, declared.Value);
        if (info is null)
            return new Problem(StatusCodes.Status400BadRequest, AudioInvalid, "The greeting is not audio that can be played.", $"Refused: {why}.")
            { Errors = new Dictionary<string, string[]> { ["body"] = [why!] } }.ToResult();

        await using var tx = await db.BeginWriteAsync(ct);
        var (account, menu, problem) = await FindMenuAsync(db, targets, accountId, domain, menuId, ct);
        if (problem is not null) return problem.ToResult();
        if (FeatureTargets.RefuseChange(callers.Required, account!) is { } refused) return refused.ToResult();
        await db.LockForUpdateAsync<Account>(account!.Id, ct);
        var greeting = await db.AutoAttendantGreetings.FirstOrDefaultAsync(g => g.MenuId == menuId, ct);
        if (greeting is null)
        {
            greeting = new AutoAttendantGreeting
            {
                MenuId = menu!.Id, AccountId = account.Id, CustomerId = account.CustomerId, ResellerId = account.ResellerId, ContentType = "",
                Sha256 = "", Audio = [],
            };
            db.AutoAttendantGreetings.Add(greeting);
        }
        greeting.ContentType = info.ContentType;
        greeting.Encoding = info.Encoding;
        greeting.SampleRate = info.SampleRate;
        greeting.DurationSeconds = info.DurationSeconds;
        greeting.SizeBytes = bytes.Length;
        greeting.Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        greeting.Audio = bytes;
        greeting.UploadedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await InfoAsync(db, account.AccountId, [menuId], ct))[menuId]);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        string accountId, long menuId, string? domain, TollgateDb db, FeatureTargets targets, CancellationToken ct)
    {
        var (_, _, problem) = await FindMenuAsync(db, targets, accountId, domain, menuId, ct);
        if (problem is not null) return problem.ToResult();
        var greeting = await db.AutoAttendantGreetings.AsNoTracking().FirstOrDefaultAsync(g => g.MenuId == menuId, ct);
        if (greeting is null) return Problem.NotFound("greeting for menu", menuId).ToResult();
        var extension = greeting.ContentType == "audio/wav" ? "wav" : "mp3";
        return TypedResults.File(greeting.Audio, greeting.ContentType, $"{accountId}-menu-{menuId}.{extension}",
            entityTag: new EntityTagHeaderValue($"\"{greeting.Sha256}\""));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string accountId, long menuId, string? domain, TollgateDb db, FeatureTargets targets, CallerAccessor callers, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var (account, _, problem) = await FindMenuAsync(db, targets, accountId, domain, menuId, ct);
        if (problem is not null) return problem.ToResult();
        if (FeatureTargets.RefuseChange(callers.Required, account!) is { } refused) return refused.ToResult();
        var greeting = await db.AutoAttendantGreetings.FirstOrDefaultAsync(g => g.MenuId == menuId, ct);
        if (greeting is null) return Problem.NotFound("greeting for menu", menuId).ToResult();
        db.AutoAttendantGreetings.Remove(greeting);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<(Account? Account, AutoAttendantMenu? Menu, Problem? Problem)> FindMenuAsync(
        TollgateDb db, FeatureTargets targets, string accountId, string? domain, long menuId, CancellationToken ct)
    {
        var (account, problem) = await targets.FindAttendantAsync(db, accountId, domain, ct);
        if (problem is not null) return (null, null, problem);
        var menu = await db.AutoAttendantMenus.AsNoTracking().FirstOrDefaultAsync(m => m.Id == menuId && m.AccountId == account!.Id, ct);
        return menu is null ? (null, null, Problem.NotFound("menu", $"{menuId} in auto attendant {accountId}")) : (account, menu, null);
    }

    /// <summary>Reads the body up to the limit; a larger one is refused without reading it all.</summary>
    private static async Task<(byte[] Bytes, Problem? TooLarge)> ReadAsync(HttpContext http, int maxBytes, CancellationToken ct)
    {
        var tooLarge = new Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The greeting is too large.",
            $"A greeting may be at most {maxBytes} bytes ({maxBytes / (1 << 20)} MiB).");
        if (http.Request.ContentLength > maxBytes) return ([], tooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return ([], tooLarge);
        }
        return (buffer.ToArray(), null);
    }
}
