using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>What a customer-realm caller may do in a section of the self-care portal.</summary>
public interface IPermissionSource
{
    ValueTask<Permission> GetAsync(Caller caller, Section section, CancellationToken ct);

    /// <summary>Every section at once: what the caller could grant to others.</summary>
    async ValueTask<RolePermissions> GetAllAsync(Caller caller, CancellationToken ct)
    {
        var granted = new List<KeyValuePair<Section, Permission>>();
        foreach (var section in SectionNames.All) granted.Add(KeyValuePair.Create(section, await GetAsync(caller, section, ct)));
        return RolePermissions.Of(granted);
    }
}
