using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Parties;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>Finds the account a feature request names (<c>accountId</c> and optional <c>domain</c>), within the caller's scope.</summary>
/// <remarks>
/// An account outside the caller's scope is not found, exactly like one that does not exist (404). Changes are refused
/// for a closed account (409) and, for a customer, for an account its provider blocked (403), as everywhere in IP Centrex.
/// </remarks>
public sealed class FeatureTargets(IOptions<CentrexFeatureOptions> options)
{
    /// <summary>The account, tracked, or the 404 naming it.</summary>
    public async Task<(Account? Account, Problem? Problem)> FindAccountAsync(TollgateDb db, string accountId, string? domain, CancellationToken ct)
    {
        if (DomainProblem(accountId, domain) is { } wrongDomain) return (null, wrongDomain);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.AccountId == accountId, ct);
        return account is null ? (null, Problem.NotFound("account", accountId)) : (account, null);
    }

    /// <summary>The auto attendant account (<c>ph{customerId}aa{n}</c> of the IP Centrex), or the 404 naming it.</summary>
    public async Task<(Account? Account, Problem? Problem)> FindAttendantAsync(TollgateDb db, string accountId, string? domain, CancellationToken ct)
    {
        if (DomainProblem(accountId, domain) is { } wrongDomain) return (null, wrongDomain);
        var account = await db.Extensions.Where(e => e.Kind == ExtensionKind.AutoAttendant && e.Account.AccountId == accountId)
            .Select(e => e.Account).FirstOrDefaultAsync(ct);
        return account is null ? (null, Problem.NotFound("auto attendant", accountId)) : (account, null);
    }

    /// <summary>Why the caller may not change this account's features now, or null when it may.</summary>
    public static Problem? RefuseChange(Caller caller, Account account)
    {
        if (account.Status == AccountStatus.Closed) return Problem.Conflict($"Account {account.AccountId} is closed; its features cannot be changed.");
        return caller.RefuseIfBlockedByProvider(account);
    }

    private Problem? DomainProblem(string accountId, string? domain)
    {
        var served = options.Value.Domains;
        if (domain is null || served.Count == 0 || served.Contains(domain.Trim(), StringComparer.OrdinalIgnoreCase)) return null;
        return Problem.NotFound("account", $"{accountId}@{domain}") with
        {
            Errors = new Dictionary<string, string[]> { ["domain"] = [$"this installation does not serve the SIP domain '{domain}'"] },
        };
    }
}
