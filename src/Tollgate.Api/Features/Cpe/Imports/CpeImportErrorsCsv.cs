using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Tollgate.Data;
using Tollgate.Data.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>An import's failed rows as CSV (<c>Row,Column,Reason</c>), for the API and for <c>tollgate cpe import --errors</c>.</summary>
public static class CpeImportErrorsCsv
{
    private const int Page = 5000;

    /// <summary>Writes the errors in row order, a page at a time (keyed on row and id), so memory stays flat however many there are.</summary>
    public static async Task WriteAsync(TollgateDb db, long importId, Stream target, CancellationToken ct)
    {
        await using var text = new StreamWriter(target, new UTF8Encoding(true), 1 << 16, leaveOpen: true);
        // Reasons quote what the uploader typed; a cell starting with '=' must not become a formula in a spreadsheet.
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
        foreach (var header in new[] { "Row", "Column", "Reason" }) csv.WriteField(header);
        await csv.NextRecordAsync();
        (int Row, long Id) after = (0, 0);
        while (true)
        {
            var page = await db.CpeImportErrors.AsNoTracking()
                .Where(e => e.ImportId == importId && (e.Row > after.Row || (e.Row == after.Row && e.Id > after.Id)))
                .OrderBy(e => e.Row).ThenBy(e => e.Id).Take(Page)
                .Select(e => new { e.Id, e.Row, e.Column, e.Reason }).ToListAsync(ct);
            foreach (var error in page)
            {
                csv.WriteField(error.Row);
                csv.WriteField(error.Column);
                csv.WriteField(error.Reason);
                await csv.NextRecordAsync();
            }
            if (page.Count < Page) break;
            after = (page[^1].Row, page[^1].Id);
        }
    }
}
