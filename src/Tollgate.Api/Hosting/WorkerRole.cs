using Microsoft.Extensions.Configuration;

namespace Tollgate.Api.Hosting;

/// <summary>Whether this process runs the background jobs (the <c>worker</c> role of <c>tollgate up --role</c>).</summary>
/// <remarks>
/// Reads the same <c>Tollgate:Roles</c> setting the host reads: absent, empty or <c>all</c> means every role. Hosted
/// workers check it so that API-only processes leave queued work to the worker processes.
/// </remarks>
public static class WorkerRole
{
    public const string Name = "worker";

    public static bool IsEnabled(IConfiguration configuration)
    {
        var roles = configuration["Tollgate:Roles"];
        if (string.IsNullOrWhiteSpace(roles) || roles.Trim() == "all") return true;
        return roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(r => string.Equals(r, Name, StringComparison.OrdinalIgnoreCase));
    }
}
