using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tollgate.Api.Hosting;

/// <summary>An HTTP API that a role adds under <c>/api/v1</c>, beside or instead of the billing API.</summary>
/// <remarks>
/// <para>
/// This is how a role other than <c>api</c> publishes HTTP endpoints: it registers one of these with
/// <see cref="ApiRoutesExtensions.AddApiRoutes"/> when the process runs it, and <see cref="TollgateApiModule.UseTollgateApi"/>
/// maps it. The routes then get everything the billing API has: the same access token (verified with this process's
/// key or, in a process without the api role, the api's published key set), the same revocation check, realm, tenant
/// scope and section permissions through <c>.Allow(…)</c>, the same problem answers, the audit trail.
/// </para>
/// <para>
/// The <c>features</c> role adds the IP Centrex feature API this way (<c>Hosting/FeaturesRole.cs</c> in the
/// <c>tollgate</c> project). The call control API (<c>/api/v1/calls</c>) is meant to be added the same way by the
/// switch role: <c>services.AddApiRoutes("call control", api =&gt; api.MapCallControlApi())</c> in its composition, with
/// its endpoints declaring <c>.Allow(…, Section.CallControl, …)</c>.
/// </para>
/// </remarks>
/// <param name="Name">What the routes are, for logs and the start-up banner.</param>
/// <param name="Map">Maps the routes on the <c>/api/v1</c> group.</param>
public sealed record ApiRoutes(string Name, Action<RouteGroupBuilder> Map);

/// <summary>Registers <see cref="ApiRoutes"/>.</summary>
public static class ApiRoutesExtensions
{
    /// <summary>Adds an HTTP API under <c>/api/v1</c> to this process (see <see cref="ApiRoutes"/>).</summary>
    public static IServiceCollection AddApiRoutes(this IServiceCollection services, string name, Action<RouteGroupBuilder> map) =>
        services.AddSingleton(new ApiRoutes(name, map));
}
