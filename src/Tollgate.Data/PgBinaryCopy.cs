using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace Tollgate.Data;

/// <summary>
/// Writes rows into a PostgreSQL table by <c>COPY … FROM STDIN (FORMAT BINARY)</c>, encoding each value itself.
/// </summary>
/// <remarks>
/// <para>
/// Npgsql's <see cref="NpgsqlBinaryImporter"/> resolves a converter and binds a parameter for every value it writes;
/// for the rating import (a million CDRs, two charges each, ~50 million values) that per-value work cost more CPU than
/// rating the calls. The columns bulk writers use are few and simple, so this writer encodes them straight into a
/// buffer in PostgreSQL's binary COPY format (a signature and flags, then per row the number of fields and per field
/// its length and bytes, big-endian; <c>-1</c> ends the data) and hands the buffer to Npgsql's raw COPY stream.
/// </para>
/// <para>
/// The caller names the columns in the order it writes them; the server checks each value against its column's type
/// as it reads it. A writer that is disposed before <see cref="CompleteAsync"/> cancels the COPY, so a half-written
/// batch is never stored.
/// </para>
/// </remarks>
public sealed class PgBinaryCopy : IAsyncDisposable
{
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly int EpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private const int BufferSize = 64 * 1024;

    private readonly NpgsqlRawCopyStream _stream;
    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly short _columns;
    private int _length;
    private int _written = -1;
    private bool _completed;

    private PgBinaryCopy(NpgsqlRawCopyStream stream, short columns)
    {
        _stream = stream;
        _columns = columns;
        Header.CopyTo(_buffer, 0);
        _length = Header.Length;
    }

    /// <summary>Starts <c>COPY table (columns) FROM STDIN (FORMAT BINARY)</c> on <paramref name="connection"/> (in its current transaction).</summary>
    public static async Task<PgBinaryCopy> BeginAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var stream = await connection.BeginRawBinaryCopyAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        return new PgBinaryCopy(stream, checked((short)columns.Count));
    }

    /// <summary>Starts the next row; every column must then be written, in order.</summary>
    public void StartRow()
    {
        if (_written >= 0 && _written != _columns) throw new InvalidOperationException($"A row has {_columns} columns; {_written} were written.");
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), _columns);
        _length += 2;
        _written = 0;
    }

    public void WriteNull()
    {
        Field(0);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length - 4), -1);
    }

    public void Write(long value) => BinaryPrimitives.WriteInt64BigEndian(Field(8), value);

    public void Write(long? value)
    {
        if (value is { } v) Write(v);
        else WriteNull();
    }

    public void Write(int value) => BinaryPrimitives.WriteInt32BigEndian(Field(4), value);

    public void Write(int? value)
    {
        if (value is { } v) Write(v);
        else WriteNull();
    }

    /// <summary>Text (<c>varchar</c>, <c>text</c>) as UTF-8; null writes NULL.</summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }
        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > BufferSize - 6) most = Encoding.UTF8.GetByteCount(value);
        Reserve(4 + most);
        var length = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), length);
        _length += 4 + length;
        _written++;
    }

    /// <summary>A <c>timestamp with time zone</c>: microseconds since 2000-01-01 UTC. The time must be UTC.</summary>
    public void Write(DateTime value)
    {
        if (value.Kind != DateTimeKind.Utc) throw new ArgumentException($"A timestamp with time zone must be UTC, not {value.Kind}.", nameof(value));
        Write((value.Ticks - EpochTicks) / TimeSpan.TicksPerMicrosecond);
    }

    public void Write(DateTime? value)
    {
        if (value is { } v) Write(v);
        else WriteNull();
    }

    /// <summary>A <c>date</c>: days since 2000-01-01.</summary>
    public void Write(DateOnly value) => Write(value.DayNumber - EpochDay);

    /// <summary>A <c>numeric</c>: base-10000 digits, most significant first, with the weight of the first and the scale.</summary>
    public void Write(decimal value)
    {
        Span<short> digits = stackalloc short[10];
        var count = NumericDigits(value, digits, out var weight, out var negative, out var scale);
        var field = Field(8 + 2 * count);
        BinaryPrimitives.WriteInt16BigEndian(field, (short)count);
        BinaryPrimitives.WriteInt16BigEndian(field[2..], weight);
        BinaryPrimitives.WriteUInt16BigEndian(field[4..], negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(field[6..], scale);
        for (var i = 0; i < count; i++) BinaryPrimitives.WriteInt16BigEndian(field[(8 + 2 * i)..], digits[i]);
    }

    /// <summary>
    /// Splits <paramref name="value"/> into PostgreSQL's numeric digits: groups of four decimal digits, aligned on the
    /// decimal point, most significant first, without leading or trailing zero groups. Returns how many there are.
    /// </summary>
    public static int NumericDigits(decimal value, Span<short> digits, out short weight, out bool negative, out short scale)
    {
        scale = value.Scale;
        negative = value < 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        // Pad the scale to a whole number of groups (at most 28 + 3 decimals: still far inside 128 bits).
        var padded = scale + 3 - (scale + 3) % 4;
        for (var i = scale; i < padded; i++) mantissa *= 10;
        Span<short> groups = stackalloc short[10];
        var count = 0;
        while (mantissa != 0)
        {
            groups[count++] = (short)(ushort)(mantissa % 10000);
            mantissa /= 10000;
        }
        weight = (short)(count - 1 - padded / 4);
        var lowest = 0;
        while (lowest < count && groups[lowest] == 0) lowest++;
        if (lowest == count)
        {
            weight = 0;
            negative = false;
            return 0;
        }
        var n = 0;
        for (var i = count - 1; i >= lowest; i--) digits[n++] = groups[i];
        return n;
    }

    /// <summary>Sends what is buffered and ends the COPY; the server's answer (a unique violation, say) is thrown here.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_written >= 0 && _written != _columns) throw new InvalidOperationException($"A row has {_columns} columns; {_written} were written.");
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), -1);
        _length += 2;
        await _stream.WriteAsync(_buffer.AsMemory(0, _length), ct);
        _length = 0;
        _completed = true;
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed) return;
        _completed = true;
        await _stream.CancelAsync();
    }

    /// <summary>Writes a field's length and returns the span its <paramref name="size"/> bytes go in.</summary>
    private Span<byte> Field(int size)
    {
        if (_written < 0 || _written >= _columns) throw new InvalidOperationException("Start a row before writing, and write no more than its columns.");
        Reserve(4 + size);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), size);
        var span = _buffer.AsSpan(_length + 4, size);
        _length += 4 + size;
        _written++;
        return span;
    }

    /// <summary>Makes room for <paramref name="size"/> more bytes, sending the buffer to the server when it is full.</summary>
    /// <remarks>Synchronous, like Npgsql's importer: rows are written from memory, and awaiting per value costs more than the value.</remarks>
    private void Reserve(int size)
    {
        if (_length + size <= BufferSize) return;
        if (size > BufferSize) throw new ArgumentException($"A value of {size} bytes does not fit the COPY buffer.");
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }
}
