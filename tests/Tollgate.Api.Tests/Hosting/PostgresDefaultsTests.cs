using Npgsql;
using Tollgate.Data;

namespace Tollgate.Api.Tests.Hosting;

/// <summary>Tollgate fills in what a PostgreSQL connection string leaves unsaid, and never overrides what it says.</summary>
public sealed class PostgresDefaultsTests
{
    [Fact]
    public void WithPostgresDefaults_Unsaid_PreparesStatements_AndKeepsTheRest()
    {
        var result = new NpgsqlConnectionStringBuilder(TollgateDatabase.WithPostgresDefaults("Host=db.internal;Database=tollgate;Maximum Pool Size=30"));
        result.MaxAutoPrepare.ShouldBe(TollgateDatabase.DefaultMaxAutoPrepare);
        (result.Host, result.Database, result.MaxPoolSize).ShouldBe(("db.internal", "tollgate", 30));
    }

    [Theory]
    [InlineData("Host=db;Database=t;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=t;max auto prepare=7", 7)]
    public void WithPostgresDefaults_Said_IsLeftAlone(string given, int expected)
    {
        TollgateDatabase.WithPostgresDefaults(given).ShouldBe(given);
        new NpgsqlConnectionStringBuilder(TollgateDatabase.WithPostgresDefaults(given)).MaxAutoPrepare.ShouldBe(expected);
    }
}
