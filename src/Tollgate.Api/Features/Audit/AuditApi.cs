using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Audit;
using Tollgate.Domain.Access;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Features.Audit;

/// <summary>Reads the audit trail: per customer for administrators and the customer's reseller, all of it for administrators.</summary>
/// <remarks>
/// <c>from</c> and <c>to</c> take a date (YYYY-MM-DD, read in the customer's time zone, or UTC for the whole trail;
/// <c>to</c> then includes that whole day) or an RFC 3339 instant (<c>from</c> inclusive, <c>to</c> exclusive).
/// <c>actor</c> is a login, or <c>type:id</c> such as <c>individual:12</c>. Newest entries come first.
/// </remarks>
public static partial class AuditApi
{
    public sealed record ActorResponse(string Type, long? Id, string Login);

    public sealed record AuditEntryResponse(
        long Id, DateTime At, ActorResponse Actor, string Entity, string EntityId, AuditAction Action, long? CustomerId, JsonElement Changes);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{id:long}/audit", ForCustomer).Allow(Realms.Staff, Operation.Read).WithTags("Audit")
            .WithSummary("Who changed what for this customer, newest first; filter by from, to, actor and entity");
        api.MapGet("/audit", All).Allow(Realms.Admin, Operation.Read).WithTags("Audit")
            .WithSummary("The whole audit trail (roles and other provider-wide changes too); filter by customerId, entity, entityId, from, to, actor");
        return api;
    }

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ProblemHttpResult>> ForCustomer(
        long id, TollgateDb db, Paging paging, string? from, string? to, string? actor, string? entity, CancellationToken ct)
    {
        var zone = await db.Customers.Where(c => c.Id == id).Select(c => c.TimeZone).FirstOrDefaultAsync(ct);
        if (zone is null) return Problem.NotFound("customer", id).ToResult();
        var query = Filter(db.Set<AuditEntry>().AsNoTracking().Where(e => e.CustomerId == id), from, to, actor, entity, zone);
        return TypedResults.Ok(await ReadAsync(query, paging, ct));
    }

    private static async Task<Ok<Page<AuditEntryResponse>>> All(
        TollgateDb db, Paging paging, long? customerId, string? entity, string? entityId, string? from, string? to, string? actor,
        CancellationToken ct)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (customerId is not null) query = query.Where(e => e.CustomerId == customerId);
        if (entityId is not null) query = query.Where(e => e.EntityId == entityId);
        return TypedResults.Ok(await ReadAsync(Filter(query, from, to, actor, entity, "UTC"), paging, ct));
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> query, string? from, string? to, string? actor, string? entity, string zone)
    {
        var errors = new ValidationErrors();
        var start = Instant(from, "from", zone, endOfDay: false, errors);
        var end = Instant(to, "to", zone, endOfDay: true, errors);
        if (start is not null && end is not null && end < start) errors.Add("to", "must not be before 'from'");
        if (errors.Any) throw new ProblemException(errors.ToProblem());

        if (start is not null) query = query.Where(e => e.At >= start);
        if (end is not null) query = query.Where(e => e.At < end);
        if (!string.IsNullOrWhiteSpace(entity)) query = query.Where(e => e.Entity == entity.Trim());
        if (!string.IsNullOrWhiteSpace(actor))
        {
            if (ActorId().Match(actor.Trim()) is { Success: true } m)
            {
                var type = m.Groups["type"].Value.ToLowerInvariant();
                var actorId = long.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture);
                query = query.Where(e => e.ActorType == type && e.ActorId == actorId);
            }
            else
            {
                var login = actor.Trim().ToLowerInvariant();
                query = query.Where(e => e.ActorLogin.ToLower() == login);
            }
        }
        return query;
    }

    private static DateTime? Instant(string? text, string parameter, string zone, bool endOfDay, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (endOfDay && day == DateOnly.MaxValue) return null; // through the calendar's last day: no end at all
            return TimeZones.StartOf(endOfDay ? day.AddDays(1) : day, zone).UtcDateTime;
        }
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase) &&
            DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return instant.UtcDateTime;
        errors.Add(parameter, "must be a date (YYYY-MM-DD) or a date and time (RFC 3339, e.g. 2026-05-01T12:00:00Z)");
        return null;
    }

    private static async Task<Page<AuditEntryResponse>> ReadAsync(IQueryable<AuditEntry> query, Paging paging, CancellationToken ct) =>
        await paging.ReadAsync(query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id), e => new AuditEntryResponse(
            e.Id, e.At, new ActorResponse(e.ActorType, e.ActorId, e.ActorLogin), e.Entity, e.EntityId, e.Action, e.CustomerId,
            JsonDocument.Parse(e.Changes).RootElement.Clone()), ct);

    [GeneratedRegex(@"^(?<type>[A-Za-z]+):(?<id>\d{1,18})$")]
    private static partial Regex ActorId();
}
