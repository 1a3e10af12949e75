namespace Tollgate.Data.Outbox;

/// <summary>A message waiting to leave, or that left: written in the transaction of the change that causes it, delivered by the worker.</summary>
/// <remarks>
/// Rows are never deleted by delivery: a sent message keeps <see cref="SentAt"/>, one that could not be delivered
/// keeps <see cref="Status"/> <see cref="OutboxStatus.Failed"/> and the last error, so nothing is lost silently.
/// A <see cref="Sensitive"/> body (it holds a single-use link) is blanked once delivered.
/// </remarks>
[Unscoped("worked by the delivery worker for every tenant; never listed through the tenant API")]
[Audit.NotAudited("the message is an effect of an audited change, and its body may hold a single-use link")]
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public OutboxChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public string? RecipientName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public bool Sensitive { get; set; }

    /// <summary>The customer the message concerns, when there is one (for support questions such as "was it sent?").</summary>
    public long? CustomerId { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the worker may next try it; while a worker holds it, the end of that worker's lease.</summary>
    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>How an outbox message travels.</summary>
public enum OutboxChannel
{
    Email,
}

/// <summary>Where an outbox message is in its life.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
