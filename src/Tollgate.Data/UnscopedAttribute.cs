namespace Tollgate.Data;

/// <summary>Marks an entity that deliberately has no tenant query filter, and says why.</summary>
/// <remarks>
/// Every other entity must declare a query filter in its configuration; a test walks the model and fails on an entity
/// that has neither, so a new table cannot leak across tenants by being forgotten.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UnscopedAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
