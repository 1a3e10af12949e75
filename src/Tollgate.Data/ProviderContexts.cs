using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tollgate.Data;

/// <summary>The Tollgate database on SQLite (the embedded default); owns the SQLite migration set.</summary>
public sealed class SqliteTollgateDb(DbContextOptions<SqliteTollgateDb> options) : TollgateDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>The Tollgate database on PostgreSQL; owns the PostgreSQL migration set.</summary>
public sealed class PostgresTollgateDb(DbContextOptions<PostgresTollgateDb> options) : TollgateDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without a running application.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTollgateDb>
{
    public SqliteTollgateDb CreateDbContext(string[] args) =>
        new(TollgateDatabase.Options<SqliteTollgateDb>(new DatabaseSettings("Data Source=design-time.db")).Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTollgateDb>
{
    public PostgresTollgateDb CreateDbContext(string[] args) =>
        new(TollgateDatabase.Options<PostgresTollgateDb>(new DatabaseSettings("Host=localhost;Database=tollgate_design")).Options);
}
