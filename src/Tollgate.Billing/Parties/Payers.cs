using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Parties;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Time;

namespace Tollgate.Billing.Parties;

/// <summary>What billing needs to know about a customer or reseller that pays charges.</summary>
public sealed record Payer(
    PayerKind Kind, long Id, string Name, string Currency, string TimeZone, BillingPeriodKind BillingPeriod,
    DateTime CreatedAt, DateTime? ClosedAt, long? ResellerId, PartyStatus Status)
{
    /// <summary>The payer's calendar date at an instant.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => TimeZones.DateAt(instant, TimeZone);

    /// <summary>The payer's billing calendar (anniversary billing is anchored on the day it was created).</summary>
    public BillingCalendar Calendar => BillingCalendar.Of(BillingPeriod, DateAt(new DateTimeOffset(CreatedAt, TimeSpan.Zero)));
}

/// <summary>Reads payers whatever the caller's scope: callers have already found the scoped object that leads to them.</summary>
public static class Payers
{
    /// <summary>A customer as a payer, for queries (a caller's scoped query can read its customer this way too).</summary>
    public static Expression<Func<Customer, Payer>> OfCustomer { get; } = c =>
        new Payer(PayerKind.Customer, c.Id, c.Name, c.Currency, c.TimeZone, c.BillingPeriod, c.CreatedAt, c.ClosedAt, c.ResellerId, c.Status);

    public static async Task<Payer?> FindAsync(TollgateDb db, PayerKind kind, long id, CancellationToken ct) =>
        (await ListAsync(db, kind, [id], ct)).FirstOrDefault();

    /// <summary>Many payers of one kind by id.</summary>
    public static async Task<List<Payer>> ListAsync(TollgateDb db, PayerKind kind, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        return kind == PayerKind.Customer
            ? await db.Customers.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(OfCustomer).ToListAsync(ct)
            : await db.Resellers.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.Id))
                .Select(r => new Payer(PayerKind.Reseller, r.Id, r.Name, r.Currency, r.TimeZone, r.BillingPeriod, r.CreatedAt, r.ClosedAt, null, r.Status))
                .ToListAsync(ct);
    }
}

/// <summary>Payers read once each within one operation that touches many subscriptions.</summary>
public sealed class PayerCache(TollgateDb db)
{
    private readonly Dictionary<(PayerKind, long), Payer> _payers = [];

    /// <summary>Starts with a payer the caller has already read (in the same transaction), so it is not read again.</summary>
    public PayerCache With(Payer payer)
    {
        _payers[(payer.Kind, payer.Id)] = payer;
        return this;
    }

    public async Task<Payer> GetAsync(PayerKind kind, long id, CancellationToken ct)
    {
        if (_payers.TryGetValue((kind, id), out var payer)) return payer;
        payer = await Payers.FindAsync(db, kind, id, ct) ?? throw new InvalidOperationException($"Payer {kind} {id} is missing.");
        _payers[(kind, id)] = payer;
        return payer;
    }
}
