namespace Tollgate.Testing;

/// <summary>The database engines every integration test runs against.</summary>
public enum DbKind
{
    Sqlite,
    Postgres,
}

/// <summary>Fresh, empty databases for tests.</summary>
public static class TestDatabase
{
    /// <summary>A connection string to a new empty database: a SQLite file in <paramref name="folder"/>, or a new PostgreSQL database.</summary>
    public static async Task<string> CreateAsync(DbKind kind, string folder) => kind switch
    {
        DbKind.Sqlite => $"Data Source={Path.Combine(folder, "tollgate.db")}",
        _ => await PostgresServer.CreateDatabaseAsync(),
    };
}
