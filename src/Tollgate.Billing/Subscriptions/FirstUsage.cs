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
/// Rating calls this for a rated call; the API exposes it as <c>POST /accounts/{id}/first-usage</c>. It is idempotent:
/// the earliest usage is kept, and a subscription activates once, on the day of first usage in its payer's time zone
/// (or on its start date, when that is later). First-usage subscriptions assigned later to an account already used are
/// active at once (see <see cref="SubscriptionAssigner"/>). Changes go to the caller's context and transaction.
/// </remarks>
public sealed class FirstUsage(TimeProvider clock)
{
    /// <summary>Records a usage of <paramref name="account"/> at <paramref name="at"/>; returns how many subscriptions it activated.</summary>
    public async Task<Outcome<int>> RecordAsync(TollgateDb db, Account account, DateTimeOffset at, CancellationToken ct)
    {
        if (at > clock.GetUtcNow()) return BillingError.Unprocessable("A usage cannot be recorded in the future.", "at");
        if (account.Status == AccountStatus.Closed) return BillingError.Conflict($"Account {account.Id} is closed.");
        await db.LockForUpdateAsync<Account>(account.Id, ct);

        var usages = db.Set<AccountFirstUsage>();
        var usage = await usages.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.AccountId == account.Id, ct);
        if (usage is null)
        {
            usages.Add(new AccountFirstUsage
            {
                AccountId = account.Id, CustomerId = account.CustomerId, ResellerId = account.ResellerId, FirstUsedAt = at.UtcDateTime,
            });
        }
        else if (at.UtcDateTime < usage.FirstUsedAt)
        {
            usage.FirstUsedAt = at.UtcDateTime;
        }

        var pending = await db.Set<AssignedSubscription>().IgnoreQueryFilters()
            .Where(s => s.Status == AssignedSubscriptionStatus.Pending
                        && (s.AccountId == account.Id || (s.Target == AssignmentTarget.Customer && s.CustomerId == account.CustomerId)))
            .ToListAsync(ct);
        var payers = new PayerCache(db);
        var activated = 0;
        foreach (var assigned in pending)
        {
            var payer = await payers.GetAsync(assigned.PayerKind, assigned.PayerId, ct);
            var day = payer.DateAt(at);
            SubscriptionAssigner.Activate(assigned, day > assigned.StartDate ? day : assigned.StartDate);
            activated++;
        }
        return activated;
    }
}
