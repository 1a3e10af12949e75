using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Domain.Switching;

namespace Tollgate.Billing.Rating;

/// <summary>Registers usage rating and real-time authorisation.</summary>
public static class RatingServices
{
    /// <remarks>
    /// <see cref="ICallCharging"/> is registered with <c>Replace</c>: the switch registers an allow-everything default with
    /// <c>TryAdd</c>, and whichever order the two registrations run in, rating's implementation is the one used.
    /// </remarks>
    public static IServiceCollection AddTollgateRating(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RatingOptions>().Bind(configuration.GetSection(RatingOptions.Section));
        services.AddSingleton<CdrRater>();
        services.AddSingleton<CdrImporter>();
        services.AddSingleton<CallCharging>();
        services.Replace(ServiceDescriptor.Singleton<ICallCharging>(sp => sp.GetRequiredService<CallCharging>()));
        return services;
    }
}
