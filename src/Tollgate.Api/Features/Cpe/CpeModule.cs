using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Features.Cpe.Imports;
using Tollgate.Api.Features.Notifications;
using Tollgate.Api.Hosting;

namespace Tollgate.Api.Features.Cpe;

/// <summary>The CPE (IP phone) inventory: its services and its routes.</summary>
public static class CpeModule
{
    public static IServiceCollection AddCpeInventory(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CpeImportOptions>(configuration.GetSection("Tollgate:Cpe:Import"));
        services.AddCpeImportProcessing();
        services.TryAddSingleton<CpeAssignments>();
        services.AddSingleton<IAccountClosedHandler, FreePortOnAccountClosed>();
        services.AddHostedService<CpeImportWorker>();
        services.AddScoped<IDemoSeeder, CpeDemo>();
        return services;
    }

    /// <summary>What processing an upload needs, without the web: the API's worker and <c>tollgate cpe import</c> share it.</summary>
    public static IServiceCollection AddCpeImportProcessing(this IServiceCollection services)
    {
        services.AddNotifications();
        services.TryAddSingleton<CpeImportSignals>();
        services.TryAddSingleton<CpeImporter>();
        services.TryAddSingleton<CpeImportJobs>();
        return services;
    }

    public static RouteGroupBuilder MapCpeApi(this RouteGroupBuilder api)
    {
        var cpe = api.MapGroup("/cpe");
        cpe.MapCpeModelsApi();
        cpe.MapCpeProfilesApi();
        cpe.MapCpeDevicesApi();
        cpe.MapCpeAllocationApi();
        cpe.MapCpeImportsApi();
        api.MapAccountCpeApi();
        return cpe;
    }
}
