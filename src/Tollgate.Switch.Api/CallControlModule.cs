using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Api.Hosting;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary>Adds the call control API (<c>/api/v1/calls</c>) to a process that runs the switch.</summary>
/// <remarks>
/// The routes go in as <see cref="ApiRoutes"/>, so they get the process's access-token check, realm, tenant scope,
/// section permissions and problem answers whether the process also runs the billing API (<c>tollgate up</c>) or
/// runs the switch alone (<c>tollgate up --role switch</c>, verifying tokens with the api's published keys).
/// </remarks>
public static class CallControlModule
{
    /// <summary>Registers the API; the process must also run the switch (<see cref="SwitchServices.AddTollgateSwitch"/>).</summary>
    public static IServiceCollection AddCallControlApi(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => sp.GetRequiredService<SwitchService>().Control);
        services.AddScoped<CallScope>();
        services.AddApiRoutes("call control", api => api.MapCallControlApi());
        return services;
    }
}
