using Microsoft.EntityFrameworkCore;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Rating;
using Tollgate.Data.Switching;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Rating;

namespace Tollgate.Billing.Rating;

/// <summary>An account as rating sees it: whose it is, and its main product with that product's tariff.</summary>
public sealed record RatedAccount(long Id, string Name, long CustomerId, long? ResellerId, AccountStatus Status, long? ProductId, string? ProductName, long? TariffId);

/// <summary>What links a party to its tariff (a product, a reseller, a vendor connection), named in a rating problem.</summary>
/// <remarks>Kept apart until a problem needs the words: most calls have none, and the import rates a million.</remarks>
public readonly record struct TariffHolder(string Kind, string? Name = null, long? Id = null)
{
    public override string ToString() => Name is not null ? $"{Kind} '{Name}'" : Id is { } id ? $"{Kind} {id}" : Kind;
}

/// <summary>Why one charge of a call could not be computed; <see cref="Party"/> is one of <see cref="RatedParties"/>.</summary>
public sealed record RatingProblem(int Party, UnratableReason Code, string Text);

/// <summary>The rate one party pays a call at, and the tariff it comes from.</summary>
public sealed record PartyRate(TariffTable Tariff, RateEntry Rate);

/// <summary>Everything rating reads besides the calls: accounts, payers, the tariffs they point at, and the rates.</summary>
/// <remarks>
/// Read past every tenant filter: the caller has already found the calls in its scope, and what a reseller pays its
/// provider, or the provider its vendor, is charged whoever brought the call in. A context serves one operation; what
/// it read is kept for its later batches.
/// </remarks>
public sealed class RatingContext(RateBook rates)
{
    private readonly Dictionary<long, RatedAccount?> _accounts = [];
    private readonly Dictionary<long, Payer?> _customers = [];
    private readonly Dictionary<long, (Payer Payer, long? TariffId)?> _resellers = [];
    private readonly Dictionary<long, long?> _connections = [];
    private readonly Dictionary<long, DateTime> _firstUsed = [];
    private readonly HashSet<long> _customersDue = [];
    private readonly HashSet<long> _resellersDue = [];

    public RateBook Rates { get; } = rates;

    /// <summary>Reads the accounts, payers and connection tariffs not read yet.</summary>
    /// <remarks>
    /// What was asked for is marked known only once it has been read, and the payers of new accounts stay due until they
    /// are: a batch run again after a failed read asks again.
    /// </remarks>
    public async Task LoadAsync(TollgateDb db, IEnumerable<long> accountIds, IEnumerable<long> connectionIds, CancellationToken ct)
    {
        var accounts = accountIds.Distinct().Where(id => !_accounts.ContainsKey(id)).ToList();
        if (accounts.Count > 0)
        {
            var rows = await db.Accounts.IgnoreQueryFilters().AsNoTracking().Where(a => accounts.Contains(a.Id))
                .Select(a => new { a.Id, a.AccountId, a.CustomerId, a.ResellerId, a.Status }).ToListAsync(ct);
            var mains = await db.Set<AccountProduct>().IgnoreQueryFilters().AsNoTracking()
                .Where(p => accounts.Contains(p.AccountId) && p.Kind == ProductKind.Main)
                .Join(db.Set<Product>().IgnoreQueryFilters(), ap => ap.ProductId, p => p.Id, (ap, p) => new { ap.AccountId, p.Id, p.Name, p.TariffId })
                .ToListAsync(ct);
            var mainOf = mains.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g => g.First());
            foreach (var id in accounts) _accounts[id] = null;
            foreach (var a in rows)
            {
                var main = mainOf.GetValueOrDefault(a.Id);
                _accounts[a.Id] = new RatedAccount(a.Id, a.AccountId, a.CustomerId, a.ResellerId, a.Status, main?.Id, main?.Name, main?.TariffId);
                if (!_customers.ContainsKey(a.CustomerId)) _customersDue.Add(a.CustomerId);
            }
        }

