using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Hosting;

namespace Tollgate.Api.Features.Centrex;

/// <summary>IP Centrex self-service: agreements, extensions, auto attendants, add-ons, DIDs, blocking.</summary>
public static class CentrexModule
{
    public static IServiceCollection AddCentrex(this IServiceCollection services)
    {
        services.TryAddSingleton<PbxAccounts>();
        services.AddSingleton<IAccountClosedHandler, PbxAccountClosed>();
        services.AddScoped<IDemoSeeder, CentrexDemo>();
        return services;
    }

    public static RouteGroupBuilder MapCentrexApi(this RouteGroupBuilder api)
    {
        api.MapAgreementApi();
        api.MapExtensionsApi();
        api.MapAccountAddonsApi();
        api.MapAliasesApi();
        api.MapBlockingApi();
        api.MapSipPasswordApi();
        return api;
    }
}
