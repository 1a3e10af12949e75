using Npgsql;
using Tollgate.Data;

namespace Tollgate.Api.Tests.Hosting;

/// <summary>Tollgate fills in what a PostgreSQL connection string leaves unsaid, and never overrides what it says.</summary>
public sealed class PostgresDefaultsTests
{
    [Fact]
    public void WithPostgresDefaults_Unsaid_PreparesStatements_SkipsTheSessionReset_AndKeepsTheRest()
    {
        var result = new NpgsqlConnectionStringBuilder(TollgateDatabase.WithPostgresDefaults("Host=db.internal;Database=tollgate;Maximum Pool Size=30"));
        result.MaxAutoPrepare.ShouldBe(TollgateDatabase.DefaultMaxAutoPrepare);
        result.NoResetOnClose.ShouldBeTrue();
        (result.Host, result.Database, result.MaxPoolSize).ShouldBe(("db.internal", "tollgate", 30));
    }

    [Theory]
    [InlineData("Host=db;Database=t;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Database=t;max auto prepare=7", 7, true)]
    [InlineData("Host=db;Database=t;No Reset On Close=false", TollgateDatabase.DefaultMaxAutoPrepare, false)]
    [InlineData("Host=db;Database=t;Max Auto Prepare=3;noresetonclose=false", 3, false)]
    public void WithPostgresDefaults_Said_IsLeftAlone(string given, int prepare, bool noReset)
    {
        var result = new NpgsqlConnectionStringBuilder(TollgateDatabase.WithPostgresDefaults(given));
        (result.MaxAutoPrepare, result.NoResetOnClose, result.Host, result.Database).ShouldBe((prepare, noReset, "db", "t"));
    }
}
