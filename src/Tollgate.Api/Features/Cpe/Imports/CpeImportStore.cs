using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Keeps uploaded files in the database, in pieces, so any worker process can read them and memory stays flat.</summary>
public static class CpeImportStore
{
    /// <summary>The size of one stored piece: large enough to be few, small enough to hold one in memory at a time.</summary>
    public const int ChunkSize = 1 << 20;

    /// <summary>Stores a file as the pieces of an import, in the caller's transaction.</summary>
    public static async Task SaveAsync(TollgateDb db, long importId, string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[ChunkSize];
        for (var sequence = 0; ; sequence++)
        {
            var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read == 0) break;
            var chunk = new CpeImportChunk { ImportId = importId, Sequence = sequence, Data = buffer[..read] };
            db.CpeImportChunks.Add(chunk);
            await db.SaveChangesAsync(ct);
            db.Entry(chunk).State = EntityState.Detached;
        }
    }

    /// <summary>Writes an import's file to <paramref name="target"/>, a piece at a time; false when nothing is stored for it.</summary>
    public static async Task<bool> CopyToAsync(TollgateDb db, long importId, Stream target, CancellationToken ct)
    {
        var sequence = 0;
        while (await db.CpeImportChunks.AsNoTracking().Where(c => c.ImportId == importId && c.Sequence == sequence)
                   .Select(c => c.Data).FirstOrDefaultAsync(ct) is { } data)
        {
            await target.WriteAsync(data, ct);
            sequence++;
        }
        return sequence > 0;
    }

    /// <summary>Forgets an import's file (once it has been read to the end).</summary>
    public static Task DeleteAsync(TollgateDb db, long importId, CancellationToken ct) =>
        db.CpeImportChunks.Where(c => c.ImportId == importId).ExecuteDeleteAsync(ct);
}
