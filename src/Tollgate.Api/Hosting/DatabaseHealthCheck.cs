using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tollgate.Data;

namespace Tollgate.Api.Hosting;

/// <summary>Healthy when the database answers a query.</summary>
public sealed class DatabaseHealthCheck(TollgateDbFactory databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = databases.CreateSystem();
            return await db.Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy(databases.Settings.Describe())
                : HealthCheckResult.Unhealthy($"{databases.Settings.Describe()} does not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{databases.Settings.Describe()}: {e.GetType().Name}");
        }
    }

    /// <summary>Writes <c>{"status":"healthy","checks":{"database":{"status":…,"description":…}}}</c>.</summary>
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                description = e.Value.Description,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
