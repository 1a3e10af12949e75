using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Tollgate.Data;

/// <summary>A connection string and the provider it names.</summary>
/// <remarks>
/// <c>Data Source=…</c> (or <c>Filename=…</c>) is SQLite; <c>Host=…</c> (or <c>Server=…</c>) is PostgreSQL. Anything else is
/// refused by <see cref="TryParse"/> with a sentence a person can act on.
/// </remarks>
public sealed record DatabaseSettings
{
    public DatabaseSettings(string connectionString)
    {
        if (!TryParse(connectionString, out var provider, out var error)) throw new ArgumentException(error, nameof(connectionString));
        ConnectionString = connectionString;
        Provider = provider;
    }

    public string ConnectionString { get; }
    public DatabaseProvider Provider { get; }

    public static bool TryParse(string? connectionString, out DatabaseProvider provider, out string error)
    {
        provider = default;
        error = "";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = "the database connection string is empty";
            return false;
        }
        var keys = KeysOf(connectionString);
        if (keys is null)
        {
            error = "the database connection string is not of the form key=value;key=value";
            return false;
        }
        if (keys.Contains("data source") || keys.Contains("datasource") || keys.Contains("filename"))
        {
            provider = DatabaseProvider.Sqlite;
            try { _ = new SqliteConnectionStringBuilder(connectionString); }
            catch (ArgumentException e) { error = $"the SQLite connection string is invalid: {e.Message}"; return false; }
            return true;
        }
        if (keys.Contains("host") || keys.Contains("server"))
        {
            provider = DatabaseProvider.PostgreSql;
            try { _ = new NpgsqlConnectionStringBuilder(connectionString); }
            catch (ArgumentException e) { error = $"the PostgreSQL connection string is invalid: {e.Message}"; return false; }
            return true;
        }
        error = "the database connection string names no known provider: use 'Data Source=FILE' for SQLite or 'Host=…;Database=…' for PostgreSQL";
        return false;
    }

    /// <summary>A redacted form safe to print: the password is never shown.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite)
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {b.Host}:{b.Port}/{b.Database}";
    }

    private static HashSet<string>? KeysOf(string connectionString)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return null;
            keys.Add(part[..eq].Trim().ToLowerInvariant());
        }
        return keys;
    }
}

/// <summary>Builds context options for the provider a connection string names.</summary>
public static class TollgateDatabase
{
    public static DbContextOptionsBuilder<TContext> Options<TContext>(DatabaseSettings settings) where TContext : TollgateDb
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder, settings);
        return builder;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
            builder.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(typeof(TollgateDb).Assembly.GetName().Name));
        else
            builder.UseNpgsql(WithPostgresDefaults(settings.ConnectionString), o => o.MigrationsAssembly(typeof(TollgateDb).Assembly.GetName().Name));
        builder.UseSnakeCaseNamingConvention();
        // Accounts point at customers whose filter hides them from an account's own scope; queries never need that join.
        builder.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        return builder;
    }

    /// <summary>Statements each pooled PostgreSQL connection keeps prepared unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>A PostgreSQL connection string with Tollgate's defaults for what the operator left unsaid.</summary>
    /// <remarks>
    /// <c>Max Auto Prepare</c>: a statement a connection runs a few times (Npgsql's <c>Auto Prepare Min Usages</c>, 5)
    /// is prepared on the server, so PostgreSQL stops parsing and planning it on every run. EF Core's SQL for a query is
    /// the same text every time, so nearly every statement of a busy API is such a statement; without this, parsing and
    /// planning took about half of PostgreSQL's CPU time in the IP Centrex creation benchmark. Setting it in the
    /// connection string (0 turns it off) wins.
    /// <para>
    /// <c>No Reset On Close</c>: a connection going back to the pool is not reset. With prepared statements kept, Npgsql's
    /// reset is seven statements (<c>RESET ALL</c>, <c>DISCARD TEMP</c>, <c>pg_advisory_unlock_all()</c>, …) sent before
    /// the connection's next command: 113,000 of each for 11,000 calls through the switch, where a call opens the pool
    /// about ten times. Tollgate leaves no session state behind (no temporary tables, session settings, advisory locks,
    /// cursors or LISTEN on pooled connections; settings and locks are per transaction), and a transaction left open is
    /// still rolled back when its connection is returned. Setting it in the connection string wins.
    /// </para>
    /// </remarks>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare")) builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>The concrete context type for a provider (each owns its migrations).</summary>
    public static Type ContextType(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? typeof(SqliteTollgateDb) : typeof(PostgresTollgateDb);
}
