using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tollgate.Api.Hosting;
using Tollgate.Billing;
using Tollgate.Api.Outbox;
using Tollgate.Data;

namespace Tollgate.Hosting;

/// <summary>Composes one Tollgate process from its settings: the roles it runs, on one web host.</summary>
public static class TollgateHost
{
    /// <param name="settings">Checked settings (see <see cref="TollgateSettings.From"/>).</param>
    /// <param name="configuration">All configuration, for the sections features read themselves.</param>
    /// <param name="customize">Last word on services (tests put a fake clock here).</param>
    /// <param name="mapMore">More routes under <c>/api/v1</c> (tests add probe endpoints here).</param>
    public static WebApplication Build(TollgateSettings settings, IConfiguration configuration, Action<IServiceCollection>? customize = null,
        Action<Microsoft.AspNetCore.Routing.RouteGroupBuilder>? mapMore = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            ApplicationName = "Tollgate",
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.AddServerHeader = false);
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        ConfigureLogging(builder, settings);

        // Authentication brings data protection along; Tollgate issues no cookies, but its keys belong in the data folder.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys", "data-protection")));
        builder.Services.AddTollgateDatabase(settings.Database);
        builder.AddTollgateApi(settings.DataDirectory, signsTokens: settings.Roles.Contains(RoleCatalog.Api));
        if (settings.Roles.Contains(RoleCatalog.Features)) builder.Services.AddFeaturesRole();
        if (settings.Roles.Contains(RoleCatalog.Worker))
        {
            builder.Services.AddBillingJob();
            builder.Services.AddOutboxDelivery(settings.MailDirectory);
        }
        if (settings.Roles.Contains(RoleCatalog.Switch) && settings.Switch.Enabled) builder.Services.AddSwitchRole(settings);
        customize?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseTollgateApi(mapRoutes: settings.Roles.Contains(RoleCatalog.Api), mapMore);
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, TollgateSettings settings)
    {
        var logging = builder.Logging;
        logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        if (settings.JsonLogs)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
