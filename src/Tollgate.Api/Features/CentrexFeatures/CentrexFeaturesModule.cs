using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>The IP Centrex feature API: voicemail, auto attendants and conference rooms (<c>/api/v1/centrex/…</c>).</summary>
public static class CentrexFeaturesModule
{
    public static IServiceCollection AddCentrexFeatures(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCentrexFeaturesApi(this RouteGroupBuilder api) => api.MapGroup("/centrex");
}
