using System.Linq.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Json;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Notifications;

namespace Tollgate.Api.Features.Notifications;

/// <summary>The signed-in user's own notifications: list them (newest first), read one, mark read or unread.</summary>
/// <remarks>Every realm has notifications; each caller sees only those addressed to itself, never a colleague's.</remarks>
public static class NotificationsApi
{
    public sealed record NotificationResponse(
        long Id, string Topic, string Title, string Text, string? Link, DateTime CreatedAt, bool Read, DateTime? ReadAt);

    public sealed record MarkNotification
    {
        public required bool Read { get; init; }
    }

    public sealed record MarkedResponse(int Marked);

    private static readonly Expression<Func<Notification, NotificationResponse>> Projection = n => new NotificationResponse(
        n.Id, n.Topic, n.Title, n.Text, n.Link, n.CreatedAt, n.ReadAt != null, n.ReadAt);

    private static readonly Func<Notification, NotificationResponse> Map = Projection.Compile();

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", List).AllowSignedIn()
            .WithSummary("Your notifications, newest first; unread=true for the unread ones only (its total is the unread count)");
        notifications.MapGet("/{id:long}", Get).AllowSignedIn().WithSummary("Read one of your notifications");
        notifications.MapPatch("/{id:long}", Mark).AllowSignedIn().WithSummary("Mark one of your notifications read or unread");
        notifications.MapPost("/read-all", MarkAll).AllowSignedIn().WithSummary("Mark all your notifications read");
        return notifications;
    }

    private static IQueryable<Notification> Mine(TollgateDb db, Caller caller) =>
        db.Notifications.Where(n => n.RecipientOwner == caller.Owner && n.RecipientOwnerId == caller.OwnerId);

    private static async Task<Ok<Page<NotificationResponse>>> List(
        TollgateDb db, CallerAccessor callers, Paging paging, bool? unread, string? topic, CancellationToken ct)
    {
        var query = Mine(db, callers.Required).AsNoTracking();
        if (unread is { } wanted) query = wanted ? query.Where(n => n.ReadAt == null) : query.Where(n => n.ReadAt != null);
        if (topic is not null) query = query.Where(n => n.Topic == topic);
        return TypedResults.Ok(await paging.ReadAsync(query.OrderByDescending(n => n.Id).Select(Projection), x => x, ct));
    }

    private static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Get(
        long id, TollgateDb db, CallerAccessor callers, CancellationToken ct)
    {
        var found = await Mine(db, callers.Required).AsNoTracking().Where(n => n.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
        return found is null ? Problem.NotFound("notification", id).ToResult() : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> Mark(
        long id, Body<MarkNotification> body, TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var notification = await Mine(db, callers.Required).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null) return Problem.NotFound("notification", id).ToResult();
        if (body.Value.Read) notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        else notification.ReadAt = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Map(notification));
    }

    private static async Task<Ok<MarkedResponse>> MarkAll(TollgateDb db, CallerAccessor callers, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await Mine(db, callers.Required).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.Ok(new MarkedResponse(marked));
    }
}
