using Tollgate.Sip.Messages;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Parsing;

/// <summary>What the next bytes of a stream hold.</summary>
public enum SipFrameKind
{
    /// <summary>Not enough bytes yet; read more.</summary>
    NeedMoreData,

    /// <summary>One whole message of <c>length</c> bytes.</summary>
    Message,

    /// <summary>A CRLFCRLF keep-alive ping (RFC 5626 §4.4.1); answer with one CRLF.</summary>
    Ping,

    /// <summary>A lone CRLF (a pong, or padding between messages); ignore it.</summary>
    Pong,

    /// <summary>The stream cannot be framed; close the connection.</summary>
    Error,
}

/// <summary>Splits a byte stream (TCP) into SIP messages by the Content-Length header (RFC 3261 §18.3).</summary>
/// <remarks>
/// On a stream Content-Length is mandatory: without it the end of the body cannot be known, so the stream is broken.
/// The framer looks only at the header block; the parser then validates the message on its own.
/// </remarks>
public static class SipStreamFramer
{
    public static SipFrameKind TryFrame(ReadOnlySpan<byte> buffer, int maxMessageSize, out int length, out string? error)
    {
        length = 0;
        error = null;
        if (buffer.IsEmpty)
        {
            return SipFrameKind.NeedMoreData;
        }

        if (buffer[0] is (byte)'\r' or (byte)'\n')
        {
            return FrameKeepAlive(buffer, out length);
        }

        var pos = 0;
        long contentLength = -1;
        while (true)
        {
            var nl = buffer[pos..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                if (buffer.Length >= maxMessageSize)
                {
                    error = $"no end of headers within {maxMessageSize} bytes";
                    return SipFrameKind.Error;
                }

                return SipFrameKind.NeedMoreData;
            }

            var line = buffer.Slice(pos, nl);
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            pos += nl + 1;
            if (line.IsEmpty)
            {
                break;
            }

            if (!SipChars.IsSpaceOrTab(line[0]) && ReadContentLength(line, ref contentLength, out error))
            {
                return SipFrameKind.Error;
            }
        }

        if (contentLength < 0)
        {
            error = "Content-Length header is mandatory on a stream transport";
            return SipFrameKind.Error;
        }

        var total = pos + contentLength;
        if (total > maxMessageSize)
        {
            error = $"message of {total} bytes exceeds the limit of {maxMessageSize}";
            return SipFrameKind.Error;
        }

        if (buffer.Length < total)
        {
            return SipFrameKind.NeedMoreData;
        }

        length = (int)total;
        return SipFrameKind.Message;
    }

    private static SipFrameKind FrameKeepAlive(ReadOnlySpan<byte> buffer, out int length)
    {
        length = 0;
        if (buffer.StartsWith("\r\n\r\n"u8))
        {
            length = 4;
            return SipFrameKind.Ping;
        }

        // Wait until a ping can be told from a pong: "\r\n" followed by "\r" may still become "\r\n\r\n".
        if ("\r\n\r\n"u8.StartsWith(buffer))
        {
            return SipFrameKind.NeedMoreData;
        }

        length = buffer.StartsWith("\r\n"u8) ? 2 : 1;
        return SipFrameKind.Pong;
    }

    // True (with an error) when the line is a malformed or conflicting Content-Length.
    private static bool ReadContentLength(ReadOnlySpan<byte> line, ref long contentLength, out string? error)
    {
        error = null;
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var name = line[..colon].TrimEnd(" \t"u8);
        if (KnownHeaders.Identify(name) != KnownHeader.ContentLength)
        {
            return false;
        }

        if (!ScalarScanner.TryParseNumber(line[(colon + 1)..], int.MaxValue, out var value))
        {
            error = "Content-Length header: not a non-negative number";
            return true;
        }

        if (contentLength >= 0 && contentLength != (long)value)
        {
            error = "Content-Length header: appears more than once";
            return true;
        }

        contentLength = (long)value;
        return false;
    }
}
