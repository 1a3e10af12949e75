using System.Text.Json;

namespace Tollgate.Domain.Access;

/// <summary>The wire names of <see cref="Section"/> and <see cref="Permission"/> values (camelCase member names).</summary>
public static class SectionNames
{
    private static readonly Dictionary<string, Section> ByName =
        Enum.GetValues<Section>().ToDictionary(Name, s => s, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every section, in declaration order.</summary>
    public static IReadOnlyList<Section> All { get; } = Enum.GetValues<Section>();

    /// <summary>The JSON name of a section, for example <c>customerIndividuals</c>.</summary>
    public static string Name(this Section section) => JsonNamingPolicy.CamelCase.ConvertName(section.ToString());

    /// <summary>The JSON name of a permission: <c>restrict</c>, <c>read</c> or <c>modify</c>.</summary>
    public static string Name(this Permission permission) => JsonNamingPolicy.CamelCase.ConvertName(permission.ToString());

    /// <summary>A section by its JSON name (letter case ignored).</summary>
    public static bool TryParse(string? name, out Section section)
    {
        section = default;
        return name is not null && ByName.TryGetValue(name, out section);
    }

    /// <summary>The most a role may grant on a section: the list of allowed roles can be read, never changed by the customer.</summary>
    public static Permission Highest(this Section section) => section switch
    {
        Section.AllowedRoles => Permission.Read,
        _ => Permission.Modify,
    };

    /// <summary>The known section names, for messages.</summary>
    public static string Known() => string.Join(", ", All.Select(s => s.Name()));
}
