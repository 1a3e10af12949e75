using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>The IP Centrex feature API: voicemail, auto attendants and conference rooms (<c>/api/v1/centrex/…</c>).</summary>
/// <remarks>
/// Served by the <c>features</c> role (in the all-in-one process too), which may run in a process of its own: it then
/// verifies the api's access tokens with the api's published keys and shares only the database with it.
/// </remarks>
public static class CentrexFeaturesModule
{
    public static IServiceCollection AddCentrexFeatures(this IServiceCollection services)
    {
        services.AddOptions<CentrexFeatureOptions>().BindConfiguration("Tollgate:Centrex");
        services.TryAddSingleton<FeatureTargets>();
        services.AddScoped<Hosting.IDemoSeeder, CentrexFeaturesDemo>();
        return services;
    }

    public static RouteGroupBuilder MapCentrexFeaturesApi(this RouteGroupBuilder api)
    {
        var centrex = api.MapGroup("/centrex");
        centrex.MapVoicemailApi();
        centrex.MapAutoAttendantMenusApi();
        centrex.MapGreetingsApi();
        centrex.MapConferenceRoomsApi();
        return centrex;
    }
}
