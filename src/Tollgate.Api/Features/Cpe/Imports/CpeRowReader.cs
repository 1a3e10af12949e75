using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Reads an uploaded file one row at a time, whatever its format, without holding more than the current row.</summary>
/// <remarks>
/// Cells come back as trimmed text, null when empty. Numbers from spreadsheets are written without a decimal part when
/// they are whole (so an inventory number 983341321 stays 983341321); <see cref="IsNumber"/> says a cell was a number
/// (a MAC address typed as twelve digits loses its leading zeros in a spreadsheet, and the row parser restores them).
/// A file that stops being readable part way throws <see cref="CpeFileException"/>.
/// </remarks>
public abstract class CpeRowReader : IDisposable
{
    static CpeRowReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The 1-based number of the current row as a spreadsheet shows it (the first row is 1).</summary>
    public abstract int RowNumber { get; }

    public abstract int FieldCount { get; }

    /// <summary>How far through the file the reader is, from 0 to 1.</summary>
    public abstract double Progress { get; }

    /// <summary>Moves to the next row; false at the end of the file (or of the first sheet).</summary>
    public abstract bool Read();

    /// <summary>The cell's text, trimmed; null when the cell is empty or the row is shorter.</summary>
    public abstract string? Get(int column);

    public abstract bool IsNumber(int column);

    /// <summary>Whether every cell of the current row is empty.</summary>
    public bool IsBlank()
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (Get(i) is not null) return false;
        }
        return true;
    }

    /// <summary>The current row's cells as text.</summary>
    public IReadOnlyList<string?> Cells() => Enumerable.Range(0, FieldCount).Select(Get).ToList();

    public static CpeRowReader Open(Stream stream, CpeImportFormat format) => format switch
    {
        CpeImportFormat.Csv => new CsvRowReader(stream),
        CpeImportFormat.Xls => new ExcelRowReader(stream, xls: true),
        _ => new ExcelRowReader(stream, xls: false),
    };

    public abstract void Dispose();

    private sealed class CsvRowReader : CpeRowReader
    {
        private readonly Stream _stream;
        private readonly StreamReader _text;
        private readonly CsvParser _parser;

        public CsvRowReader(Stream stream)
        {
            _stream = stream;
            // Strict UTF-8 (a BOM, UTF-16 included, is honoured): a file saved in another code page is refused, not garbled.
            _text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
            _parser = new CsvParser(_text, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                DetectDelimiter = true,
                DetectDelimiterValues = [",", ";", "\t"],
                BadDataFound = null,
                IgnoreBlankLines = false,
            });
        }

        public override int RowNumber => _parser.Row;
        public override int FieldCount => _parser.Count;
        public override double Progress => _stream.CanSeek && _stream.Length > 0 ? Math.Min(1, (double)_stream.Position / _stream.Length) : 0;

        public override bool Read()
        {
            try
            {
                return _parser.Read();
            }
            catch (Exception e) when (e is CsvHelperException or DecoderFallbackException)
            {
                throw new CpeFileException(e is DecoderFallbackException
                    ? $"row {_parser.Row + 1} is not UTF-8 text; save the file as 'CSV UTF-8'"
                    : $"row {_parser.Row + 1} cannot be read as CSV: {e.Message}", e);
            }
        }

        public override string? Get(int column) =>
            column < 0 || column >= _parser.Count || _parser[column] is not { } value || string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        public override bool IsNumber(int column) => false;

        public override void Dispose()
        {
            _parser.Dispose();
            _text.Dispose();
        }
    }

    private sealed class ExcelRowReader : CpeRowReader
    {
        private readonly Stream _stream;
        private readonly IExcelDataReader _reader;
        private int _row;

        public ExcelRowReader(Stream stream, bool xls)
        {
            _stream = stream;
            var configuration = new ExcelReaderConfiguration { LeaveOpen = true, FallbackEncoding = Encoding.GetEncoding(1252) };
            try
            {
                _reader = xls ? ExcelReaderFactory.CreateBinaryReader(stream, configuration) : ExcelReaderFactory.CreateOpenXmlReader(stream, configuration);
            }
            catch (Exception e) when (IsFileFault(e))
            {
                throw new CpeFileException($"it cannot be read as an {(xls ? "XLS" : "XLSX")} workbook: {e.Message}", e);
            }
        }

        public override int RowNumber => _row;
        public override int FieldCount => _reader.FieldCount;
        public override double Progress => _stream.CanSeek && _stream.Length > 0 ? Math.Min(1, (double)_stream.Position / _stream.Length) : 0;

        public override bool Read()
        {
            try
            {
                if (!_reader.Read()) return false;
                _row++;
                return true;
            }
            catch (Exception e) when (IsFileFault(e))
            {
                throw new CpeFileException($"row {_row + 1} cannot be read: {e.Message}", e);
            }
        }

        public override string? Get(int column)
        {
            if (column < 0 || column >= _reader.FieldCount) return null;
            var text = _reader.GetValue(column) switch
            {
                null => null,
                string s => s,
                double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0", CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                bool b => b ? "Y" : "N",
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };
            return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        public override bool IsNumber(int column) => column >= 0 && column < _reader.FieldCount && _reader.GetValue(column) is double or int or long;

        public override void Dispose() => _reader.Dispose();

        // ExcelDataReader reports broken files with several exception types; none of them is a fault of ours.
        private static bool IsFileFault(Exception e) =>
            e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or System.Xml.XmlException
                or EndOfStreamException or ArgumentException or NotSupportedException or IndexOutOfRangeException
                or FormatException or InvalidOperationException;
    }
}

/// <summary>An uploaded file that cannot be read (any more); the message says where and why, in words for the uploader.</summary>
public sealed class CpeFileException(string message, Exception? inner = null) : Exception(message, inner);
