using System.Globalization;
using System.Text;
using CsvHelper;

namespace Tollgate.Testing.Files;

/// <summary>A device upload file for tests: a header and rows, written as CSV, XLS or XLSX.</summary>
public sealed class CpeFile
{
    public static readonly string[] TemplateHeader =
        ["Action", "Name", "Device model", "MAC address", "Managed by", "CPE profile", "Shared with reseller", "Tenant customer name", "Inventory ID"];

    public CpeFile(params string[] header) => Header = header.Length == 0 ? TemplateHeader : header;

    public string[] Header { get; }
    public List<object?[]> Rows { get; } = [];

    /// <summary>Adds a row in the template's column order (trailing columns may be left out).</summary>
    public CpeFile Row(params object?[] cells)
    {
        Rows.Add(cells);
        return this;
    }

    /// <summary>An Add row: name, model, MAC, then the optional columns.</summary>
    public CpeFile Add(string name, string model, string mac, string? managedBy = null, string? profile = null, string? shared = null,
        string? customer = null, object? inventoryId = null) =>
        Row("Add", name, model, mac, managedBy, profile, shared, customer, inventoryId);

    public CpeFile Remove(string mac, string? name = null, string? model = null) => Row("Remove", name, model, mac);

    public IEnumerable<IReadOnlyList<object?>> AllRows() => [Header, .. Rows];

    public byte[] Csv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            foreach (var row in AllRows())
            {
                foreach (var cell in row) csv.WriteField(cell is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : cell?.ToString() ?? "");
                csv.NextRecord();
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public byte[] Xlsx() => XlsxWriter.Write(AllRows());

    public byte[] Xls() => XlsWriter.Write(AllRows().ToList());

    /// <summary>The file in a format by its extension: "csv", "xls" or "xlsx".</summary>
    public byte[] As(string format) => format switch
    {
        "csv" => Csv(),
        "xls" => Xls(),
        "xlsx" => Xlsx(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
