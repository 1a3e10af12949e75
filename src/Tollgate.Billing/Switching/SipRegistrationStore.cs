using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Switching;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>Keeps the registrar's bindings in the database, so every switch process reaches every registered phone.</summary>
public sealed class SipRegistrationStore(TollgateDbFactory databases) : ISipRegistrationStore
{
    public async Task<IReadOnlyList<SipBinding>> GetAsync(long accountKey, DateTime now, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        return await db.Set<SipRegistration>().AsNoTracking()
            .Where(r => r.AccountId == accountKey && r.ExpiresAt > now)
            .OrderByDescending(r => r.RegisteredAt).ThenByDescending(r => r.Id)
            .Select(r => new SipBinding(r.ContactUri, r.Source, r.UserAgent, r.CallId, (uint)r.CSeq, r.RegisteredAt, r.ExpiresAt))
            .ToListAsync(ct);
    }

    public async Task ReplaceAsync(long accountKey, IReadOnlyList<SipBinding> bindings, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        await using var tx = await db.BeginWriteAsync(ct);
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountKey).Select(a => new { a.CustomerId, a.ResellerId })
            .FirstOrDefaultAsync(ct) ?? throw new InvalidOperationException($"Account {accountKey} does not exist.");
        await db.Set<SipRegistration>().Where(r => r.AccountId == accountKey).ExecuteDeleteAsync(ct);
        db.AddRange(bindings.Select(b => new SipRegistration
        {
            AccountId = accountKey, CustomerId = account.CustomerId, ResellerId = account.ResellerId, ContactUri = b.ContactUri,
            Source = b.Source, UserAgent = b.UserAgent, CallId = b.CallId, CSeq = b.CSeq, RegisteredAt = b.RegisteredAt, ExpiresAt = b.ExpiresAt,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
