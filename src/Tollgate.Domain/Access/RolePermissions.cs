using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tollgate.Domain.Access;

/// <summary>What a role grants on each <see cref="Section"/>: an immutable map in which a section not named is restricted.</summary>
/// <remarks>
/// <para>
/// Only sections granted more than <see cref="Permission.Restrict"/> are kept, so a section added to the product later
/// is restricted for every existing role until someone grants it, and two maps that grant the same are equal.
/// </para>
/// <para>
/// <see cref="Covers"/> compares two roles section by section; it is how a customer individual is kept from granting,
/// or managing someone with, more than its own role allows.
/// </para>
/// </remarks>
[JsonConverter(typeof(RolePermissionsJsonConverter))]
public sealed class RolePermissions : IEquatable<RolePermissions>
{
    private readonly SortedDictionary<Section, Permission> _granted;

    private RolePermissions(SortedDictionary<Section, Permission> granted) => _granted = granted;

    /// <summary>Grants nothing.</summary>
    public static RolePermissions None { get; } = new([]);

    /// <summary>Grants everything a role can grant (what a customer's own main login has).</summary>
    public static RolePermissions Everything { get; } = Of(SectionNames.All.Select(s => KeyValuePair.Create(s, s.Highest())));

    /// <summary>The sections granted more than restrict, and what each is granted.</summary>
    public IReadOnlyDictionary<Section, Permission> Granted => _granted;

    public Permission this[Section section] => _granted.TryGetValue(section, out var p) ? p : Permission.Restrict;

    /// <summary>A map from section to permission; restrict entries are dropped, a permission above the section's highest is capped.</summary>
    public static RolePermissions Of(IEnumerable<KeyValuePair<Section, Permission>> entries)
    {
        var granted = new SortedDictionary<Section, Permission>();
        foreach (var (section, permission) in entries)
        {
            var capped = (Permission)Math.Min((int)permission, (int)section.Highest());
            if (capped > Permission.Restrict) granted[section] = capped;
            else granted.Remove(section);
        }
        return new RolePermissions(granted);
    }

    /// <summary>Every section with its permission, restricted ones included (what the API shows).</summary>
    public IReadOnlyDictionary<string, Permission> ToWire() => SectionNames.All.ToDictionary(s => s.Name(), s => this[s]);

    /// <summary>Whether this grants at least as much as <paramref name="other"/> on every section.</summary>
    public bool Covers(RolePermissions other) => other._granted.All(g => this[g.Key] >= g.Value);

    /// <summary>The sections where <paramref name="other"/> grants more than this, by name.</summary>
    public IReadOnlyList<string> Exceeding(RolePermissions other) =>
        other._granted.Where(g => this[g.Key] < g.Value).Select(g => g.Key.Name()).ToList();

    /// <summary>The stored form: a JSON object of the granted sections, for example <c>{"extensions":"modify"}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(_granted.ToDictionary(g => g.Key.Name(), g => g.Value.Name()));

    /// <summary>Reads the stored form; unknown sections (one removed from the product) are ignored.</summary>
    public static RolePermissions FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return None;
        var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return Of(raw.Where(e => SectionNames.TryParse(e.Key, out _))
            .Select(e =>
            {
                SectionNames.TryParse(e.Key, out var section);
                return KeyValuePair.Create(section, Enum.TryParse<Permission>(e.Value, ignoreCase: true, out var p) ? p : Permission.Restrict);
            }));
    }

    public bool Equals(RolePermissions? other) =>
        other is not null && other._granted.Count == _granted.Count && other._granted.All(g => this[g.Key] == g.Value);

    public override bool Equals(object? obj) => Equals(obj as RolePermissions);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (section, permission) in _granted)
        {
            hash.Add(section);
            hash.Add(permission);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => ToJson();
}

/// <summary>Writes <see cref="RolePermissions"/> as the JSON object of its granted sections, and reads it back.</summary>
public sealed class RolePermissionsJsonConverter : JsonConverter<RolePermissions>
{
    public override RolePermissions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return RolePermissions.FromJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RolePermissions value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (section, permission) in value.Granted) writer.WriteString(section.Name(), permission.Name());
        writer.WriteEndObject();
    }
}
