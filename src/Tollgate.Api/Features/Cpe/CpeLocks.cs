using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Cpe;

namespace Tollgate.Api.Features.Cpe;

/// <summary>Row locks on devices for the write-transaction pattern (see <see cref="TollgateDb.BeginWriteAsync"/>).</summary>
internal static class CpeLocks
{
    /// <summary>Locks many devices at once, in id order so two requests over overlapping sets cannot deadlock.</summary>
    /// <remarks>SQLite already holds the database's write lock inside <see cref="TollgateDb.BeginWriteAsync"/>.</remarks>
    public static async Task LockDevicesAsync(TollgateDb db, IEnumerable<long> ids, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.PostgreSql) return;
        var table = db.Model.FindEntityType(typeof(CpeDevice))!.GetTableName();
        var sorted = ids.Distinct().Order().ToArray();
#pragma warning disable EF1002 // The table name comes from the model, not from input; the ids are a parameter.
        await db.Database.ExecuteSqlRawAsync($"SELECT 1 FROM (SELECT id FROM \"{table}\" WHERE id = ANY({{0}}) ORDER BY id FOR UPDATE) AS locked", [sorted], ct);
#pragma warning restore EF1002
    }
}
