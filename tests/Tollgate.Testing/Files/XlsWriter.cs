using System.Buffers.Binary;
using System.Text;

namespace Tollgate.Testing.Files;

/// <summary>Writes a real Excel 97–2003 workbook (.xls): BIFF8 records in an OLE2 compound file, one sheet.</summary>
/// <remarks>
/// <para>
/// Tests need .xls files, and no library on the package mirror writes them without a large dependency tree, so this
/// writes the two formats directly, following [MS-CFB] and [MS-XLS]: a version 3 compound file (512-byte sectors, one
/// FAT, a directory with the root and a "Workbook" stream), holding a workbook globals substream (BOF, CODEPAGE 1200,
/// BOUNDSHEET, SST with CONTINUE records, EOF) and a worksheet substream (BOF, DIMENSIONS, LABELSST and NUMBER cells,
/// EOF) — the records Excel itself writes for text and numbers.
/// </para>
/// <para>
/// The Workbook stream is padded to 4,096 bytes when shorter, because [MS-CFB] puts smaller streams in the mini stream,
/// which this writer does not produce. Up to 109 FAT sectors (about 7 MB) are supported; BIFF8 itself stops at 65,536 rows.
/// </para>
/// </remarks>
public static class XlsWriter
{
    private const int SectorSize = 512;
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint NoStream = 0xFFFFFFFF;
    private const int MaxRecordData = 8224;

    /// <summary>A workbook with one sheet; each cell is a string, a number (int, long, double) or null (left empty).</summary>
    public static byte[] Write(IReadOnlyList<IReadOnlyList<object?>> rows, string sheetName = "Devices") =>
        Compound(Workbook(rows, sheetName));

