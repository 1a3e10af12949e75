using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Tollgate.Billing.Rating;
using Tollgate.Data.Rating;

namespace Tollgate.Api.Features.Rating;

/// <summary>A rate file row: its values, and what could not be read from its cells.</summary>
public sealed record RateRow(int Row, RateValues Values, IReadOnlyList<(string Column, string Reason)> Problems);

/// <summary>Rate files: CSV with a header row, one rate per row; the same columns for upload and download.</summary>
/// <remarks>
/// Columns: <c>prefix</c>, <c>pricePerMinute</c>, <c>connectFee</c>, <c>firstInterval</c>, <c>nextInterval</c>,
/// <c>graceSeconds</c>, <c>effectiveFrom</c>, <c>effectiveTo</c>. Headers match ignoring letter case, in any order;
/// <c>prefix</c> and <c>pricePerMinute</c> are mandatory, the others may be left out (whole columns or single cells).
/// Numbers use a dot for decimals; dates are <c>yyyy-MM-dd</c>. Commas, semicolons and tabs separate cells. Row
/// numbers are those a spreadsheet shows, the header being row 1.
/// </remarks>
public static class RateCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["prefix", "pricePerMinute", "connectFee", "firstInterval", "nextInterval", "graceSeconds", "effectiveFrom", "effectiveTo"];

    private static readonly string[] Mandatory = ["prefix", "pricePerMinute"];

    /// <summary>Reads every row; a file that cannot be read as a rate file at all (no header, a wrong header, not UTF-8) throws <see cref="RateFileException"/>.</summary>
    public static List<RateRow> Read(Stream stream)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        using var parser = new CsvParser(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            IgnoreBlankLines = true,
        });
        try
        {
            if (!parser.Read()) throw new RateFileException("The file is empty.", []);
            var positions = Header(parser);
            var rows = new List<RateRow>();
            while (parser.Read())
            {
                string? Cell(string column) => positions.TryGetValue(column, out var i) && i < parser.Count && !string.IsNullOrWhiteSpace(parser[i]) ? parser[i].Trim() : null;
                if (Enumerable.Range(0, parser.Count).All(i => string.IsNullOrWhiteSpace(parser[i]))) continue;
                var problems = new List<(string, string)>();
                var values = new RateValues(
                    Cell("prefix"),
                    Decimal(Cell("pricePerMinute"), "pricePerMinute", problems),
                    Decimal(Cell("connectFee"), "connectFee", problems),
                    Int(Cell("firstInterval"), "firstInterval", problems),
                    Int(Cell("nextInterval"), "nextInterval", problems),
                    Int(Cell("graceSeconds"), "graceSeconds", problems),
                    Date(Cell("effectiveFrom"), "effectiveFrom", problems),
                    Date(Cell("effectiveTo"), "effectiveTo", problems));
                rows.Add(new RateRow(parser.Row, values, problems));
            }
            return rows;
        }
        catch (DecoderFallbackException)
        {
            throw new RateFileException($"Row {parser.Row + 1} is not UTF-8 text; save the file as 'CSV UTF-8'.", []);
        }
    }

    private static Dictionary<string, int> Header(CsvParser parser)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<(int, string, string)>();
        for (var i = 0; i < parser.Count; i++)
        {
            var text = parser[i]?.Trim() ?? "";
            if (text.Length == 0) continue;
            var column = Columns.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            var letter = CdrImportFiles.Letter(i);
            if (column is null) problems.Add((parser.Row, letter, $"'{text}' is not a column; the columns are {string.Join(", ", Columns)}"));
            else if (!positions.TryAdd(column, i)) problems.Add((parser.Row, letter, $"'{column}' appears twice"));
        }
        foreach (var missing in Mandatory.Where(c => !positions.ContainsKey(c))) problems.Add((parser.Row, missing, "the mandatory column is missing"));
        if (problems.Count > 0) throw new RateFileException("The header row is not right.", problems);
        return positions;
    }

    /// <summary>Writes rates as a rate file (the same columns an upload takes), ordered by prefix and start.</summary>
    public static async Task WriteAsync(IAsyncEnumerable<Rate> rates, Stream target, CancellationToken ct)
    {
        await using var text = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await using var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var column in Columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        await foreach (var r in rates.WithCancellation(ct))
        {
            csv.WriteField(r.Prefix);
            csv.WriteField(Plain(r.PricePerMinute));
            csv.WriteField(Plain(r.ConnectFee));
            csv.WriteField(r.FirstInterval);
            csv.WriteField(r.NextInterval);
            csv.WriteField(r.GraceSeconds);
            csv.WriteField(r.EffectiveFrom == Rate.Always ? "" : r.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(r.EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            await csv.NextRecordAsync();
        }
    }

    private static string Plain(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static decimal? Decimal(string? text, string column, List<(string, string)> problems)
    {
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        problems.Add((column, $"'{text}' is not a number (use a dot for decimals, e.g. 0.025)"));
        return null;
    }

    private static int? Int(string? text, string column, List<(string, string)> problems)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        problems.Add((column, $"'{text}' is not a whole number of seconds"));
        return null;
    }

    private static DateOnly? Date(string? text, string column, List<(string, string)> problems)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)) return value;
        problems.Add((column, $"'{text}' is not a date of the form 2026-06-01"));
        return null;
    }
}

/// <summary>A rate file that cannot be read as one; <see cref="Rows"/> names the places (row, column, reason), if any.</summary>
public sealed class RateFileException(string message, IReadOnlyList<(int Row, string Column, string Reason)> rows) : Exception(message)
{
    public IReadOnlyList<(int Row, string Column, string Reason)> Rows { get; } = rows;
}
