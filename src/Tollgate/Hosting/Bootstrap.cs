using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Hosting;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Hosting;

/// <summary>What happens before a process serves requests: migrations, the first administrator, demo data.</summary>
public static class Bootstrap
{
    public const string FirstAdministrator = "admin";

    /// <summary>Brings the database schema up to date (safe to run from several processes at once on PostgreSQL).</summary>
    public static async Task MigrateAsync(TollgateDbFactory databases, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            // Npgsql's EF provider reads the history table before creating it, so the first start on a new database
            // logged the expected "relation does not exist" as a failed command (npgsql/efcore.pg#3407). EF's own
            // script creates the table first (IF NOT EXISTS: a no-op on a database that has it).
            try
            {
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another process starting at the same moment created it between the check and the creation: it exists.
            }
        }
        await db.Database.MigrateAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging lets readers proceed while one writer commits; it persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>
    /// Creates administrator <c>admin</c> when there is no administrator at all. Returns the generated password when
    /// none was given (to be shown once), null otherwise.
    /// </summary>
    public static async Task<(bool Created, string? GeneratedPassword)> EnsureAdministratorAsync(
        WebApplication app, string? password, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var databases = scope.ServiceProvider.GetRequiredService<TollgateDbFactory>();
        await using var db = databases.CreateSystem();
        if (await db.Administrators.AnyAsync(ct)) return (false, null);

        var generated = password is null ? scope.ServiceProvider.GetRequiredService<IRandomSource>().Password(20) : null;
        var credentials = scope.ServiceProvider.GetRequiredService<CredentialStore>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await using var tx = await db.BeginWriteAsync(ct);
        var admin = new Administrator
        {
            Name = "Administrator",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Credential = credentials.New(Realm.Admin, CredentialOwner.Administrator, FirstAdministrator, password ?? generated),
        };
        db.Administrators.Add(admin);
        await db.SaveChangesAsync(ct);
        admin.Credential.OwnerId = admin.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (true, generated);
    }

    /// <summary>Fills an empty database (no reseller, customer or account yet) with the demonstration provider.</summary>
    public static async Task<DemoData?> SeedDemoAsync(WebApplication app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var databases = scope.ServiceProvider.GetRequiredService<TollgateDbFactory>();
        await using var db = databases.CreateSystem();
        if (await db.Resellers.AnyAsync(ct) || await db.Customers.AnyAsync(ct)) return null;
        var demo = new DemoData();
        await using var tx = await db.BeginWriteAsync(ct);
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
            await seeder.SeedAsync(db, demo, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return demo;
    }
}
