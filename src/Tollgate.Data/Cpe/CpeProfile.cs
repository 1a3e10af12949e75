namespace Tollgate.Data.Cpe;

/// <summary>A provisioning profile for devices of one model (settings pushed to the phone).</summary>
/// <remarks>Names are unique per manager (the administrator, or one reseller), not across the installation.</remarks>
public sealed class CpeProfile
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string NameKey { get; set; }
    public long ModelId { get; set; }
    public CpeModel Model { get; set; } = null!;

    /// <summary>The reseller that manages the profile; null when the administrator does.</summary>
    public long? ManagedById { get; set; }

    public bool SharedWithResellers { get; set; }

    /// <summary><see cref="ManagedById"/> or 0 for the administrator: a non-null column so the unique index covers both.</summary>
    public long ManagerKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
