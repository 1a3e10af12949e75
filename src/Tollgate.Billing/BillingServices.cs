using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Billing.Invoices;
using Tollgate.Billing.Runs;
using Tollgate.Billing.Subscriptions;

namespace Tollgate.Billing;

/// <summary>Registers billing's services.</summary>
public static class BillingServices
{
    /// <summary>Subscriptions, billing runs and invoices; needs the database, a <see cref="TimeProvider"/> and logging.</summary>
    public static IServiceCollection AddTollgateBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBillingRunProbe, NoBillingRunProbe>();
        services.AddSingleton<SubscriptionAssigner>();
        services.AddSingleton<ProductAssigner>();
        services.AddSingleton<FirstUsage>();
        services.AddSingleton<BillingEngine>();
        services.AddSingleton<InvoicePdf>();
        return services;
    }

    /// <summary>The scheduled billing run (the worker role).</summary>
    public static IServiceCollection AddBillingJob(this IServiceCollection services)
    {
        services.AddSingleton<BillingJob>();
        services.AddHostedService(sp => sp.GetRequiredService<BillingJob>());
        return services;
    }
}