    private static byte[] Workbook(IReadOnlyList<IReadOnlyList<object?>> rows, string sheetName)
    {
        var strings = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                if (cell is not string s) continue;
                total++;
                if (index.TryAdd(s, strings.Count)) strings.Add(s);
            }
        }

        var globals = new MemoryStream();
        Record(globals, 0x0809, Bof(0x0005));
        Record(globals, 0x0042, U16(1200));
        var boundSheetAt = globals.Position;
        Record(globals, 0x0085, BoundSheet(0, sheetName));
        Sst(globals, strings, total);
        Record(globals, 0x000A, []);

        var sheetOffset = (uint)globals.Length;
        var sheet = new MemoryStream();
        Record(sheet, 0x0809, Bof(0x0010));
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var dimensions = new byte[14];
        BinaryPrimitives.WriteUInt32LittleEndian(dimensions.AsSpan(4), (uint)rows.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(dimensions.AsSpan(10), (ushort)columns);
        Record(sheet, 0x0200, dimensions);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < rows[r].Count; c++)
            {
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string s:
                        var label = new byte[10];
                        CellHeader(label, r, c);
                        BinaryPrimitives.WriteUInt32LittleEndian(label.AsSpan(6), (uint)index[s]);
                        Record(sheet, 0x00FD, label);
                        break;
                    case var number:
                        var value = new byte[14];
                        CellHeader(value, r, c);
                        BinaryPrimitives.WriteDoubleLittleEndian(value.AsSpan(6), Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture));
                        Record(sheet, 0x0203, value);
                        break;
                }
            }
        }
        Record(sheet, 0x000A, []);

        var stream = globals.ToArray();
        // BOUNDSHEET's first field is the sheet BOF's position in the stream, known only now.
        BinaryPrimitives.WriteUInt32LittleEndian(stream.AsSpan((int)boundSheetAt + 4), sheetOffset);
        var workbook = new byte[Math.Max(4096, stream.Length + sheet.Length)];
        stream.CopyTo(workbook, 0);
        sheet.ToArray().CopyTo(workbook, stream.Length);
        return workbook;
    }

    private static void CellHeader(byte[] record, int row, int column)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(record, (ushort)row);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(2), (ushort)column);
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(4), 0);
    }

    private static byte[] Bof(ushort type)
    {
        var bof = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(bof, 0x0600);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(4), 0x0DBB);
        BinaryPrimitives.WriteUInt16LittleEndian(bof.AsSpan(6), 0x07CC);
        BinaryPrimitives.WriteUInt32LittleEndian(bof.AsSpan(12), 0x06);
        return bof;
    }

    private static byte[] BoundSheet(uint offset, string name)
    {
        var chars = Encoding.Unicode.GetBytes(name);
        var record = new byte[8 + chars.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, offset);
        record[4] = 0; // visible
        record[5] = 0; // worksheet
        record[6] = (byte)name.Length;
        record[7] = 1; // UTF-16
        chars.CopyTo(record, 8);
        return record;
    }

    // The shared string table; a string is never split across records: a CONTINUE record starts with the next string.
    private static void Sst(Stream output, List<string> strings, int total)
    {
        var current = new MemoryStream();
        current.Write(U32((uint)total));
        current.Write(U32((uint)strings.Count));
        var id = (ushort)0x00FC;
        foreach (var s in strings)
        {
            var encoded = new byte[3 + (2 * s.Length)];
            BinaryPrimitives.WriteUInt16LittleEndian(encoded, (ushort)s.Length);
            encoded[2] = 1; // UTF-16, no rich text, no phonetic data
            Encoding.Unicode.GetBytes(s, encoded.AsSpan(3));
            if (current.Length + encoded.Length > MaxRecordData)
            {
                Record(output, id, current.ToArray());
                current = new MemoryStream();
                id = 0x003C;
            }
            current.Write(encoded);
        }
        Record(output, id, current.ToArray());
    }

    private static void Record(Stream output, ushort id, byte[] data)
    {
        output.Write(U16(id));
        output.Write(U16((ushort)data.Length));
        output.Write(data);
    }

    private static byte[] Compound(byte[] workbook)
    {
        var streamSectors = (workbook.Length + SectorSize - 1) / SectorSize;
        var fatSectors = 1;
        while (fatSectors * (SectorSize / 4) < fatSectors + 1 + streamSectors) fatSectors++;
        if (fatSectors > 109) throw new ArgumentException("The workbook is too large for this writer (no DIFAT sectors).");
        var directorySector = fatSectors;
        var firstStreamSector = fatSectors + 1;
        var sectors = fatSectors + 1 + streamSectors;

        var file = new byte[SectorSize * (1 + sectors)];
        var header = file.AsSpan(0, SectorSize);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x003E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 0x0003);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], (uint)fatSectors);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], (uint)directorySector);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], EndOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], EndOfChain);
        for (var i = 0; i < 109; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + (4 * i))..], i < fatSectors ? (uint)i : FreeSector);

        Span<byte> Sector(int n) => file.AsSpan(SectorSize * (n + 1), SectorSize);

        var fat = new uint[fatSectors * (SectorSize / 4)];
        Array.Fill(fat, FreeSector);
        for (var i = 0; i < fatSectors; i++) fat[i] = FatSector;
        fat[directorySector] = EndOfChain;
        for (var i = 0; i < streamSectors; i++) fat[firstStreamSector + i] = i == streamSectors - 1 ? EndOfChain : (uint)(firstStreamSector + i + 1);
        for (var i = 0; i < fat.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(Sector(i / (SectorSize / 4))[(4 * (i % (SectorSize / 4)))..], fat[i]);

        var directory = Sector(directorySector);
        DirectoryEntry(directory[..128], "Root Entry", 5, child: 1, start: EndOfChain, size: 0);
        DirectoryEntry(directory[128..256], "Workbook", 2, child: NoStream, start: (uint)firstStreamSector, size: (ulong)workbook.Length);
        DirectoryEntry(directory[256..384], null, 0, NoStream, 0, 0);
        DirectoryEntry(directory[384..512], null, 0, NoStream, 0, 0);

        workbook.CopyTo(file.AsSpan(SectorSize * (firstStreamSector + 1)));
        return file;
    }

    private static void DirectoryEntry(Span<byte> entry, string? name, byte type, uint child, uint start, ulong size)
    {
        if (name is not null)
        {
            Encoding.Unicode.GetBytes(name, entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)((name.Length + 1) * 2));
            entry[0x43] = 1; // black
        }
        entry[0x42] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x44..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x48..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x4C..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[0x74..], start);
        BinaryPrimitives.WriteUInt64LittleEndian(entry[0x78..], size);
    }

    private static byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }
}
