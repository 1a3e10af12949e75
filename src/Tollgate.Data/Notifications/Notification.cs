using Tollgate.Data.Access;

namespace Tollgate.Data.Notifications;

/// <summary>A message for one person who signs in (an administrator, reseller, customer, individual or account), read or not.</summary>
/// <remarks>
/// The recipient is named by its credential owner (kind and id). The tenant ids of the recipient are copied so that the
/// tenant filter keeps every notification inside its tenant, whatever a handler asks for.
/// </remarks>
[Audit.NotAudited("messages to a user about work done; the work itself is audited")]
public sealed class Notification
{
    public long Id { get; set; }
    public CredentialOwner RecipientOwner { get; set; }
    public long RecipientOwnerId { get; set; }
    public long? ResellerId { get; set; }
    public long? CustomerId { get; set; }
    public long? AccountId { get; set; }

    /// <summary>What the notification is about, for clients to group or pick an icon: e.g. <c>cpe.import.completed</c>.</summary>
    public required string Topic { get; set; }

    public required string Title { get; set; }
    public required string Text { get; set; }

    /// <summary>The API path of what the notification is about, if anything.</summary>
    public string? Link { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
