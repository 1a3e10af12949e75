using Tollgate.Api.Json;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Roles;

/// <summary>Checks a role's permission map as a client sends it: <c>{"extensions":"modify","invoices":"read"}</c>.</summary>
public static class RoleRules
{
    /// <summary>Reports unknown sections, sections named twice and permissions a section cannot take; every one at once.</summary>
    public static void Permissions(ValidationErrors errors, IReadOnlyDictionary<string, Permission>? permissions)
    {
        if (permissions is null) return;
        var seen = new HashSet<Section>();
        foreach (var (name, permission) in permissions)
        {
            var field = $"permissions.{name}";
            if (!SectionNames.TryParse(name, out var section))
                errors.Add(field, $"is not a section; the sections are: {SectionNames.Known()}");
            else if (!seen.Add(section))
                errors.Add(field, "is given twice");
            else if (permission > section.Highest())
                errors.Add(field, $"can only be {string.Join(" or ", Enum.GetValues<Permission>().Where(p => p <= section.Highest()).Reverse().Select(p => p.Name()))}");
        }
    }

    /// <summary>The permissions of a map already checked by <see cref="Permissions"/>.</summary>
    public static RolePermissions ToPermissions(IReadOnlyDictionary<string, Permission>? permissions) =>
        RolePermissions.Of((permissions ?? new Dictionary<string, Permission>()).Select(p =>
        {
            SectionNames.TryParse(p.Key, out var section);
            return KeyValuePair.Create(section, p.Value);
        }));
}
