using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>What a row of the upload file asks for.</summary>
public enum CpeImportAction
{
    Add,
    Remove,
}

/// <summary>One row of an upload file, read and checked on its own (before anything is looked up in the database).</summary>
public sealed class CpeImportRow
{
    public const int MaxName = 100;
    public const int MaxReference = 200;

    public int Row { get; private init; }
    public CpeImportAction Action { get; private init; }
    public MacAddress Mac { get; private init; }

    /// <summary>Whether the MAC address cell held a valid address (<see cref="Mac"/> is meaningful).</summary>
    public bool HasMac { get; private init; }
    public string? Name { get; private init; }
    public string? Model { get; private init; }
    public string? ManagedBy { get; private init; }
    public string? Profile { get; private init; }
    public bool Shared { get; private init; }
    public string? Customer { get; private init; }
    public string? InventoryId { get; private init; }

    /// <summary>Every reason the row cannot be applied, each with the column it concerns ("" for the whole row).</summary>
    public List<(string Column, string Reason)> Errors { get; } = [];

    public bool Failed => Errors.Count > 0;

    public void Fail(CpeImportColumn? column, string reason) => Errors.Add((column?.Header ?? "", reason));

    /// <summary>Reads the reader's current row through the header's column positions.</summary>
    public static CpeImportRow Read(CpeRowReader reader, CpeImportHeader header)
    {
        string? Cell(CpeImportColumn column) => reader.Get(header[column]);

        var errors = new List<(CpeImportColumn Column, string Reason)>();
        var actionText = Cell(CpeImportColumns.Action);
        CpeImportAction action = default;
        if (actionText is null) errors.Add((CpeImportColumns.Action, "is required: Add or Remove"));
        else if (!Enum.TryParse(actionText, ignoreCase: true, out action) || !Enum.IsDefined(action) || char.IsDigit(actionText[0]))
            errors.Add((CpeImportColumns.Action, $"'{actionText}' is not an action; use Add or Remove"));

        var mac = default(MacAddress);
        var macText = MacText(reader, header);
        if (macText is null) errors.Add((CpeImportColumns.Mac, "is required"));
        else if (!MacAddress.TryParse(macText, out mac, out var macError)) errors.Add((CpeImportColumns.Mac, $"'{macText}' is not a MAC address: {macError}"));

        var name = Cell(CpeImportColumns.Name);
        var model = Cell(CpeImportColumns.Model);
        if (action == CpeImportAction.Add && actionText is not null)
        {
            if (name is null) errors.Add((CpeImportColumns.Name, "is required to add a device"));
            if (model is null) errors.Add((CpeImportColumns.Model, "is required to add a device"));
        }
        Longest(errors, CpeImportColumns.Name, name, MaxName);
        Longest(errors, CpeImportColumns.InventoryId, Cell(CpeImportColumns.InventoryId), MaxName);
        foreach (var column in new[] { CpeImportColumns.Model, CpeImportColumns.ManagedBy, CpeImportColumns.Profile, CpeImportColumns.Customer })
            Longest(errors, column, Cell(column), MaxReference);

        var sharedText = Cell(CpeImportColumns.Shared);
        var shared = false;
        if (sharedText is not null && !TryYesNo(sharedText, out shared))
            errors.Add((CpeImportColumns.Shared, $"'{sharedText}' is not Y or N"));

        var row = new CpeImportRow
        {
            Row = reader.RowNumber, Action = action, Mac = mac, HasMac = mac != default, Name = name, Model = model, ManagedBy = Cell(CpeImportColumns.ManagedBy),
            Profile = Cell(CpeImportColumns.Profile), Shared = shared, Customer = Cell(CpeImportColumns.Customer),
            InventoryId = Cell(CpeImportColumns.InventoryId),
        };
        foreach (var (column, reason) in errors) row.Fail(column, reason);
        return row;
    }

    /// <summary>The MAC address of the reader's current row if it has a valid one (to remember rows already applied).</summary>
    public static MacAddress? MacOf(CpeRowReader reader, CpeImportHeader header) =>
        MacAddress.TryParse(MacText(reader, header), out var mac) ? mac : null;

    // A spreadsheet keeps 001122334455 typed into a cell as the number 1122334455; give back the zeros it dropped.
    private static string? MacText(CpeRowReader reader, CpeImportHeader header)
    {
        var text = reader.Get(header[CpeImportColumns.Mac]);
        return text is not null && reader.IsNumber(header[CpeImportColumns.Mac]) && text.Length < 12 && text.All(char.IsAsciiDigit)
            ? text.PadLeft(12, '0')
            : text;
    }

    private static void Longest(List<(CpeImportColumn, string)> errors, CpeImportColumn column, string? value, int max)
    {
        if (value is not null && value.Length > max) errors.Add((column, $"must be at most {max} characters long"));
    }

    private static bool TryYesNo(string text, out bool value)
    {
        switch (text.ToUpperInvariant())
        {
            case "Y" or "YES" or "TRUE" or "1":
                value = true;
                return true;
            case "N" or "NO" or "FALSE" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
