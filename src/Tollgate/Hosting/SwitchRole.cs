using Microsoft.Extensions.DependencyInjection;
using Tollgate.Billing.Switching;
using Tollgate.Domain.Access;
using Tollgate.Switch;

namespace Tollgate.Hosting;

/// <summary>Composes the switch role: the SIP switch, and billing's side of it (authorisation, routing, registrations, CDRs).</summary>
internal static class SwitchRole
{
    public static IServiceCollection AddSwitchRole(this IServiceCollection services, TollgateSettings settings)
    {
        services.AddSwitchBilling();
        return services.AddTollgateSwitch(settings.Switch.ToOptions(settings.DataDirectory, SystemRandomSource.Instance));
    }
}
