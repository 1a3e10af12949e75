using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using Scalar.AspNetCore;
using Tollgate.Api.Access;
using Tollgate.Api.Auth;
using Tollgate.Api.Features.Accounts;
using Tollgate.Api.Features.Administrators;
using Tollgate.Api.Features.Calls;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Features.Billing;
using Tollgate.Api.Features.Credentials;
using Tollgate.Api.Features.Cpe;
using Tollgate.Api.Features.Customers;
using Tollgate.Api.Features.Notifications;
using Tollgate.Api.Features.Rating;
using Tollgate.Api.Features.Resellers;
using Tollgate.Api.Features.SelfCare;
using Tollgate.Api.Features.Switching;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Api.Outbox;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Hosting;

/// <summary>Adds the billing API role to a web application: services, middleware, and every <c>/api/v1</c> route.</summary>
public static class TollgateApiModule
{
    public const string ApiPrefix = "/api/v1";

    /// <param name="signsTokens">Whether this process issues access tokens (runs the api role); see <see cref="AuthServices.AddTollgateAuth"/>.</param>
    public static WebApplicationBuilder AddTollgateApi(this WebApplicationBuilder builder, string dataDirectory, bool signsTokens = true)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRandomSource>(SystemRandomSource.Instance);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.Configure<JsonBodyOptions>(builder.Configuration.GetSection("Tollgate:Api:Json"));
        services.AddTollgateProblems();
        // Binding failures surface as exceptions so the problem mapping can name the parameter.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddTollgateAuth(builder.Configuration, dataDirectory, signsTokens);
        services.AddSelfCareAccess(builder.Configuration);
        services.AddTollgateOutbox(builder.Configuration);
        services.Configure<AdmissionOptions>(builder.Configuration.GetSection(AdmissionOptions.Section));
        services.AddSingleton<RequestAdmission>();
        services.AddScoped<AccessFilter>();
        services.AddScoped<CredentialStore>();
        services.AddScoped<PartyEditor>();
        services.AddScoped<AccountCloser>();
        services.AddScoped<IDemoSeeder, Features.Demo.PartiesDemo>();
        services.AddBillingApi(builder.Configuration);
        services.AddRatingApi(builder.Configuration);
        services.AddScoped(sp =>
        {
            var caller = sp.GetRequiredService<CallerAccessor>();
            return sp.GetRequiredService<Data.TollgateDbFactory>().Create(caller.Scope, caller.Caller?.Actor);
        });
        services.AddNotifications();
        services.AddCpeInventory(builder.Configuration);
        services.AddCentrex();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDescription>());
        return builder;
    }

    /// <summary>JSON as every Tollgate API speaks it: camelCase members, enums as camelCase strings, nullability respected.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.RespectNullableAnnotations = true;
    }

    /// <summary>
    /// Adds the middleware and the operational endpoints every role serves (health, metrics), the billing API's
    /// <c>/api/v1</c> routes and the signing keys when <paramref name="mapRoutes"/> (the api role) is set, and the
    /// <see cref="ApiRoutes"/> other roles registered.
    /// </summary>
    public static WebApplication UseTollgateApi(this WebApplication app, bool mapRoutes = true, Action<RouteGroupBuilder>? mapMore = null)
    {
        app.UseTollgateProblems();
        app.Use((http, next) =>
        {
            http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
            return next(http);
        });
        app.UseHttpMetrics();
        app.UseMiddleware<RequestAdmission>(); // after the metrics, so their durations include the wait
        app.UseAuthentication();
        app.UseMiddleware<AccessFilter>();

        var api = app.MapGroup(ApiPrefix);
        if (mapRoutes)
        {
            api.MapAuthApi();
            api.MapAdministratorsApi();
            api.MapResellersApi();
            api.MapCustomersApi();
            api.MapAccountsApi();
            api.MapCdrsApi();
            api.MapBillingApi();
            api.MapRatingApi();
            api.MapSelfCareAccessApi();
            app.MapSetPasswordPage();
            api.MapNotificationsApi();
            api.MapCpeApi();
            api.MapCentrexApi();
            api.MapSwitchingApi();
            app.MapGet("/.well-known/jwks.json", (SigningKeys keys) => TypedResults.Json(keys.Jwks()))
                .ExcludeFromDescription();
        }
        foreach (var routes in app.Services.GetServices<ApiRoutes>()) routes.Map(api);
        mapMore?.Invoke(api);

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Tollgate API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteAsync });
        app.MapGet("/livez", () => TypedResults.Text("ok")).ExcludeFromDescription();
        app.MapMetrics("/metrics");
        return app;
    }
}
