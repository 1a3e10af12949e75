using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tollgate.Testing.Files;

/// <summary>Writes .xlsx workbooks with the Open XML SDK's streaming writer: one sheet, strings inline, numbers as numbers.</summary>
/// <remarks>Rows are written as they are enumerated, so a 100,000-row file is produced without holding its rows.</remarks>
public static class XlsxWriter
{
    public static void Write(Stream output, IEnumerable<IReadOnlyList<object?>> rows, string sheetName = "Devices")
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            foreach (var row in rows)
            {
                writer.WriteStartElement(new Row());
                foreach (var value in row)
                {
                    switch (value)
                    {
                        case null:
                            writer.WriteElement(new Cell());
                            break;
                        case string text:
                            writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
                            break;
                        default:
                            writer.WriteElement(new Cell(new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture))) { DataType = CellValues.Number });
                            break;
                    }
                }
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = sheetName }));
        workbook.Workbook.Save();
    }

    public static byte[] Write(IEnumerable<IReadOnlyList<object?>> rows, string sheetName = "Devices")
    {
        using var memory = new MemoryStream();
        Write(memory, rows, sheetName);
        return memory.ToArray();
    }
}
