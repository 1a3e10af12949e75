namespace Tollgate.Domain.Cpe;

/// <summary>Choosing a port of a device for an account.</summary>
/// <remarks>Ports are numbered from 1 to the model's port count, as printed on the phone's line keys.</remarks>
public static class CpePorts
{
    public const int MaxPorts = 64;

    /// <summary>The port to use: the one asked for, or the lowest free one when none was asked for.</summary>
    /// <returns>The port, or a reason: the asked port is out of range or busy, or no port is free.</returns>
    public static (int Port, string? Problem) Choose(int totalPorts, IReadOnlyCollection<int> busy, int? wanted)
    {
        if (wanted is { } port)
        {
            if (port < 1 || port > totalPorts)
                return (0, totalPorts == 1 ? "this device has only port 1" : $"this device has ports 1 to {totalPorts}");
            return busy.Contains(port) ? (0, $"port {port} is already assigned to another account") : (port, null);
        }
        for (var candidate = 1; candidate <= totalPorts; candidate++)
        {
            if (!busy.Contains(candidate)) return (candidate, null);
        }
        return (0, $"all {totalPorts} port{(totalPorts == 1 ? " is" : "s are")} assigned");
    }
}
