using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Domain.Access;

namespace Tollgate.Data;

/// <summary>Hands out database contexts for a given tenant scope, whichever provider is configured.</summary>
/// <remarks>Contexts come from a pool; each is scoped before it is returned, so none leaks a previous caller's scope.</remarks>
public sealed class TollgateDbFactory(Func<TollgateDb> create, DatabaseSettings settings)
{
    public DatabaseSettings Settings { get; } = settings;

    public TollgateDb Create(TenantScope scope)
    {
        var db = create();
        db.Scope = scope;
        return db;
    }

    /// <summary>A context that sees every tenant: for sign-in, background jobs and start-up work.</summary>
    public TollgateDb CreateSystem() => Create(TenantScope.System);
}

/// <summary>Registers the Tollgate database in a service collection.</summary>
public static class TollgateDbServices
{
    public static IServiceCollection AddTollgateDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteTollgateDb>(o => TollgateDatabase.Configure(o, settings));
            services.AddSingleton(sp =>
            {
                var pool = sp.GetRequiredService<IDbContextFactory<SqliteTollgateDb>>();
                return new TollgateDbFactory(() => pool.CreateDbContext(), settings);
            });
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresTollgateDb>(o => TollgateDatabase.Configure(o, settings));
            services.AddSingleton(sp =>
            {
                var pool = sp.GetRequiredService<IDbContextFactory<PostgresTollgateDb>>();
                return new TollgateDbFactory(() => pool.CreateDbContext(), settings);
            });
        }
        return services;
    }
}
