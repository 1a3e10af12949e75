using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Cpe;

/// <summary>Gives an account a port of a device (so the phone is provisioned with its line), or takes it away.</summary>
/// <remarks>
/// <para>
/// The rules: a customer (its main login, or an individual whose role grants <c>phones: modify</c>) may use only
/// devices allocated to it, for its own accounts. The administrator or a reseller may use a device allocated to the
/// account's customer, or one in stock that it may hand out, which then becomes allocated to that customer; never one
/// allocated to another customer (409 <see cref="CpeProblems.DeviceUnavailable"/>). A port that is taken, or a device
/// with no free port, is a 409 <see cref="CpeProblems.PortBusy"/>. Giving an account a new port moves it: an account has
/// at most one.
/// </para>
/// <para>
/// Both methods work inside the caller's transaction (begun with <see cref="TollgateDb.BeginWriteAsync"/>): they lock
/// the device, save their changes, and leave the commit to the caller, so an API that creates an extension and assigns
/// its phone in one request commits both or neither. When a problem is returned, the caller must roll back.
/// </para>
/// </remarks>
public sealed class CpeAssignments(TimeProvider clock)
{
    /// <summary>An account's phone: the device, its port, and what the device is.</summary>
    public sealed record Assignment(long AccountId, string Account, long DeviceId, string DeviceName, string Mac, string Model, int Port, DateTime AssignedAt);

    /// <summary>Assigns a port of <paramref name="deviceId"/> (the asked one, or the lowest free one) to the account.</summary>
    public async Task<(Assignment? Assignment, Problem? Problem)> AssignAsync(
        TollgateDb db, long accountId, long deviceId, int? port, Caller caller, CancellationToken ct)
    {
        if (caller.Realm == Realm.Account) return (null, Problem.Forbidden("An account cannot assign phones."));
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return (null, Problem.NotFound("account", accountId));
        if (account.Status == AccountStatus.Closed) return (null, Problem.Conflict($"Account {accountId} is closed."));
        if (caller.RefuseIfBlockedByProvider(account) is { } blocked) return (null, blocked);

        await db.LockForUpdateAsync<CpeDevice>(deviceId, ct);
        var device = await db.CpeDevices.Include(d => d.Model).FirstOrDefaultAsync(d => d.Id == deviceId, ct);
        if (device is null) return (null, Problem.ReferenceNotFound("deviceId", "device", deviceId));
        if (device.CustomerId != account.CustomerId)
        {
            // A customer sees only its own devices, so a device it can see is allocated to it; staff may take one from stock.
            var management = new CpeManagement(device.ManagedById, device.SharedWithResellers);
            if (CpeAllocation.CheckAllocate(management, device.CustomerId, account.CustomerId, account.ResellerId, caller.ActingReseller()) is { } refusal)
                return (null, CpeProblems.Unavailable(deviceId, refusal));
            device.CustomerId = account.CustomerId;
            device.CustomerResellerId = account.ResellerId;
            device.AllocatedAt = clock.GetUtcNow().UtcDateTime;
        }

        var current = await db.CpePorts.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == accountId, ct);
        if (current is not null && current.DeviceId == deviceId && (port is null || port == current.Port))
        {
            await db.SaveChangesAsync(ct);
            return (Describe(account, device, current), null);
        }
        var busy = await db.CpePorts.IgnoreQueryFilters().Where(p => p.DeviceId == deviceId && p.AccountId != accountId)
            .Select(p => p.Port).ToListAsync(ct);
        var (chosen, problem) = CpePorts.Choose(device.Model.Ports, busy, port);
        if (problem is not null)
        {
            return port is { } wanted && (wanted < 1 || wanted > device.Model.Ports)
                ? (null, Problem.Unprocessable($"Device {deviceId}: {problem}.", "port"))
                : (null, CpeProblems.PortBusyProblem(deviceId, problem));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (current is null)
        {
            current = new CpePortAssignment { AccountId = accountId, CustomerId = account.CustomerId, ResellerId = account.ResellerId };
            db.CpePorts.Add(current);
        }
        current.DeviceId = deviceId;
        current.Port = chosen;
        current.AssignedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request took the port between our read and our write (the device lock makes this rare).
            return (null, CpeProblems.PortBusyProblem(deviceId, $"port {chosen} was just assigned to another account"));
        }
        return (Describe(account, device, current), null);
    }

    /// <summary>Takes the account's phone away (its port becomes free); the device stays allocated to the customer.</summary>
    /// <returns>A problem when the account is not found; otherwise null, whether or not it had a phone.</returns>
    public async Task<Problem?> UnassignAsync(TollgateDb db, long accountId, Caller caller, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return Problem.NotFound("account", accountId);
        if (caller.RefuseIfBlockedByProvider(account) is { } blocked) return blocked;
        var current = await db.CpePorts.FirstOrDefaultAsync(p => p.AccountId == accountId, ct);
        if (current is null) return null;
        await db.LockForUpdateAsync<CpeDevice>(current.DeviceId, ct);
        db.CpePorts.Remove(current);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The account's phone, or null when it has none (or the account is not in the caller's scope).</summary>
    public static Task<Assignment?> FindAsync(TollgateDb db, long accountId, CancellationToken ct) =>
        db.CpePorts.AsNoTracking().Where(p => p.AccountId == accountId)
            .Select(p => new Assignment(p.AccountId, p.Account.AccountId, p.DeviceId, p.Device.Name, p.Device.Mac, p.Device.Model.Name, p.Port, p.AssignedAt))
            .FirstOrDefaultAsync(ct);

    private static Assignment Describe(Account account, CpeDevice device, CpePortAssignment port) =>
        new(account.Id, account.AccountId, device.Id, device.Name, device.Mac, device.Model.Name, port.Port, port.AssignedAt);
}

/// <summary>Frees an account's phone port when the account closes.</summary>
/// <remarks>The assignment is removed as a tracked entity, so the closing request's save records it like any other change.</remarks>
public sealed class FreePortOnAccountClosed : IAccountClosedHandler
{
    public async Task OnClosedAsync(TollgateDb db, Account account, DateTime closedAt, CancellationToken ct)
    {
        if (await db.CpePorts.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.AccountId == account.Id, ct) is { } port)
            db.CpePorts.Remove(port);
    }
}
