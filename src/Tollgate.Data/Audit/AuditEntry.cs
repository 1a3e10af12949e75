namespace Tollgate.Data.Audit;

/// <summary>One recorded change: who changed which object when, and each changed field's old and new value.</summary>
/// <remarks>
/// Entries are only ever inserted: the database refuses UPDATE and DELETE on their table (triggers on both
/// providers), so not even a bug in Tollgate can rewrite history. <see cref="Changes"/> is a JSON object
/// <c>{"field":{"old":…,"new":…}}</c> with secrets shown as <c>***</c>.
/// </remarks>
[Unscoped("read only through the audit endpoints, which first check that the customer is in the caller's scope")]
[NotAudited("the audit trail itself")]
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string ActorType { get; set; }
    public long? ActorId { get; set; }
    public required string ActorLogin { get; set; }

    /// <summary>The kind of object, camel-cased (customer, individual, credential, role …).</summary>
    public required string Entity { get; set; }

    /// <summary>The object's key as text (composite keys joined by '/').</summary>
    public required string EntityId { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>The customer the change belongs to, when it belongs to one (the customer itself, its accounts, individuals …).</summary>
    public long? CustomerId { get; set; }

    public required string Changes { get; set; }
}

/// <summary>What happened to the object of an <see cref="AuditEntry"/>.</summary>
public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}
