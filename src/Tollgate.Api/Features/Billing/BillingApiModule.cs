using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Features.Catalog;
using Tollgate.Api.Features.Subscriptions;
using Tollgate.Api.Hosting;
using Tollgate.Billing;

namespace Tollgate.Api.Features.Billing;

/// <summary>Everything billing adds to the API: catalog, assigned subscriptions, runs, invoices, charge records, demo data.</summary>
public static class BillingApiModule
{
    public static IServiceCollection AddBillingApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTollgateBilling(configuration);
        services.AddScoped<IAccountClosedHandler, SubscriptionsOnAccountClosed>();
        services.AddScoped<IDemoSeeder, Demo.BillingDemo>();
        return services;
    }

    public static RouteGroupBuilder MapBillingApi(this RouteGroupBuilder api)
    {
        api.MapSubscriptionPlansApi();
        api.MapProductsApi();
        api.MapAssignedSubscriptionsApi();
        api.MapBillingRunsApi();
        api.MapInvoicesApi();
        api.MapXdrsApi();
        return api;
    }
}
