using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tollgate.Data;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Storage;

/// <summary><see cref="RowLocks.ForUpdate{T}"/>: a tenant-filtered read that locks what it returns, and nothing the filter hides.</summary>
public abstract class RowLockTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task ForUpdate_LocksTheRowsTheQueryReturns_AndNoneItsScopeHides()
    {
        var admin = await App.AdminAsync();
        var mine = await admin.CreateCustomerAsync();
        var theirs = await admin.CreateCustomerAsync();

        await using var db = App.Service<TollgateDbFactory>().Create(TenantScope.OfCustomer(mine, null));
        await using var tx = await db.BeginWriteAsync();
        var read = await db.Customers.Where(c => c.Id == mine || c.Id == theirs).ForUpdate().Select(c => c.Id).ToListAsync();

        read.ShouldBe([mine]);
        // SQLite has no row locks (the write transaction holds the whole database); there the query must simply run.
        if (db.Provider == DatabaseProvider.PostgreSql)
        {
            (await IsLockedAsync(mine)).ShouldBeTrue("the row the query returned is locked until the transaction ends");
            (await IsLockedAsync(theirs)).ShouldBeFalse("a row outside the caller's scope is never locked");
        }
    }

    /// <summary>Whether another connection finds the customer's row locked (it asks without waiting).</summary>
    private async Task<bool> IsLockedAsync(long customerId)
    {
        await using var other = App.Database();
        await using var tx = await other.Database.BeginTransactionAsync();
        try
        {
            await other.Database.ExecuteSqlAsync($"SELECT 1 FROM customers WHERE id = {customerId} FOR UPDATE NOWAIT");
            return false;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return true;
        }
    }
}

public sealed class RowLockTestsOnSqlite(SqliteApp app) : RowLockTests(app), IClassFixture<SqliteApp>;

public sealed class RowLockTestsOnPostgres(PostgresApp app) : RowLockTests(app), IClassFixture<PostgresApp>;
