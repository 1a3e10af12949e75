using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tollgate.Data;

/// <summary>Recognises database errors that mean an expected conflict rather than a fault.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the write: someone else (perhaps concurrently) holds that value.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && (s.SqliteExtendedErrorCode is 2067 or 1555),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>The name of the violated unique index or constraint when the provider reports it (PostgreSQL does).</summary>
    public static string? ConstraintName(DbUpdateException e) =>
        e.InnerException is PostgresException p ? p.ConstraintName : e.InnerException?.Message;
}
