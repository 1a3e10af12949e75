namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>One column of the device upload file: its header as the template spells it, and whether every row must fill it.</summary>
public sealed record CpeImportColumn(string Header, bool Mandatory, string Help)
{
    /// <summary>Headers match ignoring letter case and runs of spaces, so "mac  address" finds "MAC address".</summary>
    public static string KeyOf(string header) => string.Join(' ', header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}

/// <summary>The columns of the device upload file, in the template's order.</summary>
/// <remarks>
/// A file may put the columns in any order and leave out optional ones, but it must have the four mandatory
/// columns and no column the template does not know (a misspelt header would otherwise be ignored silently).
/// </remarks>
public static class CpeImportColumns
{
    public static readonly CpeImportColumn Action = new("Action", true, "Add (put the device in the inventory) or Remove (take it out)");
    public static readonly CpeImportColumn Name = new("Name", true, "The device id, e.g. Yealink_00:11:22:F (may be empty on Remove rows)");
    public static readonly CpeImportColumn Model = new("Device model", true, "A device model's name, e.g. Yealink SIP-T21P E2 (may be empty on Remove rows)");
    public static readonly CpeImportColumn Mac = new("MAC address", true, "e.g. 00:14:20:FF:3C:52, 00-14-20-ff-3c-52, 001420ff3c52 or 0014.20ff.3c52");
    public static readonly CpeImportColumn ManagedBy = new("Managed by", false, "A reseller's name, so that only this reseller (and the administrator) manages the device; empty: the administrator");
    public static readonly CpeImportColumn Profile = new("CPE profile", false, "A CPE profile's name for this model");
    public static readonly CpeImportColumn Shared = new("Shared with reseller", false, "Y to make the administrator's device available to every reseller; N or empty: not shared");
    public static readonly CpeImportColumn Customer = new("Tenant customer name", false, "A customer's name, to allocate the device to that customer");
    public static readonly CpeImportColumn InventoryId = new("Inventory ID", false, "Your own stock number, free text");

    public static IReadOnlyList<CpeImportColumn> All { get; } = [Action, Name, Model, Mac, ManagedBy, Profile, Shared, Customer, InventoryId];

    private static readonly Dictionary<string, CpeImportColumn> ByKey = All.ToDictionary(c => CpeImportColumn.KeyOf(c.Header));

    public static CpeImportColumn? Find(string header) => ByKey.GetValueOrDefault(CpeImportColumn.KeyOf(header));

    /// <summary>A spreadsheet's letter for a 0-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Letter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + ((n - 1) % 26)) + letters;
        return letters;
    }
}

/// <summary>Where each known column sits in a file, read from its header row.</summary>
public sealed class CpeImportHeader
{
    private readonly Dictionary<CpeImportColumn, int> _positions;

    private CpeImportHeader(Dictionary<CpeImportColumn, int> positions, int row)
    {
        _positions = positions;
        Row = row;
    }

    /// <summary>The file row the header is on (1 unless blank rows come first).</summary>
    public int Row { get; }

    /// <summary>The 0-based position of a column, or -1 when the file does not have it.</summary>
    public int this[CpeImportColumn column] => _positions.GetValueOrDefault(column, -1);

    /// <summary>Reads a header row; the problems say, per header cell, what is wrong (all of them at once).</summary>
    /// <returns>The header, or null with problems keyed <c>row 1, column C</c> (or <c>header</c> for a missing column).</returns>
    public static CpeImportHeader? Read(IReadOnlyList<string?> cells, int row, out Dictionary<string, string[]> problems, out bool looksLikeData)
    {
        problems = [];
        var positions = new Dictionary<CpeImportColumn, int>();
        var known = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var text = cells[i]?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            var where = $"row {row}, column {CpeImportColumns.Letter(i)}";
            var column = CpeImportColumns.Find(text);
            if (column is null)
                problems[where] = [$"'{text}' is not a column of the template; the columns are: {string.Join(", ", CpeImportColumns.All.Select(c => c.Header))}"];
            else if (positions.TryGetValue(column, out var first))
                problems[where] = [$"'{column.Header}' appears twice (first in column {CpeImportColumns.Letter(first)})"];
            else
            {
                positions[column] = i;
                known++;
            }
        }
        var missing = CpeImportColumns.All.Where(c => c.Mandatory && !positions.ContainsKey(c)).Select(c => $"the mandatory column '{c.Header}' is missing").ToArray();
        if (missing.Length > 0) problems["header"] = missing;
        looksLikeData = known == 0;
        return problems.Count == 0 ? new CpeImportHeader(positions, row) : null;
    }
}
