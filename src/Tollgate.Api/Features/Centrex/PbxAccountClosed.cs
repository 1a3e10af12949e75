using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Features.Accounts;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary>When an account closes, however it is closed: its PBX number and its aliases are freed and its SIP password is dropped.</summary>
/// <remarks>
/// Rows are removed as tracked entities, so the closing request's save records them in the audit trail. The quota the
/// account used in its customer's agreement is freed by the closing itself: only open accounts count.
/// </remarks>
public sealed class PbxAccountClosed : IAccountClosedHandler
{
    public async Task OnClosedAsync(TollgateDb db, Account account, DateTime closedAt, CancellationToken ct)
    {
        db.Extensions.RemoveRange(await db.Extensions.IgnoreQueryFilters().Where(e => e.AccountId == account.Id).ToListAsync(ct));
        db.AccountAliases.RemoveRange(await db.AccountAliases.IgnoreQueryFilters().Where(a => a.AccountId == account.Id).ToListAsync(ct));
        db.SipCredentials.RemoveRange(await db.SipCredentials.IgnoreQueryFilters().Where(s => s.AccountId == account.Id).ToListAsync(ct));
    }
}
