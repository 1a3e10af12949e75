using Microsoft.Extensions.DependencyInjection;
using Tollgate.Api.Features.CentrexFeatures;
using Tollgate.Api.Hosting;

namespace Tollgate.Hosting;

/// <summary>Composes the features role: the IP Centrex feature API under <c>/api/v1/centrex</c>.</summary>
/// <remarks>
/// Its routes are registered as <see cref="ApiRoutes"/>, the hook any role uses to publish an HTTP API; the switch
/// role's call control API (<c>/api/v1/calls</c>) plugs in the same way, in the switch role's composition.
/// </remarks>
internal static class FeaturesRole
{
    public static IServiceCollection AddFeaturesRole(this IServiceCollection services) =>
        services.AddCentrexFeatures().AddApiRoutes("IP Centrex features", api => api.MapCentrexFeaturesApi());
}