        if (_customersDue.Count > 0)
        {
            var customers = _customersDue.ToList();
            var payers = await Payers.ListAsync(db, PayerKind.Customer, customers, ct);
            foreach (var id in customers) _customers[id] = null;
            foreach (var payer in payers)
            {
                _customers[payer.Id] = payer;
                if (payer.ResellerId is { } reseller && !_resellers.ContainsKey(reseller)) _resellersDue.Add(reseller);
            }
            _customersDue.Clear();
        }

        if (_resellersDue.Count > 0)
        {
            var resellers = _resellersDue.ToList();
            var tariffs = await db.Resellers.IgnoreQueryFilters().AsNoTracking().Where(r => resellers.Contains(r.Id))
                .ToDictionaryAsync(r => r.Id, r => r.TariffId, ct);
            var payers = await Payers.ListAsync(db, PayerKind.Reseller, resellers, ct);
            foreach (var id in resellers) _resellers[id] = null;
            foreach (var payer in payers) _resellers[payer.Id] = (payer, tariffs.GetValueOrDefault(payer.Id));
            _resellersDue.Clear();
        }

        var connections = connectionIds.Distinct().Where(id => !_connections.ContainsKey(id)).ToList();
        if (connections.Count > 0)
        {
            // A deleted connection has no tariff any more: its calls carry no cost from then on.
            var tariffs = await db.Set<VendorConnection>().IgnoreQueryFilters().AsNoTracking().Where(c => connections.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.TariffId, ct);
            foreach (var id in connections) _connections[id] = tariffs.GetValueOrDefault(id);
        }
    }

    public RatedAccount? Account(long id) => _accounts.GetValueOrDefault(id);

    public Payer? Customer(long id) => _customers.GetValueOrDefault(id);

    public (Payer Payer, long? TariffId)? Reseller(long id) => _resellers.GetValueOrDefault(id);

    public long? ConnectionTariff(long connectionId) => _connections.GetValueOrDefault(connectionId);

    /// <summary>The account's first usage as far as this operation has read or recorded it, or null when it does not know.</summary>
    public DateTime? FirstUsedAt(long accountId) => _firstUsed.TryGetValue(accountId, out var at) ? at : null;

    /// <summary>Remembers a usage of the account (the earliest one seen is kept).</summary>
    public void UsedAt(long accountId, DateTime at)
    {
        if (!_firstUsed.TryGetValue(accountId, out var known) || at < known) _firstUsed[accountId] = at;
    }

    /// <summary>The rate a party pays a call to <paramref name="number"/> at, or why there is none.</summary>
    /// <param name="party">The party (<see cref="RatedParties"/>), whose name starts the reason.</param>
    /// <param name="holder">What carries the tariff; in words only when there is a problem to tell.</param>
    /// <param name="currency">The payer's currency, which the tariff must be in; null for the provider (any currency).</param>
    public (PartyRate? Rate, RatingProblem? Problem) Resolve(int party, TariffHolder holder, long? tariffId, string? currency, string number, DateTime at)
    {
        if (tariffId is not { } id) return (null, Problem(party, UnratableReason.NoTariff, $"{holder} has no tariff"));
        if (Rates.Tariff(id) is not { } tariff) return (null, Problem(party, UnratableReason.NoTariff, $"tariff {id} of {holder} does not exist"));
        if (currency is not null && !string.Equals(tariff.Currency, currency, StringComparison.Ordinal))
            return (null, Problem(party, UnratableReason.CurrencyMismatch, $"tariff '{tariff.Name}' is in {tariff.Currency}, the payer pays in {currency}"));
        return tariff.Rates.Find(number, at) is { } rate
            ? (new PartyRate(tariff, rate), null)
            : (null, Problem(party, UnratableReason.NoRate, $"tariff '{tariff.Name}' has no rate for {number} in effect at {at:yyyy-MM-dd'T'HH:mm:ss'Z'}"));
    }

    /// <summary>A problem whose text starts with its party's name, as the rating row's reason shows it.</summary>
    public static RatingProblem Problem(int party, UnratableReason code, string text) => new(party, code, $"{PartyName(party)}: {text}");

    public static string PartyName(int party) => party switch
    {
        RatedParties.Customer => "customer",
        RatedParties.Reseller => "reseller",
        _ => "cost",
    };
}
