using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Data.Switching;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>Where a dialled destination leads: an account of this installation, or an outgoing vendor connection.</summary>
/// <remarks>
/// <para>The order, first match wins:</para>
/// <list type="number">
/// <item>an account whose <c>accountId</c> is the destination;</item>
/// <item>an extension of the caller's own customer (IP Centrex short dialling);</item>
/// <item>an alias (DID) of an account;</item>
/// <item>the outgoing vendor connection with the longest prefix of the number (a leading <c>+</c> ignored).</item>
/// </list>
/// <para>Extensions and aliases are the IP Centrex feature's tables (<c>extensions</c>, <c>account_aliases</c>). A call
/// to an account goes to the contact the account registered, whichever way it was reached; the number in the CDR is the
/// number as dialled (the extension, or the DID without <c>+</c>).</para>
/// </remarks>
public sealed class DestinationResolver
{
    /// <summary>Finds the route for <paramref name="destination"/> dialled by a caller of customer <paramref name="callerCustomerId"/> (null for a vendor).</summary>
    public async Task<Destination?> ResolveAsync(TollgateDb db, long? callerCustomerId, string destination, CancellationToken ct)
    {
        if (await FindAccountAsync(db, destination, ct) is { } byId) return byId;
        if (callerCustomerId is { } customer && await FindExtensionAsync(db, customer, destination, ct) is { } extension) return extension;
        if (await FindAliasAsync(db, destination, ct) is { } alias) return alias;
        return await FindConnectionAsync(db, destination, ct);
    }

    private static Task<Destination?> FindAccountAsync(TollgateDb db, string accountId, CancellationToken ct) =>
        AccountDestinations(db.Accounts.Where(a => a.AccountId == accountId), accountId).FirstOrDefaultAsync(ct);

    /// <summary>An extension number (or a numbered auto attendant) of the caller's own customer: IP Centrex short dialling.</summary>
    private static Task<Destination?> FindExtensionAsync(TollgateDb db, long customerId, string extension, CancellationToken ct) =>
        AccountDestinations(db.Set<Extension>().Where(e => e.CustomerId == customerId && e.Number == extension).Select(e => e.Account), extension)
            .FirstOrDefaultAsync(ct);

    /// <summary>An alias (DID) of an account, dialled with or without a leading <c>+</c>; aliases are unique in the installation.</summary>
    private static Task<Destination?> FindAliasAsync(TollgateDb db, string alias, CancellationToken ct)
    {
        var digits = alias.StartsWith('+') ? alias[1..] : alias;
        return AccountDestinations(
                db.Set<AccountAlias>().Where(a => a.Alias == digits).Join(db.Accounts, a => a.AccountId, account => account.Id, (_, account) => account),
                digits)
            .FirstOrDefaultAsync(ct);
    }

    private static async Task<Destination?> FindConnectionAsync(TollgateDb db, string number, CancellationToken ct)
    {
        var digits = number.StartsWith('+') ? number[1..] : number;
        if (digits.Length > 32 || !digits.All(char.IsAsciiDigit)) return null;
        var candidates = Enumerable.Range(0, digits.Length + 1).Select(n => digits[..n]).ToList();
        var route = await db.Set<VendorConnectionPrefix>()
            .Where(p => candidates.Contains(p.Prefix))
            .Join(db.Set<VendorConnection>().Where(c => c.Direction == ConnectionDirection.Outgoing), p => p.ConnectionId, c => c.Id,
                (p, c) => new { p.Prefix, c.Id, c.Address, c.Transport, c.ServicePolicyId })
            .OrderByDescending(x => x.Prefix.Length).FirstOrDefaultAsync(ct);
        return route is null ? null : new Destination(null, null, null, false, route.Id, route.Address, route.Transport, route.ServicePolicyId, digits);
    }

    private static IQueryable<Destination> AccountDestinations(IQueryable<Account> accounts, string number) =>
        accounts.Select(a => new Destination(a.Id, a.AccountId, a.CustomerId,
            a.Status != AccountStatus.Closed && a.Customer.Status != PartyStatus.Closed, null, null, null, null, number));
}

/// <summary>A resolved destination: an account (with whether it can take calls) or an outgoing connection.</summary>
/// <param name="Number">The number to put in the outgoing Request-URI.</param>
public sealed record Destination(
    long? AccountKey,
    string? AccountId,
    long? CustomerId,
    bool Reachable,
    long? ConnectionId,
    string? ConnectionAddress,
    ConnectionTransport? Transport,
    long? ConnectionPolicyId,
    string Number)
{
    public bool IsAccount => AccountKey is not null;
}
