using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>The file to fill in for a batch upload: every column, in the template's order.</summary>
/// <remarks>
/// The CSV holds the header row only (UTF-8 with a byte-order mark, which spreadsheet programs need to recognise
/// UTF-8). The XLSX has the header in bold on a "Devices" sheet, lists to pick Add/Remove and Y/N from, and a "Help"
/// sheet that says what each column takes; only the first sheet is read when the file comes back.
/// </remarks>
public static class CpeImportTemplate
{
    public static byte[] Csv()
    {
        var header = string.Join(',', CpeImportColumns.All.Select(c => c.Header)) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(header)];
    }

    public static byte[] Xlsx()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddStyles(workbook);

            var columns = CpeImportColumns.All;
            var devices = AddSheet(workbook, "Devices", 1,
                [Row(1, columns.Select(c => c.Header), bold: true)],
                columns.Select(c => Math.Max(14, c.Header.Length + 4)).ToArray());
            var action = CpeImportColumns.Letter(Position(CpeImportColumns.Action));
            var shared = CpeImportColumns.Letter(Position(CpeImportColumns.Shared));
            devices.Worksheet.Append(new DataValidations(
                List($"{action}2:{action}100000", "\"Add,Remove\""),
                List($"{shared}2:{shared}100000", "\"Y,N\"")) { Count = 2 });

            var help = columns.Select((c, i) => Row((uint)i + 2, [c.Header, c.Mandatory ? "mandatory" : "optional", c.Help], bold: false));
            AddSheet(workbook, "Help", 2, [Row(1, ["Column", "", "What it takes"], bold: true), .. help], [24, 12, 100]);
            workbook.Workbook.Save();
        }
        return memory.ToArray();
    }

    private static int Position(CpeImportColumn column) => CpeImportColumns.All.ToList().IndexOf(column);

    private static WorksheetPart AddSheet(WorkbookPart workbook, string name, uint id, IEnumerable<Row> rows, int[] widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
            columns, new SheetData(rows));
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
        return part;
    }

    private static Row Row(uint index, IEnumerable<string> values, bool bold) =>
        new(values.Select((v, i) => new Cell
        {
            CellReference = $"{CpeImportColumns.Letter(i)}{index}",
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(v)),
            StyleIndex = bold ? 1U : 0U,
        })) { RowIndex = index };

    private static DataValidation List(string range, string values) => new(new Formula1(values))
    {
        Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, SequenceOfReferences = new ListValue<StringValue>([new StringValue(range)]),
    };

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
    }
}
