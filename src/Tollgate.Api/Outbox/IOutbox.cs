using MimeKit;
using Tollgate.Data;
using Tollgate.Data.Outbox;

namespace Tollgate.Api.Outbox;

/// <summary>Queues messages (e-mail today) to leave after the change that causes them commits.</summary>
/// <remarks>
/// The message is written to the outbox table through the caller's own context, so it is committed with the change
/// or rolled back with it: no e-mail about a change that did not happen, no change whose e-mail is lost. The worker
/// role delivers it; the request never waits for a mail server.
/// </remarks>
public interface IOutbox
{
    void Enqueue(TollgateDb db, OutgoingEmail email);
}

/// <summary>A plain-text e-mail to one recipient.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="ToName">The recipient's name, shown by mail programs.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The text; lines end with '\n'.</param>
public sealed record OutgoingEmail(string To, string? ToName, string Subject, string Body)
{
    /// <summary>The body holds a secret (a single-use link): it is blanked in the outbox once delivered.</summary>
    public bool Sensitive { get; init; }

    /// <summary>The customer the e-mail concerns, if any.</summary>
    public long? CustomerId { get; init; }
}

/// <summary>Writes outbox rows in the caller's context and wakes the worker once they are committed.</summary>
public sealed class TransactionalOutbox(TimeProvider clock, OutboxSignal signal) : IOutbox
{
    public void Enqueue(TollgateDb db, OutgoingEmail email)
    {
        if (!MailboxAddress.TryParse(email.To, out _))
            throw new ArgumentException($"'{email.To}' is not an e-mail address; check it before queueing.", nameof(email));
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Channel = OutboxChannel.Email,
            Recipient = email.To.Trim(),
            RecipientName = email.ToName,
            Subject = email.Subject,
            Body = email.Body,
            Sensitive = email.Sensitive,
            CustomerId = email.CustomerId,
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        db.AfterCommit(signal.Wake);
    }
}
