using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Centrex;

/// <summary>What the IP Centrex rules need to know about a caller, and the checks every PBX endpoint shares.</summary>
public static class CentrexCallers
{
    /// <summary>The caller's rank for blocking: administrator, reseller, or customer (main login or individual).</summary>
    public static BlockedBy Rank(this Caller caller) => caller.Realm switch
    {
        Realm.Admin => BlockedBy.Administrator,
        Realm.Reseller => BlockedBy.Reseller,
        _ => BlockedBy.Customer,
    };

    /// <summary>Whether the caller is held to the customer's agreement (the customer itself), rather than setting it (staff).</summary>
    public static bool IsLimitedByAgreement(this Caller caller) => caller.Realm == Realm.Customer;

    /// <summary>For a customer caller, a 403 when its provider (the administrator or the reseller) blocked the account.</summary>
    /// <remarks>
    /// The customer may then change nothing about it, lifting the block included, until the blocker lifts it. Staff are
    /// not held back here; between administrator and reseller only lifting a block is ranked (see <see cref="AccountBlocking"/>).
    /// </remarks>
    public static Problem? RefuseIfBlockedByProvider(this Caller caller, Account account)
    {
        if (caller.Realm != Realm.Customer || AccountBlocking.MayChange(account.Status, account.BlockedBy, BlockedBy.Customer)) return null;
        return CentrexProblems.Blocked(account.AccountId, account.BlockedBy ?? BlockedBy.Administrator, "change it or lift the block");
    }

    /// <summary>
    /// For a customer caller, a 403 unless the account is one of its extensions or auto attendants (the accounts it
    /// manages itself); staff may act on any account in their scope.
    /// </summary>
    public static async Task<Problem?> RefuseUnlessPbxAccountAsync(this Caller caller, TollgateDb db, Account account, CancellationToken ct)
    {
        if (caller.Realm != Realm.Customer) return null;
        if (await db.Extensions.AnyAsync(e => e.AccountId == account.Id, ct)) return null;
        return Problem.Forbidden($"Account {account.AccountId} is not an extension or auto attendant of yours; its provider manages it.");
    }
}
