using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.Switching;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>Billing's side of the switch: who may register and call, where a call goes, which policies apply, and the CDRs.</summary>
/// <remarks>
/// <para>Authorisation: a caller with credentials must be an active account (not blocked, not closed) of a customer that is
/// not closed; a caller without them must come from the address of an incoming vendor connection. A call from a vendor
/// may only reach an account of this installation (no transit from vendor to vendor).</para>
/// <para>After routing, <see cref="ICallCharging.ReserveAsync"/> decides whether the money allows the call and for how
/// long; after the CDR is stored, <see cref="ICallCharging.SettleAsync"/> charges it. Every query runs with system
/// scope: the switch acts for the installation, not for a tenant.</para>
/// </remarks>
public sealed class SwitchBilling(
    TollgateDbFactory databases,
    DestinationResolver destinations,
    ServicePolicies policies,
    ICallCharging charging,
    CdrWriter cdrs,
    ILogger<SwitchBilling> logger) : ISwitchBilling
{
    public async Task<SipIdentity?> FindIdentityAsync(string accountId, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        var row = await db.Accounts.AsNoTracking().Where(a => a.AccountId == accountId)
            .Select(a => new
            {
                a.Id, a.AccountId, a.CustomerId, a.Status, CustomerStatus = a.Customer.Status,
                SipPassword = db.Set<SipCredential>().Where(s => s.AccountId == a.Id).Select(s => s.Password).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        var password = row?.SipPassword ?? "";
        return row is null ? null : new SipIdentity(row.Id, row.AccountId, row.CustomerId, password,
            row.Status != AccountStatus.Closed && row.CustomerStatus != PartyStatus.Closed && password.Length > 0);
    }

    public async Task<CallDecision> AuthorizeCallAsync(CallAttempt attempt, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        long? callerKey = null, callerCustomer = null, incoming = null, incomingPolicy = null;
        CallDecision Refuse(int status, string reason) =>
            CallDecision.Refuse(status, reason) with { CallerAccountKey = callerKey, IncomingConnectionId = incoming };

        if (attempt.CallerAccountId is { } accountId)
        {
            var caller = await db.Accounts.AsNoTracking().Where(a => a.AccountId == accountId)
                .Select(a => new { a.Id, a.CustomerId, a.Status, CustomerStatus = a.Customer.Status }).FirstOrDefaultAsync(ct);
            if (caller is null) return CallDecision.Refuse(403, "Unknown Account");
            (callerKey, callerCustomer) = (caller.Id, caller.CustomerId);
            // From here on the caller is known, so even a refused attempt is recorded.
            if (caller.Status == AccountStatus.Blocked) return Refuse(403, "Account Blocked");
            if (caller.Status == AccountStatus.Closed || caller.CustomerStatus == PartyStatus.Closed) return Refuse(403, "Account Closed");
        }
        else
        {
            var (withPort, addressOnly) = ConnectionAddress.CandidatesFor(attempt.Source);
            var trusted = await db.Set<VendorConnection>().AsNoTracking()
                .Where(c => c.TrustedAddress == withPort || c.TrustedAddress == addressOnly)
                .Select(c => new { c.Id, c.TrustedAddress, c.ServicePolicyId }).ToListAsync(ct);
            var connection = trusted.OrderBy(c => c.TrustedAddress == withPort ? 0 : 1).FirstOrDefault();
            if (connection is null) return CallDecision.Challenge;
            (incoming, incomingPolicy) = (connection.Id, connection.ServicePolicyId);
        }

        var destination = await destinations.ResolveAsync(db, callerCustomer, attempt.Destination, ct);
        if (destination is null || (destination.IsAccount && !destination.Reachable)) return Refuse(404, "Not Found");
        if (incoming is not null && !destination.IsAccount) return Refuse(403, "Transit Not Allowed");

        var patterns = await policies.PatternPoliciesAsync(db, ct);
        var callerPolicy = callerKey is { } key
            ? await policies.ForAccountAsync(db, key, patterns, ct)
            : await policies.ForConnectionAsync(db, incomingPolicy, patterns, ct);
        var calleePolicy = destination.AccountKey is { } calleeKey
            ? await policies.ForAccountAsync(db, calleeKey, patterns, ct)
            : await policies.ForConnectionAsync(db, destination.ConnectionPolicyId, patterns, ct);

        var charge = await charging.ReserveAsync(
            new ChargingRequest(attempt.CallId, callerKey, destination.ConnectionId, destination.Number, attempt.At), ct);
        if (!charge.Allowed) return Refuse(charge.SipStatus is >= 400 and <= 699 ? charge.SipStatus : 402, charge.Reason ?? "Payment Required");

        return new CallDecision
        {
            Allowed = true,
            CallerAccountKey = callerKey,
            IncomingConnectionId = incoming,
            MaxDuration = charge.MaxDuration,
            CallerPolicy = callerPolicy,
            Route = new CallRoute(destination.AccountKey, destination.AccountId, destination.ConnectionId, destination.ConnectionAddress,
                destination.Transport?.ToString().ToLowerInvariant(), destination.Number, calleePolicy),
        };
    }

    public async Task CallEndedAsync(CallRecord record, CancellationToken ct)
    {
        var id = await cdrs.StoreAsync(record);
        try
        {
            await charging.SettleAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The CDR is stored; rating can settle it later. The switch must not fail a hang-up over it.
            logger.LogError(e, "Settling CDR {CdrId} (call {CallId}) failed", id, record.CallId);
        }
    }
}
