using Tollgate.Api.Access;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Notifications;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Notifications;

/// <summary>Who a notification is for: a credential owner, with the tenant ids that keep it inside its tenant.</summary>
public readonly record struct Recipient(CredentialOwner Owner, long OwnerId, long? ResellerId, long? CustomerId, long? AccountId)
{
    /// <summary>The signed-in caller itself.</summary>
    public static Recipient Of(Caller caller) => caller.Realm switch
    {
        Realm.Admin => new(caller.Owner, caller.OwnerId, null, null, null),
        Realm.Reseller => new(caller.Owner, caller.OwnerId, caller.ResellerId, null, null),
        Realm.Customer => new(caller.Owner, caller.OwnerId, caller.ResellerId, caller.CustomerId, null),
        _ => new(caller.Owner, caller.OwnerId, caller.ResellerId, caller.CustomerId, caller.AccountId),
    };
}

/// <summary>What a notification says: a topic for programs, a title and text for people, and what it is about.</summary>
/// <param name="Topic">Dotted, stable: <c>feature.thing.event</c>, e.g. <c>cpe.import.completed</c>.</param>
/// <param name="Title">One line, at most 200 characters.</param>
/// <param name="Text">The details, at most 2,000 characters.</param>
/// <param name="Link">The API path of the object it is about, if any.</param>
public sealed record NotificationMessage(string Topic, string Title, string Text, string? Link = null);

/// <summary>Leaves a message for a user, to be read with <c>GET /api/v1/notifications</c>.</summary>
/// <remarks>
/// The notification is added to the caller's context and is stored when the caller saves, so it commits or rolls back
/// with the change it reports: nobody is told about something that did not happen.
/// </remarks>
public interface INotifier
{
    Task NotifyAsync(TollgateDb db, Recipient to, NotificationMessage message, CancellationToken ct);
}

/// <summary>Stores notifications in the Tollgate database.</summary>
public sealed class Notifier(TimeProvider clock) : INotifier
{
    public Task NotifyAsync(TollgateDb db, Recipient to, NotificationMessage message, CancellationToken ct)
    {
        db.Notifications.Add(new Notification
        {
            RecipientOwner = to.Owner,
            RecipientOwnerId = to.OwnerId,
            ResellerId = to.ResellerId,
            CustomerId = to.CustomerId,
            AccountId = to.AccountId,
            Topic = Cut(message.Topic, 60),
            Title = Cut(message.Title, 200),
            Text = Cut(message.Text, 2000),
            Link = message.Link,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return Task.CompletedTask;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
