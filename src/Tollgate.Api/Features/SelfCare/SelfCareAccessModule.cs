using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Api.Access;
using Tollgate.Api.Auth;
using Tollgate.Api.Features.Audit;
using Tollgate.Api.Features.Credentials;
using Tollgate.Api.Features.Demo;
using Tollgate.Api.Features.Individuals;
using Tollgate.Api.Features.Roles;
using Tollgate.Api.Hosting;

namespace Tollgate.Api.Features.SelfCare;

/// <summary>Self-care access: roles and their permissions, customer individuals, credentials e-mails, the audit trail.</summary>
public static class SelfCareAccessModule
{
    public static IServiceCollection AddSelfCareAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PortalOptions>(configuration.GetSection(PortalOptions.Section));
        services.PostConfigure<PortalOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.Url)) o.Url = PortalOptions.Default(configuration["Tollgate:Urls"]);
        });
        services.AddSingleton<IPermissionSource, RolePermissionSource>();
        services.AddSingleton<ICredentialOwnerResolver, IndividualOwner>();
        services.AddScoped<SetPasswordTokens>();
        services.AddScoped<CredentialsEmail>();
        services.AddScoped<IndividualService>();
        services.AddScoped<IDemoSeeder, AccessDemo>();
        return services;
    }

    public static RouteGroupBuilder MapSelfCareAccessApi(this RouteGroupBuilder api)
    {
        api.MapRolesApi();
        api.MapAllowedRolesApi();
        api.MapIndividualsApi();
        api.MapAuditApi();
        api.MapSetPasswordApi();
        return api;
    }
}
