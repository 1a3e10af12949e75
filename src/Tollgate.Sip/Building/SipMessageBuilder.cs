using System.Globalization;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Building;

/// <summary>Builds the bytes of a SIP message: start line, headers in order, a computed Content-Length, the body.</summary>
/// <remarks>
/// <para>Output is byte-exact and deterministic: each header as "Name: value\r\n" in insertion order, then
/// "Content-Length: n\r\n", an empty line and the body. Content-Length is always computed from
/// <see cref="Body"/>, so it cannot be added by hand.</para>
/// <para>Values copied from a parsed message (<c>CopyHeaders</c>) are copied as raw bytes and never decoded.
/// Text values must not contain CR or LF, which would let a caller inject header lines.</para>
/// <para><see cref="Build"/> parses the result with the same parser that reads the network, so a built message is
/// always one the stack accepts; an invalid one throws, because building it is a programming error.</para>
/// </remarks>
public abstract class SipMessageBuilder<TSelf, TMessage>
    where TSelf : SipMessageBuilder<TSelf, TMessage>
    where TMessage : SipMessage
{
    private static readonly SipMessageParser BuildParser =
        new(new SipParserOptions { MaxMessageSize = 16 * 1024 * 1024, MaxHeaderCount = 1024 });

    private readonly List<BuilderHeader> _headers = new(12);

    /// <summary>The body; Content-Length is written from its length.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    public int HeaderCount => _headers.Count;

    private TSelf Self => (TSelf)this;

    /// <summary>Appends a header.</summary>
    public TSelf AddHeader(string name, string value)
    {
        _headers.Add(Make(name, value));
        return Self;
    }

    public TSelf AddHeader(KnownHeader header, string value) => AddHeader(KnownHeaders.GetName(header), value);

    /// <summary>Inserts a header before all others (as a new top Via or Record-Route is).</summary>
    public TSelf PrependHeader(string name, string value)
    {
        _headers.Insert(0, Make(name, value));
        return Self;
    }

    /// <summary>Replaces every header of this name with one value, at the position of the first.</summary>
    public TSelf SetHeader(string name, string value)
    {
        var header = Make(name, value);
        var at = _headers.FindIndex(h => h.Is(header.Id, name));
        RemoveHeaders(name);
        _headers.Insert(at < 0 ? _headers.Count : Math.Min(at, _headers.Count), header);
        return Self;
    }

    public TSelf SetHeader(KnownHeader header, string value) => SetHeader(KnownHeaders.GetName(header), value);

    /// <summary>Removes every header of this name (long or compact); returns how many were removed.</summary>
    public int RemoveHeaders(string name)
    {
        var id = KnownHeaders.Identify(name);
        return _headers.RemoveAll(h => h.Is(id, name));
    }

    public int RemoveHeaders(KnownHeader header) => RemoveHeaders(KnownHeaders.GetName(header));

    /// <summary>The first value of a header, or null.</summary>
    public string? GetHeaderValue(string name)
    {
        var id = KnownHeaders.Identify(name);
        foreach (var h in _headers)
        {
            if (h.Is(id, name))
            {
                return h.ValueText;
            }
        }

        return null;
    }

    public string? GetHeaderValue(KnownHeader header) => GetHeaderValue(KnownHeaders.GetName(header));

    /// <summary>The headers in order, as name and text value.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers =>
        _headers.Select(h => new KeyValuePair<string, string>(h.Name, h.ValueText));

    /// <summary>Copies every header of this name from a parsed message, raw, in order.</summary>
    public TSelf CopyHeaders(SipMessage source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        var id = KnownHeaders.Identify(name);
        Reject(id);
        foreach (var e in source.Entries)
        {
            if (id != KnownHeader.Unknown ? e.Id == id : e.Id == KnownHeader.Unknown && new SipHeaderField(source, e).Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                AddRaw(source, e);
            }
        }

        return Self;
    }

    public TSelf CopyHeaders(SipMessage source, KnownHeader header) => CopyHeaders(source, KnownHeaders.GetName(header));

    /// <summary>Sets the body and its Content-Type; an empty body removes Content-Type.</summary>
    public TSelf SetBody(ReadOnlyMemory<byte> body, string? contentType)
    {
        Body = body;
        RemoveHeaders(KnownHeader.ContentType);
        if (!body.IsEmpty && contentType is not null)
        {
            AddHeader(KnownHeader.ContentType, contentType);
        }

        return Self;
    }

    /// <summary>Writes the message bytes.</summary>
    public byte[] ToArray()
    {
        var size = StartLineByteCount() + 2 + ContentLengthLine().Length + 4 + Body.Length;
        foreach (var h in _headers)
        {
            size += Encoding.ASCII.GetByteCount(h.Name) + 2 + h.ValueByteCount + 2;
        }

        var buffer = new byte[size];
        var span = buffer.AsSpan();
        var n = WriteStartLine(span);
        n += Crlf(span[n..]);
        foreach (var h in _headers)
        {
            n += Encoding.ASCII.GetBytes(h.Name, span[n..]);
            span[n++] = (byte)':';
            span[n++] = (byte)' ';
            n += h.Text is null ? Copy(h.Raw.Span, span[n..]) : Encoding.UTF8.GetBytes(h.Text, span[n..]);
            n += Crlf(span[n..]);
        }

        n += Encoding.ASCII.GetBytes(ContentLengthLine(), span[n..]);
        n += Crlf(span[n..]);
        n += Crlf(span[n..]);
        Body.Span.CopyTo(span[n..]);
        return buffer;
    }

    /// <summary>Writes and parses the message; throws when the result is not a valid SIP message.</summary>
    public TMessage Build()
    {
        var result = BuildParser.ParseOwned(ToArray());
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"The built message is not valid SIP: {result.Error.Description}");
        }

        return (TMessage)result.Message;
    }

    private protected abstract int StartLineByteCount();

    private protected abstract int WriteStartLine(Span<byte> destination);

    private protected void AddRaw(SipMessage source, HeaderEntry entry)
    {
        var name = entry.Id == KnownHeader.Unknown ? new SipHeaderField(source, entry).Name : KnownHeaders.GetName(entry.Id);
        _headers.Add(new BuilderHeader(entry.Id, name, null, source.RawValue(entry)));
    }

    private protected void AddRaw(KnownHeader id, ReadOnlyMemory<byte> raw) =>
        _headers.Add(new BuilderHeader(id, KnownHeaders.GetName(id), null, raw));

    private protected void AddText(KnownHeader id, string text) =>
        _headers.Add(new BuilderHeader(id, KnownHeaders.GetName(id), text, default));

    private string ContentLengthLine() =>
        "Content-Length: " + Body.Length.ToString(CultureInfo.InvariantCulture);

    private static BuilderHeader Make(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (Syntax.Lex.ScanToken(Encoding.UTF8.GetBytes(name), 0) != Encoding.UTF8.GetByteCount(name))
        {
            throw new ArgumentException($"'{name}' is not a valid header name.", nameof(name));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"The value of {name} contains CR or LF.", nameof(value));
        }

        var id = KnownHeaders.Identify(name);
        Reject(id);
        return new BuilderHeader(id, id == KnownHeader.Unknown ? name : KnownHeaders.GetName(id), value, default);
    }

    private static void Reject(KnownHeader id)
    {
        if (id == KnownHeader.ContentLength)
        {
            throw new ArgumentException("Content-Length is computed from the body; do not add it.");
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private protected static int Crlf(Span<byte> destination)
    {
        destination[0] = (byte)'\r';
        destination[1] = (byte)'\n';
        return 2;
    }
}
