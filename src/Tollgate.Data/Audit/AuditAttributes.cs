namespace Tollgate.Data.Audit;

/// <summary>Marks an entity whose changes are not recorded in the audit trail, and says why.</summary>
/// <remarks>
/// Every other entity is audited without its feature doing anything: bookkeeping (sessions, the outbox, the audit
/// trail itself) and one-time secrets carry this attribute instead.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotAuditedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}

/// <summary>Marks a property whose values the audit trail shows only as <c>***</c> (passwords, their hashes, keys, SIP secrets).</summary>
/// <remarks>
/// As a safety net, string properties whose name contains Password, Secret, Token or Hash are masked even without it,
/// so a feature that forgets the attribute still leaks nothing.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class AuditSecretAttribute : Attribute;

/// <summary>Marks a property the audit trail leaves out: derived copies and counters that say nothing about who changed what.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class AuditIgnoreAttribute : Attribute;
