using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Data.Audit;
using Tollgate.Domain.Access;

namespace Tollgate.Data;

/// <summary>Hands out database contexts for a given tenant scope, whichever provider is configured.</summary>
/// <remarks>Contexts come from a pool; each is scoped before it is returned, so none leaks a previous caller's scope.</remarks>
public sealed class TollgateDbFactory(Func<TollgateDb> create, DatabaseSettings settings)
{
    public DatabaseSettings Settings { get; } = settings;

    /// <summary>A context that sees <paramref name="scope"/>; its changes are audited as made by <paramref name="actor"/> when given.</summary>
    public TollgateDb Create(TenantScope scope, AuditActor? actor = null)
    {
        var db = create();
        db.Reset(scope, actor);
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
        services.TryAddSingleton(TimeProvider.System);
        // The audit trail and after-commit actions ride on every context (see UnitOfWork).
        services.AddSingleton<IInterceptor, AuditSaveInterceptor>();
        services.AddSingleton<IInterceptor, UnitOfWorkTransactions>();
        services.AddSingleton<IInterceptor, RowLocks.Interceptor>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            services.AddPooledDbContextFactory<SqliteTollgateDb>((sp, o) =>
                TollgateDatabase.Configure(o, settings).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton(sp =>
            {
                var pool = sp.GetRequiredService<IDbContextFactory<SqliteTollgateDb>>();
                return new TollgateDbFactory(() => pool.CreateDbContext(), settings);
            });
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresTollgateDb>((sp, o) =>
                TollgateDatabase.Configure(o, settings).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddSingleton(sp =>
            {
                var pool = sp.GetRequiredService<IDbContextFactory<PostgresTollgateDb>>();
                return new TollgateDbFactory(() => pool.CreateDbContext(), settings);
            });
        }
        return services;
    }
}
