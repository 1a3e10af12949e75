using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Api.Hosting;
using Tollgate.Billing.Rating;

namespace Tollgate.Api.Features.Rating;

/// <summary>Everything usage rating adds to the API: tariffs and rates, vendor cost tariffs, CDR import and re-rating, balances and payments.</summary>
public static class RatingApiModule
{
    public static IServiceCollection AddRatingApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddTollgateRating(configuration).AddScoped<IDemoSeeder, RatingDemo>();

    public static RouteGroupBuilder MapRatingApi(this RouteGroupBuilder api)
    {
        api.MapTariffsApi();
        api.MapRatesApi();
        api.MapCdrRatingApi();
        api.MapBalancesApi();
        return api;
    }
}
