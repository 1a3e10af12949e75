using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Tollgate.Billing.Rating;

/// <summary>The formats external CDRs can come in.</summary>
public enum CdrFileFormat
{
    Json,
    Csv,
}

/// <summary>One CDR as a file gave it, still as text; <see cref="Row"/> is where it was (CSV: as a spreadsheet numbers it, the header being row 1; JSON: its place in the array, from 1).</summary>
public sealed record CdrImportRow(int Row, string? CallId, string? AccountId, string? Callee, string? ConnectTime, string? DisconnectTime)
{
    /// <summary>Problems found while reading the row (an unknown member, a value of the wrong type), by column.</summary>
    public IReadOnlyList<(string Column, string Reason)> ReadErrors { get; init; } = [];
}

/// <summary>A CDR file that cannot be read at all: nothing of it is stored. <see cref="Where"/> names the place (row 1, column C).</summary>
public sealed class CdrFileException(string message, string where = "file") : Exception(message)
{
    public string Where { get; } = where;
}

/// <summary>Reads external CDRs: a JSON array of objects, or CSV with a header row, with the columns the import names.</summary>
/// <remarks>
/// <para>
/// The columns are <c>callId</c>, <c>accountId</c>, <c>callee</c>, <c>connectTime</c> and <c>disconnectTime</c>. CSV headers
/// match ignoring letter case, in any order, separated by commas, semicolons or tabs; an unknown or missing header
/// refuses the file. Rows are read one at a time, so a file of millions of CDRs takes little memory.
/// </para>
/// <para>
/// A JSON file is checked whole first (<see cref="CheckAsync"/>): a syntax error refuses it before any row is stored.
/// CSV needs no such pass: a bad byte sequence is a problem of its row.
/// </para>
/// </remarks>
public static class CdrImportFiles
{
    public static readonly IReadOnlyList<string> Columns = ["callId", "accountId", "callee", "connectTime", "disconnectTime"];

    /// <summary>Refuses, with a <see cref="CdrFileException"/>, a file whose overall shape is wrong. Leaves the stream where it was.</summary>
    public static async Task CheckAsync(Stream stream, CdrFileFormat format, CancellationToken ct)
    {
        var start = stream.Position;
        try
        {
            if (format == CdrFileFormat.Json)
            {
                await foreach (var _ in Elements(stream, ct)) { }
            }
            else
            {
                using var reader = CsvReaderFor(stream);
                _ = CsvHeader(reader);
            }
        }
        finally
        {
            stream.Position = start;
        }
    }

    public static IAsyncEnumerable<CdrImportRow> ReadAsync(Stream stream, CdrFileFormat format, CancellationToken ct) =>
        format == CdrFileFormat.Json ? ReadJsonAsync(stream, ct) : ReadCsvAsync(stream, ct);

    private static async IAsyncEnumerable<CdrImportRow> ReadJsonAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        var row = 0;
        await foreach (var element in Elements(stream, ct))
        {
            row++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                yield return new CdrImportRow(row, null, null, null, null, null) { ReadErrors = [("", $"must be a JSON object, not {Kind(element.ValueKind)}")] };
                continue;
            }
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var errors = new List<(string, string)>();
            foreach (var member in element.EnumerateObject())
            {
                var column = Columns.FirstOrDefault(c => c == member.Name);
                if (column is null)
                {
                    errors.Add((member.Name, $"is not a member of a CDR; the members are {string.Join(", ", Columns)}"));
                    continue;
                }
                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[column] = member.Value.GetString();
                        break;
                    case JsonValueKind.Number when column is "callId" or "accountId" or "callee":
                        values[column] = member.Value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        values[column] = null;
                        break;
                    default:
                        errors.Add((column, $"must be a string, not {Kind(member.Value.ValueKind)}"));
                        break;
                }
            }
            yield return new CdrImportRow(row, values.GetValueOrDefault("callId"), values.GetValueOrDefault("accountId"), values.GetValueOrDefault("callee"),
                values.GetValueOrDefault("connectTime"), values.GetValueOrDefault("disconnectTime")) { ReadErrors = errors };
        }
    }

    private static async IAsyncEnumerable<JsonElement> Elements(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        var first = await FirstSignificantByteAsync(stream, ct);
        if (first != '[') throw new CdrFileException(first < 0 ? "The file is empty." : "The file is not a JSON array of CDRs (it must start with '[').");
        var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                JsonElement element;
                try
                {
                    if (!await elements.MoveNextAsync()) yield break;
                    element = elements.Current;
                }
                catch (JsonException e)
                {
                    throw new CdrFileException($"The file is not valid JSON: {e.Message}",
                        e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "file");
                }
                yield return element;
            }
        }
        finally
        {
            await elements.DisposeAsync();
        }
    }

    /// <summary>The first byte that is not white space (after a UTF-8 byte order mark), or -1; the stream is rewound.</summary>
    private static async Task<int> FirstSignificantByteAsync(Stream stream, CancellationToken ct)
    {
        var start = stream.Position;
        var buffer = new byte[256];
        var found = -1;
        int read;
        while (found < 0 && (read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            for (var i = 0; i < read && found < 0; i++)
            {
                var b = buffer[i];
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
                found = b;
            }
        }
        stream.Position = start;
        return found;
    }

    private static async IAsyncEnumerable<CdrImportRow> ReadCsvAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = CsvReaderFor(stream);
        var positions = CsvHeader(reader);
        var at = Columns.Select(c => positions[c]).ToArray();
        var cells = new string?[at.Length];
        while (await reader.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var parser = reader.Parser;
            // Each field is read once: the parser makes a new string every time one is asked for.
            var blank = true;
            for (var i = 0; i < at.Length; i++)
            {
                var value = at[i] < parser.Count ? parser[at[i]] : null;
                cells[i] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
                blank &= cells[i] is null;
            }
            if (blank && Enumerable.Range(0, parser.Count).All(i => string.IsNullOrWhiteSpace(parser[i]))) continue;
            yield return new CdrImportRow(parser.Row, cells[0], cells[1], cells[2], cells[3], cells[4]);
        }
    }

    private static CsvReader CsvReaderFor(Stream stream)
    {
        // Not strict UTF-8: a bad byte becomes U+FFFD, and the row it is in is refused for it, not the whole file.
        var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        return new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            IgnoreBlankLines = true,
            MissingFieldFound = null,
        });
    }

    /// <summary>Reads the header row: where each column is. Every problem of the header is reported at once.</summary>
    private static Dictionary<string, int> CsvHeader(CsvReader reader)
    {
        if (!reader.Read()) throw new CdrFileException("The file is empty.");
        var parser = reader.Parser;
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<(string Where, string Reason)>();
        for (var i = 0; i < parser.Count; i++)
        {
            var text = parser[i]?.Trim() ?? "";
            if (text.Length == 0) continue;
            var column = Columns.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
            var where = $"row {parser.Row}, column {Letter(i)}";
            if (column is null) problems.Add((where, $"'{text}' is not a column; the columns are {string.Join(", ", Columns)}"));
            else if (!positions.TryAdd(column, i)) problems.Add((where, $"'{column}' appears twice"));
        }
        foreach (var missing in Columns.Where(c => !positions.ContainsKey(c))) problems.Add(("header", $"the column '{missing}' is missing"));
        if (problems.Count > 0)
            throw new CdrFileException("The header row is not right: " + string.Join("; ", problems.Select(p => $"{p.Where}: {p.Reason}")), problems[0].Where);
        return positions;
    }

    /// <summary>A spreadsheet's letter for a 0-based column: 0 → A, 26 → AA.</summary>
    public static string Letter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a string",
    };
}
