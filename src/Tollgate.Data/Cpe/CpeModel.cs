namespace Tollgate.Data.Cpe;

/// <summary>A kind of device, such as "Yealink SIP-T21P E2", and how many lines (ports) it has.</summary>
[Unscoped("a catalog of device types: it names no tenant and every realm may read it")]
public sealed class CpeModel
{
    public long Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The name in lower case: unique, and how uploaded files find the model.</summary>
    public required string NameKey { get; set; }

    public int Ports { get; set; }
    public DateTime CreatedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();
}
