using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Switching;

/// <summary>Registers what the switch asks billing for.</summary>
public static class SwitchingServices
{
    /// <summary>
    /// <see cref="ISwitchBilling"/>, <see cref="ISipRegistrationStore"/> and, unless usage rating registered its own,
    /// the <see cref="UnlimitedCallCharging"/> that lets every call go and charges nothing.
    /// </summary>
    public static IServiceCollection AddSwitchBilling(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICallCharging, UnlimitedCallCharging>();
        services.AddSingleton<DestinationResolver>();
        services.AddSingleton<ServicePolicies>();
        services.AddSingleton<CdrWriter>();
        services.AddSingleton<ISwitchBilling, SwitchBilling>();
        services.AddSingleton<ISipRegistrationStore, SipRegistrationStore>();
        return services;
    }
}
