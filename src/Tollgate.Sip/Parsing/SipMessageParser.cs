using System.Buffers;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Parsing;

/// <summary>Parses SIP messages from bytes, in the manner of Kestrel's HTTP parser: offsets, not strings.</summary>
/// <remarks>
/// <para>The parser finds the start line and every header line, records each header's name and value as offsets
/// into one copy of the message bytes, and validates the grammar of the headers it knows, all without allocating
/// per header. Strings are made only when a caller reads them.</para>
/// <para>It never throws on input: whatever the bytes, it returns a message or a <see cref="SipParseError"/>.
/// Leading CRLFs are skipped (RFC 3261 §7.5). Lines may end in CRLF or a bare LF. Without Content-Length the body
/// runs to the end of the input (a UDP datagram, §18.3); with it, bytes past the body are ignored (RFC 4475
/// dblreq). Stream transports frame messages first with <see cref="SipStreamFramer"/>.</para>
/// </remarks>
public sealed class SipMessageParser
{
    private const int StackEntries = 256;

    private readonly SipParserOptions _options;

    public SipMessageParser(SipParserOptions? options = null) => _options = options ?? SipParserOptions.Default;

    /// <summary>A parser with the default limits.</summary>
    public static SipMessageParser Default { get; } = new();

    public SipParserOptions Options => _options;

    /// <summary>Parses one message; the result holds its own copy of the bytes.</summary>
    public SipParseResult Parse(ReadOnlySpan<byte> data) => ParseCore(data, null);

    /// <summary>Parses one message from a possibly segmented buffer, copying it once.</summary>
    public SipParseResult Parse(in ReadOnlySequence<byte> data)
    {
        if (data.IsSingleSegment)
        {
            return Parse(data.FirstSpan);
        }

        return data.Length > _options.MaxMessageSize ? TooLarge(data.Length) : ParseOwned(data.ToArray());
    }

    /// <summary>Parses a buffer the caller hands over; when it is exactly one message it is kept without a copy.</summary>
    internal SipParseResult ParseOwned(byte[] buffer) => ParseCore(buffer, buffer);

