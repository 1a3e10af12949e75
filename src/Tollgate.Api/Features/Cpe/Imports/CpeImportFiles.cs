using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe.Imports;

/// <summary>Decides whether an uploaded file can be imported at all, before anything is stored.</summary>
/// <remarks>
/// A file is refused, with a problem naming what is wrong, when it is empty, when its content is not CSV, XLS or XLSX
/// (whatever its name says), when it has no header row or the wrong headers, or when it has a header but no device row.
/// The content decides the format: an XLSX is a ZIP package, an XLS an OLE2 compound file, and anything else must be
/// UTF-8 text without NUL bytes to pass for CSV. The whole file is read once to check that. An XLSX whose parts unpack
/// to more than a limit is refused before it is opened: the reader keeps its shared strings in memory, and the ZIP
/// reader never unpacks an entry beyond the size its directory declares, so the declared sizes bound what is read.
/// </remarks>
public static class CpeImportFiles
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>What an acceptable file is.</summary>
    public sealed record Inspection(CpeImportFormat Format, CpeImportHeader Header);

    /// <summary>Checks a file already on disk; returns its format and header, or the problem to answer with.</summary>
    public static (Inspection? Inspection, Problem? Problem) Inspect(string path, string fileName,
        long maxUnpackedBytes = CpeImportOptions.DefaultMaxUnpackedBytes)
    {
        var length = new FileInfo(path).Length;
        if (length == 0) return (null, CpeProblems.FileInvalid($"'{fileName}' is empty."));

        var (format, why) = Sniff(path);
        var named = FormatOfName(fileName);
        if (format is null) return (null, NotSupported(fileName, why!));
        if (named is not null && named != format)
            return (null, NotSupported(fileName, $"its name says {named.Value.ToString().ToUpperInvariant()} but its content is {format.Value.ToString().ToUpperInvariant()}"));
        if (format == CpeImportFormat.Xlsx && UnpackedSize(path) is { } unpacked && unpacked > maxUnpackedBytes)
            return (null, new Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "The file unpacks to too much.",
                $"'{fileName}' unpacks to {unpacked} bytes; an XLSX upload may unpack to at most {maxUnpackedBytes} bytes. Split the file, or upload it as CSV."));

        try
        {
            using var stream = File.OpenRead(path);
            using var reader = CpeRowReader.Open(stream, format.Value);
            while (reader.Read())
            {
                if (reader.IsBlank()) continue;
                var header = CpeImportHeader.Read(reader.Cells(), reader.RowNumber, out var problems, out var looksLikeData);
                if (header is null)
                {
                    return (null, looksLikeData
                        ? CpeProblems.FileInvalid($"'{fileName}' has no header row: row {reader.RowNumber} should name the columns " +
                                                  $"({string.Join(", ", CpeImportColumns.All.Select(c => c.Header))}); download the template for the layout.", problems)
                        : CpeProblems.FileInvalid($"'{fileName}' has the wrong headers.", problems));
                }
                while (reader.Read())
                {
                    if (!reader.IsBlank()) return (new Inspection(format.Value, header), null);
                }
                return (null, CpeProblems.FileInvalid($"'{fileName}' has a header row but no device rows."));
            }
            return (null, CpeProblems.FileInvalid($"'{fileName}' has no rows at all."));
        }
        catch (CpeFileException e)
        {
            return (null, format == CpeImportFormat.Csv && e.InnerException is DecoderFallbackException
                ? NotSupported(fileName, e.Message)
                : CpeProblems.FileInvalid($"'{fileName}' cannot be read: {e.Message}."));
        }
    }

    /// <summary>The format the file's content shows, or null and why it is none of the three.</summary>
    public static (CpeImportFormat? Format, string? Why) Sniff(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 4 && head[..4].SequenceEqual(Zip)) return (CpeImportFormat.Xlsx, null);
        if (read >= 8 && head.SequenceEqual(Ole2)) return (CpeImportFormat.Xls, null);
        stream.Position = 0;
        var why = WhyNotText(stream);
        return why is null ? (CpeImportFormat.Csv, null) : (null, why);
    }

    /// <summary>The sum of the sizes a ZIP's directory declares for its entries, or null when it is not a readable ZIP.</summary>
    private static long? UnpackedSize(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Sum(e => e.Length);
        }
        catch (InvalidDataException)
        {
            return null; // reported as an unreadable workbook when it is opened
        }
    }

    public static CpeImportFormat? FormatOfName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => CpeImportFormat.Csv,
        ".xls" => CpeImportFormat.Xls,
        ".xlsx" => CpeImportFormat.Xlsx,
        _ => null,
    };

    public static string ContentType(CpeImportFormat format) => format switch
    {
        CpeImportFormat.Csv => "text/csv",
        CpeImportFormat.Xls => "application/vnd.ms-excel",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    private static Problem NotSupported(string fileName, string why) =>
        new(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "The file is not CSV, XLS or XLSX.",
            $"'{fileName}' cannot be imported: {why}. Upload a .csv (UTF-8), .xls or .xlsx file; download the template for the layout.");

    private static readonly byte[] Utf16Le = [0xFF, 0xFE];
    private static readonly byte[] Utf16Be = [0xFE, 0xFF];

    // UTF-16 text announces itself with a BOM; otherwise the whole file must be valid UTF-8 (ASCII included) without NUL.
    private static string? WhyNotText(Stream stream)
    {
        Span<byte> bom = stackalloc byte[2];
        if (stream.ReadAtLeast(bom, 2, throwOnEndOfStream: false) == 2 && (bom.SequenceEqual(Utf16Le) || bom.SequenceEqual(Utf16Be)))
            return null;
        stream.Position = 0;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 1];
        int n;
        try
        {
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                if (bytes.AsSpan(0, n).Contains((byte)0)) return "its content is binary, not text, nor an XLS or XLSX workbook";
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            }
            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return null;
        }
        catch (DecoderFallbackException)
        {
            return "it is text but not UTF-8; save it as 'CSV UTF-8'";
        }
    }
}
