using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Auth;

/// <summary>What a credential's owner stands for at sign-in: its tenant ids, or why it may not sign in now.</summary>
public sealed record OwnerState(long? ResellerId, long? CustomerId, long? AccountId)
{
    /// <summary>Set when the owner exists but may not sign in (closed, not yet active, expired …).</summary>
    public Problem? Refusal { get; init; }

    /// <summary>When the owner's right to sign in ends by itself; sessions stop at this instant.</summary>
    public DateTime? ValidUntil { get; init; }
}

/// <summary>Looks up the owner of one kind of credential; one implementation per <see cref="CredentialOwner"/>.</summary>
public interface ICredentialOwnerResolver
{
    CredentialOwner Owner { get; }

    /// <summary>The owner's state, or null when it no longer exists.</summary>
    Task<OwnerState?> ResolveAsync(TollgateDb db, long ownerId, DateTime now, CancellationToken ct);
}

internal static class Refusals
{
    public static Problem Closed(string what) =>
        new(StatusCodes.Status403Forbidden, ProblemTypes.SignInNotAllowed, "Sign-in is not allowed.", $"This {what} is closed.");
}

internal sealed class AdministratorOwner : ICredentialOwnerResolver
{
    public CredentialOwner Owner => CredentialOwner.Administrator;

    public async Task<OwnerState?> ResolveAsync(TollgateDb db, long ownerId, DateTime now, CancellationToken ct) =>
        await db.Administrators.AnyAsync(a => a.Id == ownerId, ct) ? new OwnerState(null, null, null) : null;
}

internal sealed class ResellerOwner : ICredentialOwnerResolver
{
    public CredentialOwner Owner => CredentialOwner.Reseller;

    public async Task<OwnerState?> ResolveAsync(TollgateDb db, long ownerId, DateTime now, CancellationToken ct)
    {
        var status = await db.Resellers.Where(r => r.Id == ownerId).Select(r => (PartyStatus?)r.Status).FirstOrDefaultAsync(ct);
        if (status is null) return null;
        return new OwnerState(ownerId, null, null) { Refusal = status == PartyStatus.Closed ? Refusals.Closed("reseller") : null };
    }
}

internal sealed class CustomerOwner : ICredentialOwnerResolver
{
    public CredentialOwner Owner => CredentialOwner.Customer;

    public async Task<OwnerState?> ResolveAsync(TollgateDb db, long ownerId, DateTime now, CancellationToken ct)
    {
        var c = await db.Customers.Where(x => x.Id == ownerId).Select(x => new { x.ResellerId, x.Status }).FirstOrDefaultAsync(ct);
        if (c is null) return null;
        return new OwnerState(c.ResellerId, ownerId, null) { Refusal = c.Status == PartyStatus.Closed ? Refusals.Closed("customer") : null };
    }
}

internal sealed class AccountOwner : ICredentialOwnerResolver
{
    public CredentialOwner Owner => CredentialOwner.Account;

    public async Task<OwnerState?> ResolveAsync(TollgateDb db, long ownerId, DateTime now, CancellationToken ct)
    {
        var a = await db.Accounts.Where(x => x.Id == ownerId)
            .Select(x => new { x.ResellerId, x.CustomerId, x.Status, CustomerStatus = x.Customer.Status }).FirstOrDefaultAsync(ct);
        if (a is null) return null;
        var closed = a.Status == AccountStatus.Closed || a.CustomerStatus == PartyStatus.Closed;
        return new OwnerState(a.ResellerId, a.CustomerId, ownerId) { Refusal = closed ? Refusals.Closed("account") : null };
    }
}
