using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tollgate.Api.Tests.Storage;

/// <summary>Pooled connections skip the session reset (<c>No Reset On Close</c>); an unfinished transaction must still never carry over.</summary>
public sealed class PooledSessionTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task AConnectionReturnedInsideATransaction_ComesBackWithItRolledBack()
    {
        await using var db = app.App.Database();
        // Tollgate's own connection string (its defaults applied), in a pool of one so the same session comes back.
        var pooled = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { MaxPoolSize = 1, ApplicationName = $"pool-{Guid.NewGuid():N}" };
        pooled.NoResetOnClose.ShouldBeTrue();
        long first;
        await using (var connection = new NpgsqlConnection(pooled.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS pooled_rows (k bigint)", connection)) await create.ExecuteNonQueryAsync();
            await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection)) first = Convert.ToInt64(await pid.ExecuteScalarAsync());
            var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO pooled_rows VALUES (1)", connection, transaction);
            await insert.ExecuteNonQueryAsync();
            // Closed without commit or rollback, as a request that failed half-way would leave it.
        }

        await using var again = new NpgsqlConnection(pooled.ConnectionString);
        await again.OpenAsync();
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", again)) Convert.ToInt64(await pid.ExecuteScalarAsync()).ShouldBe(first, "the same session");
        await using var state = new NpgsqlCommand("SELECT count(*) FROM pooled_rows", again);
        ((long)(await state.ExecuteScalarAsync())!).ShouldBe(0, "the insert of the unfinished transaction was rolled back");
        // Inside the old transaction (which wrote) this would be its id; a fresh implicit one has none assigned.
        await using var inTransaction = new NpgsqlCommand("SELECT txid_current_if_assigned() IS NULL", again);
        ((bool)(await inTransaction.ExecuteScalarAsync())!).ShouldBeTrue("the session is not inside the old transaction");
    }
}
