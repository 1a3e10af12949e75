using Microsoft.Extensions.DependencyInjection;
using Tollgate.Billing.Switching;
using Tollgate.Domain.Access;
using Tollgate.Switch;
using Tollgate.Switch.Api;

namespace Tollgate.Hosting;

/// <summary>Composes the switch role: the SIP switch, billing's side of it (authorisation, routing, registrations, CDRs), and its call control API.</summary>
internal static class SwitchRole
{
    public static IServiceCollection AddSwitchRole(this IServiceCollection services, TollgateSettings settings)
    {
        services.AddSwitchBilling();
        services.AddCallControlApi();
        return services.AddTollgateSwitch(settings.Switch.ToOptions(settings.DataDirectory, SystemRandomSource.Instance));
    }
}
