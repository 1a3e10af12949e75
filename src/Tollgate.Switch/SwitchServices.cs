using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Domain.Access;

namespace Tollgate.Switch;

/// <summary>Registers the switch role in a host.</summary>
public static class SwitchServices
{
    /// <summary>
    /// The SIP switch as a hosted service. It needs <see cref="Domain.Switching.ISwitchBilling"/> and
    /// <see cref="Domain.Switching.ISipRegistrationStore"/> from billing; the clock and randomness default to the system's.
    /// </summary>
    public static IServiceCollection AddTollgateSwitch(this IServiceCollection services, SwitchOptions options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.AddSingleton(options);
        services.AddSingleton<SwitchService>();
        services.AddHostedService(sp => sp.GetRequiredService<SwitchService>());
        return services;
    }
}
