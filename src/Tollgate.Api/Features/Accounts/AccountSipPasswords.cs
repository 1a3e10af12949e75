using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Accounts;

/// <summary>An account's SIP password (what its phones register and call with), kept in <see cref="SipCredential"/>.</summary>
/// <remarks>
/// <para>Every account gets one when it is created, given or generated; it can be set again (<c>PATCH</c>) or
/// regenerated (<c>POST /api/v1/accounts/{id}/sip-password</c>). Administrators, the account's reseller and its
/// customer read it on the account, as they configure the phones; the account's own login does not see it, and it
/// never appears in lists, logs or the audit trail (<see cref="SipCredential.Password"/> is an audit secret).</para>
/// </remarks>
public static class AccountSipPasswords
{
    /// <summary>Whether this caller reads SIP passwords on the accounts it can see.</summary>
    public static bool MayRead(Caller caller) => caller.Realm is Realm.Admin or Realm.Reseller or Realm.Customer;

    /// <summary>Gives the account <paramref name="password"/>, replacing the one it had; saved with the caller's changes.</summary>
    public static async Task SetAsync(TollgateDb db, Account account, string password, DateTime now, CancellationToken ct)
    {
        var credential = account.Id == 0 ? null : await db.SipCredentials.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.AccountId == account.Id, ct);
        if (credential is null) AddFirst(db, account, password, now);
        else (credential.Password, credential.ChangedAt) = (password, now);
    }

    /// <summary>Gives an account created in this transaction (saved or not) its first password, without looking for one.</summary>
    public static void AddFirst(TollgateDb db, Account account, string password, DateTime now) =>
        db.SipCredentials.Add(new SipCredential
        {
            Account = account, Password = password, CustomerId = account.CustomerId, ResellerId = account.ResellerId, ChangedAt = now,
        });

    /// <summary>The response with the account's SIP password when the caller may read it.</summary>
    public static async Task<AccountsApi.AccountResponse> WithSipPasswordAsync(this AccountsApi.AccountResponse response, TollgateDb db, Caller caller,
        CancellationToken ct)
    {
        if (!MayRead(caller)) return response;
        var password = await db.SipCredentials.AsNoTracking().Where(s => s.AccountId == response.Id).Select(s => s.Password).FirstOrDefaultAsync(ct);
        return response with { SipPassword = password };
    }
}
