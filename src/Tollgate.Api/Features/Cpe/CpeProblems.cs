using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe;

/// <summary>The problem types of the CPE inventory (see docs/cpe.md), and the problems built from them.</summary>
public static class CpeProblems
{
    /// <summary>409: the port asked for is assigned to another account, or the device has no free port.</summary>
    public const string PortBusy = ProblemTypes.Base + "cpe-port-busy";

    /// <summary>409: the device cannot go to this account's customer (allocated to another, or reserved for another reseller).</summary>
    public const string DeviceUnavailable = ProblemTypes.Base + "cpe-device-unavailable";

    /// <summary>409: an allocation or release of several devices was refused as a whole; <c>devices</c> lists each offender and why.</summary>
    public const string AllocationRefused = ProblemTypes.Base + "cpe-allocation-refused";

    /// <summary>400: an uploaded file has no header row, the wrong headers, or no device rows.</summary>
    public const string ImportFileInvalid = ProblemTypes.Base + "cpe-import-file-invalid";

    public static Problem PortBusyProblem(long deviceId, string reason) =>
        new(StatusCodes.Status409Conflict, PortBusy, "The port is not free.", $"Device {deviceId}: {reason}.")
        { Errors = new Dictionary<string, string[]> { ["port"] = [reason] } };

    public static Problem Unavailable(long deviceId, CpeRefusal refusal) =>
        new(StatusCodes.Status409Conflict, DeviceUnavailable, "The device cannot be used for this account.", $"Device {deviceId}: {refusal.Reason}.")
        {
            Errors = new Dictionary<string, string[]> { ["deviceId"] = [refusal.Reason] },
            Extensions = new Dictionary<string, object?> { ["code"] = refusal.Code },
        };

    /// <summary>The refusal of a batch: <c>errors</c> keyed by the JSON path of each offending id, and a <c>devices</c> list.</summary>
    public static Problem Refused(string verb, IReadOnlyList<(int Index, long DeviceId, CpeRefusal Refusal)> offenders) =>
        new(StatusCodes.Status409Conflict, AllocationRefused, $"No device was {verb}.",
            $"{offenders.Count} device{(offenders.Count == 1 ? "" : "s")} cannot be {verb}, so none was: " +
            string.Join("; ", offenders.Take(5).Select(o => $"device {o.DeviceId}: {o.Refusal.Reason}")) + (offenders.Count > 5 ? "; …" : "."))
        {
            Errors = offenders.ToDictionary(o => $"deviceIds[{o.Index}]", o => new[] { $"device {o.DeviceId}: {o.Refusal.Reason}" }),
            Extensions = new Dictionary<string, object?>
            {
                ["devices"] = offenders.Select(o => new { deviceId = o.DeviceId, code = o.Refusal.Code, reason = o.Refusal.Reason }).ToList(),
            },
        };

    public static Problem FileInvalid(string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(StatusCodes.Status400BadRequest, ImportFileInvalid, "The file cannot be imported.", detail) { Errors = errors };
}
