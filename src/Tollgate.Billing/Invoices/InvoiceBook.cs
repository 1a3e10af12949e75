using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Calls;
using Tollgate.Domain.Billing;

namespace Tollgate.Billing.Invoices;

/// <summary>One line of an invoice: a charge record with the words that explain it.</summary>
/// <remarks>
/// <see cref="Item"/> says what is charged (the plan, the refund of it, or a call and its destination); <see cref="Detail"/>
/// whose it is (the account and, on a reseller's invoice, the customer; for a call also its duration), empty for the
/// payer's own subscriptions. A call's <see cref="Fee"/> is its price per minute.
/// </remarks>
public sealed record InvoiceLine(
    long XdrId, XdrKind Kind, string Item, string Detail, long? AccountId, string? AccountNumber, long? CustomerId, string? CustomerName,
    long? SubscriptionId, long? AssignedSubscriptionId, long? CdrId, DateOnly ServiceFrom, DateOnly ServiceTo, decimal Fee, decimal Amount)
{
    public string Description => Detail.Length == 0 ? Item : $"{Item} · {Detail}";
}

/// <summary>An invoice with its lines, as the API and the PDF show it.</summary>
public sealed record InvoiceDocument(Invoice Invoice, IReadOnlyList<InvoiceLine> Lines);

/// <summary>Reads invoices with their lines (the payer's charge records of the invoiced period).</summary>
public static class InvoiceBook
{
    /// <summary>The invoice in the caller's scope with its lines, or null when there is none the caller may see.</summary>
    public static async Task<InvoiceDocument?> ReadAsync(TollgateDb db, long id, CancellationToken ct)
    {
        var invoice = await db.Set<Invoice>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return null;
        // The invoice decides visibility; its lines are exactly the payer's charges of the period, whoever may see them.
        var xdrs = await db.Set<Xdr>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.PayerKind == invoice.PayerKind && x.PayerId == invoice.PayerId && x.PeriodStart == invoice.PeriodStart)
            .ToListAsync(ct);
        var planIds = xdrs.Where(x => x.SubscriptionId is not null).Select(x => x.SubscriptionId!.Value).Distinct().ToList();
        var plans = await db.Set<Subscription>().IgnoreQueryFilters().Where(s => planIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var accountIds = xdrs.Where(x => x.AccountId is not null).Select(x => x.AccountId!.Value).Distinct().ToList();
        var accounts = await db.Accounts.IgnoreQueryFilters().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.AccountId, ct);
        var customerIds = invoice.PayerKind == PayerKind.Reseller
            ? xdrs.Where(x => x.CustomerId is not null).Select(x => x.CustomerId!.Value).Distinct().ToList()
            : [];
        var customers = await db.Customers.IgnoreQueryFilters().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var cdrIds = xdrs.Where(x => x.Kind == XdrKind.Usage).Select(x => x.SourceId).ToList();
        var calls = cdrIds.Count == 0
            ? []
            : await db.Set<Cdr>().IgnoreQueryFilters().Where(c => cdrIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => (c.CalledNumber, c.BilledSeconds), ct);

        var lines = xdrs
            .Select(x =>
            {
                var plan = x.SubscriptionId is { } p && plans.TryGetValue(p, out var name) ? name : "Charge";
                var account = x.AccountId is { } a ? accounts.GetValueOrDefault(a) : null;
                var customer = x.CustomerId is { } c ? customers.GetValueOrDefault(c) : null;
                (string Number, int Seconds)? call = x.Kind == XdrKind.Usage && calls.TryGetValue(x.SourceId, out var found) ? found : null;
                var item = x.Kind switch
                {
                    XdrKind.SubscriptionCredit => $"Refund of unused days: {plan}",
                    XdrKind.Usage => call is { } known ? $"Call to {known.Number}" : "Call",
                    _ => plan,
                };
                var duration = call is { } d ? $"{d.Seconds / 60}:{d.Seconds % 60:00} min" : null;
                var detail = string.Join(" · ", new[] { account is null ? null : $"account {account}", customer, duration }.Where(p => p is not null));
                return new InvoiceLine(x.Id, x.Kind, item, detail, x.AccountId, account, x.CustomerId, customer, x.SubscriptionId,
                    x.Kind == XdrKind.Usage ? null : x.SourceId, x.Kind == XdrKind.Usage ? x.SourceId : null, x.ServiceFrom, x.ServiceTo, x.Fee, x.Amount);
            })
            .OrderBy(l => l.CustomerName, StringComparer.Ordinal).ThenBy(l => l.AccountNumber, StringComparer.Ordinal)
            .ThenBy(l => l.Kind).ThenBy(l => l.AssignedSubscriptionId).ThenBy(l => l.ServiceFrom).ThenBy(l => l.XdrId)
            .ToList();
        return new InvoiceDocument(invoice, lines);
    }
}
