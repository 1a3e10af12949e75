using Microsoft.EntityFrameworkCore;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;

namespace Tollgate.Billing.Subscriptions;

/// <summary>Records that an account was used and activates the subscriptions that waited for it.</summary>
/// <remarks>
/// Rating calls this for rated calls, many accounts at a time; the API exposes it as <c>POST /accounts/{id}/first-usage</c>.
/// It is idempotent: the earliest usage is kept, and a subscription activates once, on the day of first usage in its
/// payer's time zone (or on its start date, when that is later). A subscription assigned to the customer activates on
/// the first usage of any of its accounts. First-usage subscriptions assigned later to an account already used are
/// active at once (see <see cref="SubscriptionAssigner"/>). Changes go to the caller's context and transaction.
/// </remarks>
public sealed class FirstUsage(TimeProvider clock)
{
    /// <summary>Records a usage of <paramref name="account"/> at <paramref name="at"/>; returns how many subscriptions it activated.</summary>
    public async Task<Outcome<int>> RecordAsync(TollgateDb db, Account account, DateTimeOffset at, CancellationToken ct)
    {
        if (at > clock.GetUtcNow()) return BillingError.Unprocessable("A usage cannot be recorded in the future.", "at");
        if (account.Status == AccountStatus.Closed) return BillingError.Conflict($"Account {account.Id} is closed.");
        return await RecordManyAsync(db, [(account, at)], ct);
    }

    /// <summary>Records usages of many accounts (one batch of rated calls); returns how many subscriptions they activated.</summary>
    /// <remarks>
    /// Usages in the future and usages of closed accounts are passed over: they activate nothing. The accounts'
    /// customers are locked, then the accounts, each in id order: a customer's subscription may wait for any of its
    /// accounts, so two raters recording usages of one customer's accounts take turns, and a subscription being
    /// assigned meanwhile (which locks its account or customer) is either seen here or sees the usage. Everything is
    /// read in a few queries whatever the number of accounts.
    /// </remarks>
    public async Task<int> RecordManyAsync(TollgateDb db, IReadOnlyCollection<(Account Account, DateTimeOffset At)> usages, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var earliest = usages.Where(u => u.At <= now && u.Account.Status != AccountStatus.Closed)
            .GroupBy(u => u.Account.Id).Select(g => g.MinBy(u => u.At)).OrderBy(u => u.Account.Id).ToList();
        if (earliest.Count == 0) return 0;
        var ids = earliest.Select(u => (long?)u.Account.Id).ToList();
        var customers = earliest.Select(u => (long?)u.Account.CustomerId).Distinct().ToList();
        await LockAsync(db, "customers", customers, ct);
        await LockAsync(db, "accounts", ids, ct);

        var recorded = await db.Set<AccountFirstUsage>().IgnoreQueryFilters().Where(u => ids.Contains(u.AccountId))
            .ToDictionaryAsync(u => u.AccountId, ct);
        var pending = await db.Set<AssignedSubscription>().IgnoreQueryFilters()
            .Where(s => s.Status == AssignedSubscriptionStatus.Pending
                        && (ids.Contains(s.AccountId) || (s.Target == AssignmentTarget.Customer && customers.Contains(s.CustomerId))))
            .ToListAsync(ct);
        var payers = new Dictionary<(PayerKind, long), Payer>();
        foreach (var kind in pending.GroupBy(s => s.PayerKind))
        foreach (var payer in await Payers.ListAsync(db, kind.Key, kind.Select(s => s.PayerId).Distinct().ToList(), ct))
            payers[(payer.Kind, payer.Id)] = payer;
        var byAccount = pending.Where(s => s.AccountId is not null).ToLookup(s => s.AccountId!.Value);
        var byCustomer = pending.Where(s => s.AccountId is null && s.Target == AssignmentTarget.Customer).ToLookup(s => s.CustomerId!.Value);

        var activated = 0;
        // Earliest first, so that a customer's subscription activates on the day of its first account's first usage.
        foreach (var (account, at) in earliest.OrderBy(u => u.At).ThenBy(u => u.Account.Id))
        {
            if (!recorded.TryGetValue(account.Id, out var usage))
            {
                db.Set<AccountFirstUsage>().Add(new AccountFirstUsage
                {
                    AccountId = account.Id, CustomerId = account.CustomerId, ResellerId = account.ResellerId, FirstUsedAt = at.UtcDateTime,
                });
            }
            else if (at.UtcDateTime < usage.FirstUsedAt)
            {
                usage.FirstUsedAt = at.UtcDateTime;
            }
            foreach (var assigned in byAccount[account.Id].Concat(byCustomer[account.CustomerId]))
            {
                if (assigned.Status != AssignedSubscriptionStatus.Pending) continue;
                var day = payers[(assigned.PayerKind, assigned.PayerId)].DateAt(at);
                SubscriptionAssigner.Activate(assigned, day > assigned.StartDate ? day : assigned.StartDate);
                activated++;
            }
        }
        return activated;
    }

    /// <summary>Locks rows until the transaction ends, in id order (PostgreSQL; SQLite already holds the database lock).</summary>
    private static async Task LockAsync(TollgateDb db, string table, List<long?> ids, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.PostgreSql) return;
        var keys = ids.Select(id => id!.Value).ToArray();
#pragma warning disable EF1002 // The table name is one of two constants above, not input.
        await db.Database.ExecuteSqlRawAsync($"SELECT 1 FROM {table} WHERE id = ANY({{0}}) ORDER BY id FOR UPDATE", [keys], ct);
#pragma warning restore EF1002
    }
}
