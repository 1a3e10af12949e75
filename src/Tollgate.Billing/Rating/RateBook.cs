using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Rating;
using Tollgate.Domain.Rating;
using Tollgate.Domain.Time;

namespace Tollgate.Billing.Rating;

/// <summary>A tariff as rating uses it: its currency and its rates, indexed by prefix.</summary>
public sealed record TariffTable(long Id, string Name, string Currency, string TimeZone, RateTable Rates);

/// <summary>The tariffs one rating operation needs, read once.</summary>
/// <remarks>
/// <para>
/// Bulk operations (an import, a re-rating) load whole tariffs: every CDR of every batch then finds its rate in memory.
/// Rating one call (authorising it, settling it) loads only the rates whose prefix starts the dialled number, which is
/// all a longest-prefix match can pick from, so a tariff of a hundred thousand rates costs one indexed query.
/// </para>
/// <para>
/// A book lives as long as its operation: a change of rates is seen by the next operation, never half-way through one.
/// Effective dates become instants here, at midnight in the tariff's time zone.
/// </para>
/// </remarks>
public sealed class RateBook
{
    private const int LongestPrefix = 32;
    private readonly Dictionary<long, TariffTable?> _tariffs = [];
    private readonly bool _whole;

    private RateBook(bool whole) => _whole = whole;

    /// <summary>A book that loads whole tariffs, for many calls.</summary>
    public static RateBook ForMany() => new(whole: true);

    /// <summary>A book for the calls to a few numbers: only their candidate rates are read, on each <see cref="LoadAsync"/> for all its needs.</summary>
    public static RateBook ForFew() => new(whole: false);

    /// <summary>Whether this book reads whole tariffs (and so needs no dialled numbers to load them).</summary>
    public bool ReadsWholeTariffs => _whole;

    /// <summary>Loads what <paramref name="needs"/> (tariff, dialled number) call for and this book does not have yet.</summary>
    public async Task LoadAsync(TollgateDb db, IReadOnlyCollection<(long TariffId, string Number)> needs, CancellationToken ct)
    {
        // A book for few numbers reads again what each call needs (the numbers differ); a book for many reads a tariff once.
        var ids = needs.Select(n => n.TariffId).Distinct().Where(id => !_whole || !_tariffs.ContainsKey(id)).ToList();
        if (ids.Count == 0) return;
        var headers = await db.Set<Tariff>().IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Name, t.Currency, t.TimeZone }).ToListAsync(ct);
        var rates = db.Set<Rate>().AsNoTracking().Where(r => ids.Contains(r.TariffId));
        if (!_whole)
        {
            var prefixes = needs.Where(n => ids.Contains(n.TariffId)).SelectMany(n => RateTable.PrefixesOf(n.Number, LongestPrefix)).Distinct().ToList();
            rates = rates.Where(r => prefixes.Contains(r.Prefix));
        }
        var byTariff = (await rates.ToListAsync(ct)).ToLookup(r => r.TariffId);
        foreach (var id in ids) _tariffs[id] = null;
        foreach (var header in headers)
        {
            var starts = new Dictionary<DateOnly, DateTime>();
            DateTime Start(DateOnly day)
            {
                if (day == Rate.Always) return DateTime.MinValue;
                if (!starts.TryGetValue(day, out var instant)) starts[day] = instant = TimeZones.StartOf(day, header.TimeZone).UtcDateTime;
                return instant;
            }
            var entries = byTariff[header.Id].Select(r => new RateEntry(r.Id, r.Prefix, Start(r.EffectiveFrom), r.EffectiveTo is { } to ? Start(to) : null,
                new RateTerms(r.PricePerMinute, r.ConnectFee, r.FirstInterval, r.NextInterval, r.GraceSeconds)));
            _tariffs[header.Id] = new TariffTable(header.Id, header.Name, header.Currency, header.TimeZone, new RateTable(entries));
        }
    }

    /// <summary>A loaded tariff, or null when it does not exist.</summary>
    public TariffTable? Tariff(long id) => _tariffs.GetValueOrDefault(id);
}
