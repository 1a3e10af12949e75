namespace Tollgate.Domain.Cpe;

/// <summary>Why a device cannot be allocated, released or assigned: a stable code for programs and a sentence for people.</summary>
public sealed record CpeRefusal(string Code, string Reason)
{
    public static CpeRefusal NotFound(long deviceId) => new("not-found", $"there is no device {deviceId}");

    public static CpeRefusal AllocatedToAnotherCustomer(long customerId) =>
        new("allocated-to-another-customer", $"it is allocated to another customer ({customerId})");

    public static CpeRefusal NotYours(CpeManagement device) => device.ResellerId is null
        ? new("managed-by-administrator", "it is managed by the administrator only")
        : new("managed-by-another-reseller", "it is managed by another reseller");

    public static CpeRefusal ReservedForReseller(long resellerId) =>
        new("reserved-for-reseller", $"it is managed by reseller {resellerId} and can be allocated only to that reseller's customers");

    public static CpeRefusal PortsAssigned(int ports, string firstAccount) =>
        new("ports-assigned", ports == 1
            ? $"it is assigned to account {firstAccount}; unassign it first"
            : $"{ports} of its ports are assigned to accounts (the first to {firstAccount}); unassign them first");
}

/// <summary>The rules for handing devices to customers and taking them back.</summary>
/// <remarks>
/// <para>
/// The acting party is the administrator (<c>actingReseller</c> null) or a reseller. A device allocated to a customer
/// stays that customer's until it is released; allocating it again to the same customer changes nothing and is not an
/// error, nor is releasing a device that is allocated to nobody.
/// </para>
/// <para>
/// A reseller's own device may go only to that reseller's customers, whoever allocates it; a device of the
/// administrator's (shared or not) may go to any customer the acting party can see.
/// </para>
/// </remarks>
public static class CpeAllocation
{
    /// <summary>Why the device cannot be allocated to the customer, or null when it can (or already is).</summary>
    public static CpeRefusal? CheckAllocate(CpeManagement device, long? allocatedTo, long customerId, long? customerResellerId, long? actingReseller)
    {
        if (allocatedTo == customerId) return null;
        if (allocatedTo is { } other) return CpeRefusal.AllocatedToAnotherCustomer(other);
        if (!device.MayBeManagedBy(actingReseller)) return CpeRefusal.NotYours(device);
        if (device.ResellerId is { } owner && owner != customerResellerId) return CpeRefusal.ReservedForReseller(owner);
        return null;
    }

    /// <summary>Why the device cannot be released (or removed from the inventory), or null when it can.</summary>
    /// <param name="device">Who manages the device.</param>
    /// <param name="assignedPorts">How many of its ports are assigned to accounts.</param>
    /// <param name="firstAccount">The account id on its lowest assigned port, to name in the refusal.</param>
    /// <param name="actingReseller">The reseller acting, or null for the administrator.</param>
    public static CpeRefusal? CheckRelease(CpeManagement device, int assignedPorts, string? firstAccount, long? actingReseller)
    {
        if (!device.MayBeManagedBy(actingReseller)) return CpeRefusal.NotYours(device);
        if (assignedPorts > 0) return CpeRefusal.PortsAssigned(assignedPorts, firstAccount ?? "?");
        return null;
    }

    /// <summary>Why the device cannot be taken out of the inventory, or null when it can.</summary>
    /// <remarks>Only its manager (or the administrator) may remove it, and only while no port is assigned.</remarks>
    public static CpeRefusal? CheckRemove(CpeManagement device, int assignedPorts, string? firstAccount, long? actingReseller)
    {
        if (!device.MayBeEditedBy(actingReseller)) return CpeRefusal.NotYours(device);
        if (assignedPorts > 0) return CpeRefusal.PortsAssigned(assignedPorts, firstAccount ?? "?");
        return null;
    }
}