    private SipParseResult ParseCore(ReadOnlySpan<byte> data, byte[]? owned)
    {
        if (data.Length > _options.MaxMessageSize)
        {
            return TooLarge(data.Length);
        }

        var start = 0;
        while (start < data.Length && data[start] is (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var msg = data[start..];
        if (msg.IsEmpty)
        {
            return Fail(SipParseErrorKind.Incomplete, "empty message");
        }

        var nl = msg.IndexOf((byte)'\n');
        if (nl < 0)
        {
            return Fail(SipParseErrorKind.Incomplete, "message ends inside the start line");
        }

        var firstLine = msg[..LineEnd(msg, nl)];
        if (firstLine.IndexOf((byte)'\r') >= 0)
        {
            return Fail(SipParseErrorKind.MalformedStartLine, "start line contains a CR that does not end it");
        }

        var startLine = StartLine.Parse(firstLine);
        if (startLine.FatalError is { } fatal)
        {
            return SipParseResult.Fail(fatal);
        }

        var max = _options.MaxHeaderCount;
        HeaderEntry[]? rented = null;
        var entries = max <= StackEntries
            ? stackalloc HeaderEntry[max]
            : (rented = ArrayPool<HeaderEntry>.Shared.Rent(max)).AsSpan(0, max);
        try
        {
            var framing = ReadHeaders(msg, nl + 1, entries, out var count, out var bodyStart);
            if (framing is not null)
            {
                return SipParseResult.Fail(framing);
            }

            var headers = entries[..count];
            var bodyError = BodyLength(msg, headers, bodyStart, out var bodyLength);
            if (bodyError is not null)
            {
                return SipParseResult.Fail(bodyError);
            }

            var length = bodyStart + bodyLength;
            var buffer = owned is not null && start == 0 && length == owned.Length ? owned : msg[..length].ToArray();
            var table = headers.ToArray();
            MessageIndex index;
            var error = startLine.DeferredError;
            if (error is null)
            {
                error = MessageValidator.Validate(buffer, table, startLine, out index);
            }
            else
            {
                index = new MessageIndex();
            }

            SipMessage message = startLine.IsRequest
                ? new SipRequest(buffer, table, bodyStart, index, startLine.Method!, startLine.Uri)
                : new SipResponse(buffer, table, bodyStart, index, startLine.StatusCode, startLine.Reason);
            return error is null ? new SipParseResult(message, null, null) : SipParseResult.Fail(error, message);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<HeaderEntry>.Shared.Return(rented);
            }
        }
    }

    private static SipParseError? ReadHeaders(ReadOnlySpan<byte> msg, int pos, Span<HeaderEntry> entries, out int count,
        out int bodyStart)
    {
        count = 0;
        bodyStart = 0;
        while (true)
        {
            var nl = pos < msg.Length ? msg[pos..].IndexOf((byte)'\n') : -1;
            if (nl < 0)
            {
                return new SipParseError(SipParseErrorKind.Incomplete, "headers are not followed by an empty line");
            }

            var lineEnd = pos + LineEnd(msg[pos..], nl);
            if (lineEnd == pos)
            {
                bodyStart = pos + nl + 1;
                break;
            }

            // A CR is only allowed as the first half of a line end; a bare one would confuse every later reader.
            if (msg[pos..lineEnd].IndexOf((byte)'\r') >= 0)
            {
                return new SipParseError(SipParseErrorKind.MalformedHeaderLine, "header line contains a CR that does not end it");
            }

            if (SipChars.IsSpaceOrTab(msg[pos]))
            {
                if (count == 0)
                {
                    return new SipParseError(SipParseErrorKind.MalformedHeaderLine, "continuation line before any header");
                }

                var prev = entries[count - 1];
                entries[count - 1] = prev with { ValueLength = lineEnd - prev.ValueStart, Folded = true };
            }
            else
            {
                if (count == entries.Length)
                {
                    return new SipParseError(SipParseErrorKind.TooManyHeaders,
                        $"more than {entries.Length} header fields");
                }

                var error = ReadHeaderLine(msg, pos, lineEnd, out var entry);
                if (error is not null)
                {
                    return error;
                }

                entries[count++] = entry;
            }

            pos += nl + 1;
        }

        for (var k = 0; k < count; k++)
        {
            entries[k] = TrimValue(msg, entries[k]);
        }

        return null;
    }

    private static SipParseError? ReadHeaderLine(ReadOnlySpan<byte> msg, int pos, int lineEnd, out HeaderEntry entry)
    {
        entry = default;
        var nameEnd = Lex.ScanToken(msg[..lineEnd], pos);
        if (nameEnd == pos)
        {
            return new SipParseError(SipParseErrorKind.MalformedHeaderLine,
                $"header line starts with {Lex.Describe(msg[pos])} instead of a name");
        }

        var i = nameEnd;
        while (i < lineEnd && SipChars.IsSpaceOrTab(msg[i]))
        {
            i++;
        }

        if (i >= lineEnd || msg[i] != ':')
        {
            return new SipParseError(SipParseErrorKind.MalformedHeaderLine, "header line without a colon after the name");
        }

        var id = KnownHeaders.Identify(msg[pos..nameEnd]);
        entry = new HeaderEntry(id, pos, nameEnd - pos, i + 1, lineEnd - (i + 1), false);
        return null;
    }

    private static HeaderEntry TrimValue(ReadOnlySpan<byte> msg, HeaderEntry e)
    {
        var start = e.ValueStart;
        var end = e.ValueStart + e.ValueLength;
        while (start < end && SipChars.IsLws(msg[start]))
        {
            start++;
        }

        while (end > start && SipChars.IsLws(msg[end - 1]))
        {
            end--;
        }

        var folded = e.Folded && msg[start..end].IndexOfAny((byte)'\r', (byte)'\n') >= 0;
        return e with { ValueStart = start, ValueLength = end - start, Folded = folded };
    }

    private static SipParseError? BodyLength(ReadOnlySpan<byte> msg, ReadOnlySpan<HeaderEntry> headers, int bodyStart,
        out int bodyLength)
    {
        var available = msg.Length - bodyStart;
        bodyLength = available;
        foreach (var h in headers)
        {
            if (h.Id != KnownHeader.ContentLength)
            {
                continue;
            }

            if (!ScalarScanner.TryParseNumber(msg[h.Value], int.MaxValue, out var declared))
            {
                return SipParseError.InHeader(KnownHeader.ContentLength, "not a non-negative number");
            }

            if ((long)declared > available)
            {
                return new SipParseError(SipParseErrorKind.BodyLength,
                    $"Content-Length: {declared} bytes announced but {available} received", KnownHeader.ContentLength);
            }

            bodyLength = (int)declared;
            break;
        }

        return null;
    }

    private static int LineEnd(ReadOnlySpan<byte> s, int newline) => newline > 0 && s[newline - 1] == '\r' ? newline - 1 : newline;

    private SipParseResult TooLarge(long length) => SipParseResult.Fail(new SipParseError(SipParseErrorKind.MessageTooLarge,
        $"message of {length} bytes exceeds the limit of {_options.MaxMessageSize}"));

    private static SipParseResult Fail(SipParseErrorKind kind, string description) =>
        SipParseResult.Fail(new SipParseError(kind, description));
}
