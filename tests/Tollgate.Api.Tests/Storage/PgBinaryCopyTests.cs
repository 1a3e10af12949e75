using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tollgate.Data;

namespace Tollgate.Api.Tests.Storage;

/// <summary><see cref="PgBinaryCopy"/>: values it encodes itself come back from PostgreSQL exactly as written.</summary>
public sealed class PgBinaryCopyTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static readonly decimal[] Numbers =
    [
        0m, 0.00m, 1m, -1m, 1.5m, -1.5m, 0.000123m, 12345678.9m, 10000m, 100000000m, -0.0001m, 9999.9999m, 0.6m, 1.000001m,
        123456789.123456789m, 0.0000000000000000000000000001m, decimal.MaxValue, decimal.MinValue, 1402660.470000m,
    ];

    [Fact]
    public async Task EveryKindOfValue_ReadsBackAsWritten()
    {
        var (db, connection) = await TempTableAsync("copied", "n int, b bigint, i int, t varchar(200), ts timestamptz, d date, amount numeric, missing bigint");
        await using var owned = db;
        var at = new DateTime(2026, 10, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234560); // whole microseconds
        var rows = Numbers.Select((amount, n) => (N: n, B: long.MinValue + n, I: int.MaxValue - n, T: $"é→{n}", Ts: at.AddDays(-n * 400),
            D: new DateOnly(1999, 12, 31).AddDays(n * 1000), Amount: amount)).ToList();

        await using (var copy = await PgBinaryCopy.BeginAsync(connection, "copied", ["n", "b", "i", "t", "ts", "d", "amount", "missing"], default))
        {
            foreach (var r in rows)
            {
                copy.StartRow();
                copy.Write(r.N);
                copy.Write(r.B);
                copy.Write(r.I);
                copy.Write(r.T);
                copy.Write(r.Ts);
                copy.Write(r.D);
                copy.Write(r.Amount);
                copy.Write((long?)null);
            }
            await copy.CompleteAsync(default);
        }

        await using var read = new NpgsqlCommand("SELECT n, b, i, t, ts, d, amount, amount::text, missing FROM copied ORDER BY n", connection);
        await using var reader = await read.ExecuteReaderAsync();
        foreach (var r in rows)
        {
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetInt32(0).ShouldBe(r.N);
            reader.GetInt64(1).ShouldBe(r.B);
            reader.GetInt32(2).ShouldBe(r.I);
            reader.GetString(3).ShouldBe(r.T);
            reader.GetFieldValue<DateTime>(4).ShouldBe(r.Ts);
            reader.GetFieldValue<DateOnly>(5).ShouldBe(r.D);
            reader.GetDecimal(6).ShouldBe(r.Amount);
            // The scale survives too: 0.00 stays 0.00, 1402660.470000 keeps its six decimals.
            reader.GetString(7).ShouldBe(r.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            reader.IsDBNull(8).ShouldBeTrue();
        }
        (await reader.ReadAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task AUniqueViolation_IsThrownOnCompletion_AndAnUnfinishedCopyStoresNothing()
    {
        var (db, connection) = await TempTableAsync("keyed", "k bigint PRIMARY KEY");
        await using var owned = db;

        var duplicate = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var copy = await PgBinaryCopy.BeginAsync(connection, "keyed", ["k"], default);
            foreach (var k in new[] { 1L, 2L, 1L })
            {
                copy.StartRow();
                copy.Write(k);
            }
            await copy.CompleteAsync(default);
        });
        duplicate.SqlState.ShouldBe(PostgresErrorCodes.UniqueViolation);

        await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await using var copy = await PgBinaryCopy.BeginAsync(connection, "keyed", ["k"], default);
            copy.StartRow();
            copy.Write(7L);
            throw new InvalidOperationException("the caller fails half-way");
        });

        // The connection is usable afterwards and neither COPY stored a row.
        await using var count = new NpgsqlCommand("SELECT count(*) FROM keyed", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task ARowWithTooFewColumns_IsRefusedBeforeItIsSent()
    {
        var (db, connection) = await TempTableAsync("pairs", "a bigint, b bigint");
        await using var owned = db;
        await using var copy = await PgBinaryCopy.BeginAsync(connection, "pairs", ["a", "b"], default);
        copy.StartRow();
        copy.Write(1L);
        Should.Throw<InvalidOperationException>(() => copy.StartRow()).Message.ShouldContain("2 columns; 1 were written");
        Should.Throw<ArgumentException>(() => copy.Write(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)));
    }

    /// <summary>An open connection of Tollgate's pool with an empty temporary table <paramref name="name"/>; dispose the context when done.</summary>
    private async Task<(TollgateDb Db, NpgsqlConnection Connection)> TempTableAsync(string name, string columns)
    {
        var db = app.App.Database();
        await db.Database.OpenConnectionAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Temporary tables outlive the test on its pooled connection (Tollgate's pool does not reset sessions), hence the DROP first.
        await using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS {name}; CREATE TEMP TABLE {name} ({columns})", connection);
        await command.ExecuteNonQueryAsync();
        return (db, connection);
    }
}
