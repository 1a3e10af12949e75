using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Cpe;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Finds what upload rows name (models, resellers, customers, profiles) by name, remembering each name once found.</summary>
/// <remarks>
/// Names match ignoring letter case. Lookups go through the uploader's scope, so a reseller's file can name only its
/// own customers and profiles it may use; a name outside the scope is "unknown", exactly like one that does not exist.
/// Only names that appear in the file are loaded, a batch at a time, so memory grows with the distinct names used,
/// not with the rows.
/// </remarks>
public sealed class CpeImportLookups
{
    public sealed record ModelRef(long Id, string Name);

    public sealed record CustomerRef(long Id, long? ResellerId, PartyStatus Status);

    public sealed record ProfileRef(long Id, long ModelId, CpeManagement Management);

    private readonly Dictionary<string, ModelRef?> _models = [];
    private readonly Dictionary<string, List<long>> _resellers = [];
    private readonly Dictionary<string, List<CustomerRef>> _customers = [];
    private readonly Dictionary<string, List<ProfileRef>> _profiles = [];

    public static string KeyOf(string name) => CpeModel.KeyOf(name);

    public ModelRef? Model(string name) => _models.GetValueOrDefault(KeyOf(name));

    public IReadOnlyList<long> Resellers(string name) => _resellers.GetValueOrDefault(KeyOf(name)) ?? [];

    public IReadOnlyList<CustomerRef> Customers(string name) => _customers.GetValueOrDefault(KeyOf(name)) ?? [];

    public IReadOnlyList<ProfileRef> Profiles(string name) => _profiles.GetValueOrDefault(KeyOf(name)) ?? [];

    /// <summary>Loads the names of these rows that have not been looked up yet.</summary>
    public async Task LoadAsync(TollgateDb db, IReadOnlyCollection<CpeImportRow> rows, CancellationToken ct)
    {
        var models = Missing(rows.Select(r => r.Model), _models);
        if (models.Count > 0)
        {
            var found = await db.CpeModels.AsNoTracking().Where(m => models.Contains(m.NameKey)).Select(m => new { m.NameKey, m.Id, m.Name }).ToListAsync(ct);
            foreach (var key in models) _models[key] = null;
            foreach (var m in found) _models[m.NameKey] = new ModelRef(m.Id, m.Name);
        }

        var resellers = Missing(rows.Select(r => r.ManagedBy), _resellers);
        if (resellers.Count > 0)
        {
            var found = await db.Resellers.AsNoTracking().Where(r => resellers.Contains(r.Name.ToLower())).Select(r => new { r.Id, r.Name }).ToListAsync(ct);
            Fill(_resellers, resellers, found.Select(r => (KeyOf(r.Name), r.Id)));
        }

        var customers = Missing(rows.Select(r => r.Customer), _customers);
        if (customers.Count > 0)
        {
            var found = await db.Customers.AsNoTracking().Where(c => customers.Contains(c.Name.ToLower()))
                .Select(c => new { c.Id, c.Name, c.ResellerId, c.Status }).ToListAsync(ct);
            Fill(_customers, customers, found.Select(c => (KeyOf(c.Name), new CustomerRef(c.Id, c.ResellerId, c.Status))));
        }

        var profiles = Missing(rows.Select(r => r.Profile), _profiles);
        if (profiles.Count > 0)
        {
            var found = await db.CpeProfiles.AsNoTracking().Where(p => profiles.Contains(p.NameKey))
                .Select(p => new { p.NameKey, p.Id, p.ModelId, p.ManagedById, p.SharedWithResellers }).ToListAsync(ct);
            Fill(_profiles, profiles, found.Select(p => (p.NameKey, new ProfileRef(p.Id, p.ModelId, new CpeManagement(p.ManagedById, p.SharedWithResellers)))));
        }
    }

    private static List<string> Missing<T>(IEnumerable<string?> names, Dictionary<string, T> cache) =>
        names.OfType<string>().Select(KeyOf).Where(k => !cache.ContainsKey(k)).Distinct().ToList();

    private static void Fill<T>(Dictionary<string, List<T>> cache, IEnumerable<string> asked, IEnumerable<(string Key, T Value)> found)
    {
        foreach (var key in asked) cache[key] = [];
        foreach (var (key, value) in found)
        {
            if (cache.TryGetValue(key, out var list)) list.Add(value);
        }
    }
}
