using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Tollgate.Data.Parties;

namespace Tollgate.Data.Audit;

/// <summary>Turns what a context saves into audit entries: captured before each save, merged per object, written at commit.</summary>
/// <remarks>
/// <para>
/// A request often saves the same object more than once in one transaction (a new credential gets its owner's id in
/// a second save). Changes are therefore merged per object until the transaction commits: created then changed is
/// one "created" with the final values, created then deleted leaves nothing, changed twice keeps the first old and
/// the last new value. Values of new objects are read after the save, when generated keys and foreign keys are real.
/// </para>
/// <para>
/// The customer a change belongs to is the object itself (a customer), its <c>CustomerId</c>, or else that of a
/// tracked object linked to it (a credential belongs to the customer, individual or account that uses it).
/// </para>
/// </remarks>
internal sealed class AuditLog
{
    private static readonly ConcurrentDictionary<IEntityType, AuditedProperty[]?> Properties = new();
    private static readonly string[] SecretWords = ["password", "secret", "token", "hash"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly OrderedDictionary<(string Entity, string Key), Pending> _pending = [];
    private List<Captured>? _saving;

    public bool HasPending => _pending.Count > 0;

    /// <summary>Forgets the changes merged so far (their transaction ended without commit).</summary>
    public void ClearPending() => _pending.Clear();

    public void Clear()
    {
        _pending.Clear();
        _saving = null;
    }

    /// <summary>Notes what is about to be saved; returns whether anything audited is among it.</summary>
    public bool Capture(DbContext db)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        var captured = new List<Captured>();
        ILookup<IEntityType, EntityEntry>? tracked = null;
        foreach (var entry in Entries(db))
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (PropertiesOf(entry.Metadata) is not { } properties) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    captured.Add(new Captured(entry, AuditAction.Created, null, []));
                    break;
                case EntityState.Modified:
                    var changed = properties.Where(p => entry.Property(p.Property.Name).IsModified).ToList();
                    if (changed.Count == 0) continue;
                    captured.Add(new Captured(entry, AuditAction.Updated, KeyOf(entry),
                        changed.ToDictionary(p => p.Name, p => Render(entry.Property(p.Property.Name).OriginalValue, p.Secret))));
                    break;
                case EntityState.Deleted:
                    captured.Add(new Captured(entry, AuditAction.Deleted, KeyOf(entry),
                        properties.ToDictionary(p => p.Name, p => Render(entry.Property(p.Property.Name).OriginalValue, p.Secret)))
                    {
                        CustomerId = CustomerOf(tracked ??= Index(db), entry),
                    });
                    break;
            }
        }
        _saving = captured.Count > 0 ? captured : null;
        return _saving is not null;
    }

    /// <summary>After a successful save: reads the final values of what was captured and merges it into the pending changes.</summary>
    public void Saved(DbContext db)
    {
        if (_saving is null) return;
        var tracked = Index(db);
        foreach (var c in _saving)
        {
            var entity = NameOf(c.Entry.Metadata);
            if (c.Action == AuditAction.Deleted)
            {
                Merge((entity, c.Key!), c.Action, c.Old.ToDictionary(o => o.Key, o => (o.Value, (JsonNode?)null)), c.CustomerId);
                continue;
            }
            var properties = PropertiesOf(c.Entry.Metadata)!;
            var key = KeyOf(c.Entry);
            var customer = CustomerOf(tracked, c.Entry);
            if (c.Action == AuditAction.Created)
            {
                var fields = new Dictionary<string, (JsonNode?, JsonNode?)>();
                foreach (var p in properties)
                {
                    var value = c.Entry.Property(p.Property.Name).CurrentValue;
                    if (value is not null) fields[p.Name] = (null, Render(value, p.Secret));
                }
                Merge((entity, key), AuditAction.Created, fields, customer);
            }
            else
            {
                var fields = properties.Where(p => c.Old.ContainsKey(p.Name))
                    .ToDictionary(p => p.Name, p => (c.Old[p.Name], Render(c.Entry.Property(p.Property.Name).CurrentValue, p.Secret)));
                Merge((entity, key), AuditAction.Updated, fields, customer);
            }
        }
        _saving = null;
    }

    public void SaveFailed() => _saving = null;

    /// <summary>The audit entries for everything pending, and clears it.</summary>
    public List<AuditEntry> Drain(AuditActor actor, DateTime at)
    {
        var entries = new List<AuditEntry>();
        foreach (var ((entity, key), pending) in _pending)
        {
            var changes = new JsonObject();
            foreach (var (field, (old, @new)) in pending.Fields)
            {
                // A value changed back within the transaction is no change; a masked secret that was modified always is.
                if (pending.Action == AuditAction.Updated && JsonNode.DeepEquals(old, @new) && !IsMask(old)) continue;
                changes[field] = new JsonObject { ["old"] = old?.DeepClone(), ["new"] = @new?.DeepClone() };
            }
            if (pending.Action == AuditAction.Updated && changes.Count == 0) continue;
            entries.Add(new AuditEntry
            {
                At = at,
                ActorType = actor.Type,
                ActorId = actor.Id,
                ActorLogin = actor.Login,
                Entity = entity,
                EntityId = key,
                Action = pending.Action,
                CustomerId = pending.CustomerId,
                Changes = changes.ToJsonString(),
            });
        }
        _pending.Clear();
        return entries;
    }

    private void Merge((string, string) id, AuditAction action, Dictionary<string, (JsonNode? Old, JsonNode? New)> fields, long? customer)
    {
        if (!_pending.TryGetValue(id, out var existing))
        {
            _pending[id] = new Pending(action, fields, customer);
            return;
        }
        existing.CustomerId ??= customer;
        switch (action)
        {
            case AuditAction.Created:
                _pending[id] = new Pending(action, fields, existing.CustomerId);
                break;
            case AuditAction.Updated:
                foreach (var (field, (old, @new)) in fields)
                {
                    existing.Fields[field] = existing.Fields.TryGetValue(field, out var before)
                        ? (before.Old, @new)
                        : (existing.Action == AuditAction.Created ? null : old, @new);
                }
                break;
            case AuditAction.Deleted when existing.Action == AuditAction.Created:
                _pending.Remove(id);
                break;
            case AuditAction.Deleted:
                foreach (var (field, (old, _)) in fields)
                    existing.Fields[field] = (existing.Fields.TryGetValue(field, out var before) ? before.Old : old, null);
                existing.Action = AuditAction.Deleted;
                break;
        }
    }

    /// <summary>
    /// The customer a tracked object belongs to: its own, or that of a tracked object it points at or that points at it
    /// (two steps at most: a set-password link → its credential → the individual using that credential).
    /// </summary>
    private static long? CustomerOf(ILookup<IEntityType, EntityEntry> tracked, EntityEntry entry, int depth = 0, HashSet<object>? seen = null)
    {
        if (Direct(entry) is { } direct) return direct;
        if (depth == 2) return null;
        seen ??= [];
        seen.Add(entry.Entity);
        // Only the types this one points at or is pointed at by, so a large import stays linear.
        foreach (var fk in entry.Metadata.GetForeignKeys())
        {
            foreach (var other in tracked[fk.PrincipalEntityType])
            {
                if (!seen.Contains(other.Entity) && Points(entry, fk, other) && CustomerOf(tracked, other, depth + 1, seen) is { } found)
                    return found;
            }
        }
        foreach (var fk in entry.Metadata.GetReferencingForeignKeys())
        {
            foreach (var other in tracked[fk.DeclaringEntityType])
            {
                if (!seen.Contains(other.Entity) && Points(other, fk, entry) && CustomerOf(tracked, other, depth + 1, seen) is { } found)
                    return found;
            }
        }
        return null;

        static long? Direct(EntityEntry e)
        {
            if (e.Entity is Customer c) return c.Id;
            var property = e.Metadata.FindProperty("CustomerId");
            return property is null ? null : e.Property(property.Name).CurrentValue as long?;
        }

        // Whether the dependent's foreign key holds the principal's key.
        static bool Points(EntityEntry dependent, IForeignKey fk, EntityEntry principal)
        {
            for (var i = 0; i < fk.Properties.Count; i++)
            {
                if (!Equals(dependent.Property(fk.Properties[i].Name).CurrentValue, principal.Property(fk.PrincipalKey.Properties[i].Name).CurrentValue))
                    return false;
            }
            return true;
        }
    }

    private static ILookup<IEntityType, EntityEntry> Index(DbContext db) => Entries(db).ToLookup(e => e.Metadata);

    /// <summary>
    /// The tracked entries as they stand. <c>ChangeTracker.Entries()</c> would first compare every tracked entity with
    /// its snapshot again; here that was just done (before the save) or cannot find anything (right after it), and it
    /// was about half of what auditing a save cost (perf on the Centrex creation benchmark).
    /// </summary>
    private static List<EntityEntry> Entries(DbContext db)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries().ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static string NameOf(IEntityType type) => JsonNamingPolicy.CamelCase.ConvertName(type.ClrType.Name);

    private static string KeyOf(EntityEntry entry) => string.Join('/',
        entry.Metadata.FindPrimaryKey()!.Properties.Select(p =>
            Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));

    private const string Mask = "***";

    private static bool IsMask(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) && text == Mask;

    private static JsonNode? Render(object? value, bool secret) =>
        value is null ? null : secret ? JsonValue.Create(Mask) : JsonSerializer.SerializeToNode(value, value.GetType(), Json);

    /// <summary>The properties of a type the trail records, or null when the type is not audited at all.</summary>
    private static AuditedProperty[]? PropertiesOf(IEntityType type) => Properties.GetOrAdd(type, t =>
    {
        if (t.IsOwned() || t.ClrType.GetCustomAttribute<NotAuditedAttribute>() is not null) return null;
        var key = t.FindPrimaryKey()?.Properties ?? [];
        return t.GetProperties()
            .Where(p => !key.Contains(p) && p.PropertyInfo?.GetCustomAttribute<AuditIgnoreAttribute>() is null)
            .Select(p => new AuditedProperty(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), IsSecret(p)))
            .ToArray();
    });

    private static bool IsSecret(IProperty property) =>
        property.PropertyInfo?.GetCustomAttribute<AuditSecretAttribute>() is not null
        || ((property.ClrType == typeof(string) || property.ClrType == typeof(byte[]))
            && SecretWords.Any(w => property.Name.Contains(w, StringComparison.OrdinalIgnoreCase)));

    private sealed record AuditedProperty(IProperty Property, string Name, bool Secret);

    private sealed record Captured(EntityEntry Entry, AuditAction Action, string? Key, Dictionary<string, JsonNode?> Old)
    {
        public long? CustomerId { get; init; }
    }

    private sealed class Pending(AuditAction action, Dictionary<string, (JsonNode? Old, JsonNode? New)> fields, long? customerId)
    {
        public AuditAction Action { get; set; } = action;
        public Dictionary<string, (JsonNode? Old, JsonNode? New)> Fields { get; } = fields;
        public long? CustomerId { get; set; } = customerId;
    }
}
