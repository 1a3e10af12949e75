using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tollgate.Data;

/// <summary>Reads rows and locks them in the same statement (PostgreSQL <c>FOR UPDATE</c>), so a check-then-write needs no separate lock round trip.</summary>
/// <remarks>
/// <para>
/// <see cref="ForUpdate{T}"/> marks a query; when it runs on PostgreSQL, <c>FOR UPDATE</c> is appended to its SQL. Only
/// the rows the query returns are locked, so a tenant-filtered query never locks a row the caller may not see. On SQLite
/// nothing is added: <see cref="TollgateDb.BeginWriteAsync"/> already holds the database's write lock.
/// </para>
/// <para>
/// Use it inside <see cref="TollgateDb.BeginWriteAsync"/> (the lock lasts until the transaction ends), on a single query
/// of one table (PostgreSQL refuses <c>FOR UPDATE</c> on the nullable side of an outer join). Counts and checks that the
/// lock guards must run in later statements: under READ COMMITTED a statement that waited for the lock still reads
/// with the snapshot it started with, and only the locked row itself is re-read.
/// </para>
/// </remarks>
public static class RowLocks
{
    /// <summary>
    /// The tag <see cref="ForUpdate{T}"/> puts on a query; a compiled query (<c>EF.CompileAsyncQuery</c>) cannot call
    /// that method, so it writes <c>.TagWith(RowLocks.Tag)</c> itself.
    /// </summary>
    public const string Tag = "tollgate: lock the rows read (FOR UPDATE)";

    private const string Marker = "-- " + Tag;

    /// <summary>Locks the rows this query returns until the transaction ends (PostgreSQL); SQLite's write transaction holds them already.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(Tag);

    /// <summary>Appends <c>FOR UPDATE</c> to the SQL of marked queries on PostgreSQL.</summary>
    internal sealed class Interceptor : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Apply(command, eventData);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            Apply(command, eventData);
            return ValueTask.FromResult(result);
        }

        private static void Apply(DbCommand command, CommandEventData eventData)
        {
            if (eventData.Context is TollgateDb { Provider: DatabaseProvider.PostgreSql } && command.CommandText.Contains(Marker, StringComparison.Ordinal))
                command.CommandText += "\nFOR UPDATE";
        }
    }
}
