using Tollgate.Domain.Access;

namespace Tollgate.Data.Access;

/// <summary>A named set of section permissions, defined by the provider and given to customer individuals (or staff).</summary>
public sealed class Role
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The name in lower case: names are unique whatever their letter case.</summary>
    [Audit.AuditIgnore]
    public required string NameKey { get; set; }

    public RoleType Type { get; set; }
    public RolePermissions Permissions { get; set; } = RolePermissions.None;
    public DateTime CreatedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();
}
