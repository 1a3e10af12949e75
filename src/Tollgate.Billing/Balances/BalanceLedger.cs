using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Rating;
using Tollgate.Domain.Billing;

namespace Tollgate.Billing.Balances;

/// <summary>A change of one payer's balance: minus a charge's amount, plus a payment's.</summary>
public readonly record struct BalanceMove(PayerKind PayerKind, long PayerId, decimal Delta);

/// <summary>Moves payers' balances inside the transaction that writes the charges or payments that move them.</summary>
/// <remarks>
/// <para>
/// Whoever inserts a charge (a billing run, rating) or a payment calls this in the same transaction with exactly the
/// rows it inserted, so each moves the balance once: a charge that already existed is not inserted again (its
/// natural key is unique) and so moves nothing. A running total that is rewritten moves it by the difference.
/// </para>
/// <para>
/// Moves are added up per payer and applied in (kind, id) order, so concurrent writers lock balance rows in the same
/// order and cannot deadlock on them. PostgreSQL adds in SQL (<c>numeric</c>, exact), creating missing rows from the
/// payer's own currency; SQLite, which keeps decimals as text and would add them as floating point, adds in .NET.
/// The provider's cost charges move no balance.
/// </para>
/// </remarks>
public static class BalanceLedger
{
    public static async Task MoveAsync(TollgateDb db, IEnumerable<BalanceMove> moves, DateTime now, CancellationToken ct)
    {
        var totals = moves.Where(m => m.PayerKind != PayerKind.Provider && m.Delta != 0)
            .GroupBy(m => (m.PayerKind, m.PayerId))
            .Select(g => (g.Key.PayerKind, g.Key.PayerId, Delta: g.Sum(m => m.Delta)))
            .Where(t => t.Delta != 0)
            .OrderBy(t => t.PayerKind).ThenBy(t => t.PayerId)
            .ToList();
        if (totals.Count == 0) return;
        foreach (var kind in new[] { PayerKind.Customer, PayerKind.Reseller })
        {
            var ofKind = totals.Where(t => t.PayerKind == kind).ToList();
            if (ofKind.Count == 0) continue;
            if (db.Provider == DatabaseProvider.PostgreSql) await UpsertAsync(db, kind, ofKind.Select(t => (t.PayerId, t.Delta)).ToList(), now, ct);
            else await AddTrackedAsync(db, kind, ofKind.Select(t => (t.PayerId, t.Delta)).ToList(), now, ct);
        }
    }

    private static async Task UpsertAsync(TollgateDb db, PayerKind kind, List<(long PayerId, decimal Delta)> moves, DateTime now, CancellationToken ct)
    {
        var source = kind == PayerKind.Customer
            ? "SELECT 'Customer', c.id, c.id, c.reseller_id, c.currency, u.delta, false, @now FROM unnest(@ids, @deltas) AS u(id, delta) JOIN customers c ON c.id = u.id ORDER BY c.id"
            : "SELECT 'Reseller', r.id, NULL::bigint, r.id, r.currency, u.delta, false, @now FROM unnest(@ids, @deltas) AS u(id, delta) JOIN resellers r ON r.id = u.id ORDER BY r.id";
        await using var command = (NpgsqlCommand)db.Database.GetDbConnection().CreateCommand();
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
                              ?? throw new InvalidOperationException("Balances move inside the transaction that writes what moves them.");
        command.CommandText = $"""
            INSERT INTO balances (payer_kind, payer_id, customer_id, reseller_id, currency, amount, prepaid, updated_at)
            {source}
            ON CONFLICT (payer_kind, payer_id) DO UPDATE SET amount = balances.amount + excluded.amount, updated_at = excluded.updated_at
            """;
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", moves.Select(m => m.PayerId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<decimal[]>("deltas", moves.Select(m => m.Delta).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateTime>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task AddTrackedAsync(TollgateDb db, PayerKind kind, List<(long PayerId, decimal Delta)> moves, DateTime now, CancellationToken ct)
    {
        var ids = moves.Select(m => m.PayerId).ToList();
        var balances = await db.Set<PartyBalance>().IgnoreQueryFilters()
            .Where(b => b.PayerKind == kind && ids.Contains(b.PayerId)).ToDictionaryAsync(b => b.PayerId, ct);
        var missing = ids.Where(id => !balances.ContainsKey(id)).ToList();
        foreach (var payer in await Payers.ListAsync(db, kind, missing, ct))
        {
            var balance = New(payer, now);
            db.Set<PartyBalance>().Add(balance);
            balances[payer.Id] = balance;
        }
        foreach (var (payerId, delta) in moves)
        {
            if (!balances.TryGetValue(payerId, out var balance)) continue;
            balance.Amount += delta;
            balance.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A payer's balance row as it starts: zero, postpaid, no limit.</summary>
    public static PartyBalance New(Payer payer, DateTime now) => new()
    {
        PayerKind = payer.Kind,
        PayerId = payer.Id,
        CustomerId = payer.Kind == PayerKind.Customer ? payer.Id : null,
        ResellerId = payer.Kind == PayerKind.Customer ? payer.ResellerId : payer.Id,
        Currency = payer.Currency,
        UpdatedAt = now,
    };
}
