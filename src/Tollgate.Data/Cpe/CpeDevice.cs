namespace Tollgate.Data.Cpe;

/// <summary>One physical device (an IP phone or adapter) in the inventory, known by its MAC address.</summary>
public sealed class CpeDevice
{
    public long Id { get; set; }

    /// <summary>The device id shown in lists, e.g. <c>Yealink_00:11:22:F</c>.</summary>
    public required string Name { get; set; }

    public long ModelId { get; set; }
    public CpeModel Model { get; set; } = null!;

    /// <summary>The canonical MAC address (<c>00:11:22:FF:13:44</c>); unique in the inventory.</summary>
    public required string Mac { get; set; }

    public long? ProfileId { get; set; }
    public CpeProfile? Profile { get; set; }

    /// <summary>The provider's own stock number, free text.</summary>
    public string? InventoryId { get; set; }

    /// <summary>The reseller that manages the device; null when the administrator does.</summary>
    public long? ManagedById { get; set; }

    public bool SharedWithResellers { get; set; }

    /// <summary>The customer the device is allocated to; null while it is in stock.</summary>
    public long? CustomerId { get; set; }

    /// <summary>The reseller above <see cref="CustomerId"/>, copied from the customer so tenant filters need no join.</summary>
    public long? CustomerResellerId { get; set; }

    public DateTime? AllocatedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The batch upload that added the device, if one did.</summary>
    public long? ImportId { get; set; }

    public List<CpePortAssignment> Ports { get; set; } = [];
}
