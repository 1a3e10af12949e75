using System.Text;
using Tollgate.Sip.SessionTimers;
using Tollgate.Sip.Syntax;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Messages;

/// <summary>A parsed SIP message: the exact bytes, an index of header offsets, and typed views decoded on demand.</summary>
/// <remarks>
/// A message is immutable and owns one byte array holding exactly its wire form, so forwarding or retransmitting
/// it copies nothing and <see cref="Bytes"/> is byte-exact. Typed properties decode on first use and cache; the
/// parser has already validated every header they read, so they do not fail. To change a message, copy it into a
/// builder (<c>SipRequestBuilder.From</c>).
/// </remarks>
public abstract class SipMessage
{
    private readonly byte[] _buffer;
    private readonly HeaderEntry[] _entries;
    private readonly int _bodyStart;
    private readonly MessageIndex _index;
    private string? _callId;
    private string? _fromTag;
    private string? _toTag;
    private string? _branch;
    private NameAddress? _from;
    private NameAddress? _to;
    private Via[]? _vias;
    private Via? _topVia;
    private NameAddress[]? _contacts;
    private NameAddress[]? _routes;
    private NameAddress[]? _recordRoutes;

    private protected SipMessage(byte[] buffer, HeaderEntry[] entries, int bodyStart, MessageIndex index)
    {
        _buffer = buffer;
        _entries = entries;
        _bodyStart = bodyStart;
        _index = index;
    }

    /// <summary>The whole message exactly as received or built.</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer;

    /// <summary>The body bytes, Content-Length long; empty when there is none.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(_bodyStart);

    public SipHeaderCollection Headers => new(this);

    /// <summary>Where the message came from; null for messages built locally.</summary>
    public SipFlow? Flow { get; internal set; }

    public string CallId => _callId ??= Lex.Unfold(Span[_entries[_index.CallId].Value]);

    public CSeq CSeq => new(_index.CSeqNumber, _index.CSeqMethod!);

    public string? FromTag => _index.FromTagStart < 0 ? null : _fromTag ??= Utf8(_index.FromTagStart, _index.FromTagEnd);

    public string? ToTag => _index.ToTagStart < 0 ? null : _toTag ??= Utf8(_index.ToTagStart, _index.ToTagEnd);

    /// <summary>The branch of the top Via, the transaction identifier (RFC 3261 §17).</summary>
    public string Branch => _branch ??= Utf8(_index.BranchStart, _index.BranchEnd);

    public NameAddress From => _from ??= NameAddressAt(_index.From);

    public NameAddress To => _to ??= NameAddressAt(_index.To);

    /// <summary>All Via values, top first, across repeated headers and comma lists.</summary>
    public IReadOnlyList<Via> Vias => _vias ??= CollectVias();

    /// <summary>The first Via; read on its own, without decoding the Vias below it.</summary>
    public Via TopVia => _topVia ??= _vias is { } all ? all[0] : ReadTopVia();

    /// <summary>Contact values in order; empty when absent or when the Contact is "*".</summary>
    public IReadOnlyList<NameAddress> Contacts => _contacts ??= CollectAddresses(KnownHeader.Contact);

    /// <summary>True for "Contact: *" (RFC 3261 §10.2.2, REGISTER only).</summary>
    public bool IsWildcardContact =>
        FirstIndex(KnownHeader.Contact) is var i and >= 0 && Lex.Trim(Span[_entries[i].Value]).SequenceEqual("*"u8);

    public IReadOnlyList<NameAddress> Routes => _routes ??= CollectAddresses(KnownHeader.Route);

    public IReadOnlyList<NameAddress> RecordRoutes => _recordRoutes ??= CollectAddresses(KnownHeader.RecordRoute);

    public int? MaxForwards => _index.MaxForwards >= 0 ? _index.MaxForwards : null;

    public uint? Expires => ScalarValue(KnownHeader.Expires);

    public string? ContentType => GetHeaderValue(KnownHeader.ContentType);

    /// <summary>The methods in the Allow headers, or null when the message has none (which means unknown).</summary>
    public SipMethodSet? Allow
    {
        get
        {
            if (FirstIndex(KnownHeader.Allow) < 0)
            {
                return null;
            }

            var set = SipMethodSet.None;
            var ranges = new List<Range>();
            foreach (var e in _entries)
            {
                if (e.Id != KnownHeader.Allow)
                {
                    continue;
                }

                ranges.Clear();
                var value = Span[e.Value];
                ListScanner.CollectTokens(value, ranges);
                foreach (var r in ranges)
                {
                    set |= SipMethod.FindKnown(value[r])?.Flag ?? SipMethodSet.None;
                }
            }

            return set;
        }
    }

    public IReadOnlyList<string> Supported => Tokens(KnownHeader.Supported);

    public IReadOnlyList<string> Require => Tokens(KnownHeader.Require);

    public IReadOnlyList<string> ProxyRequire => Tokens(KnownHeader.ProxyRequire);

    public IReadOnlyList<string> Unsupported => Tokens(KnownHeader.Unsupported);

    /// <summary>The RFC 4028 Session-Expires header, or null.</summary>
    public SessionExpires? SessionExpires =>
        FirstIndex(KnownHeader.SessionExpires) is var i and >= 0 ? SessionTimers.SessionExpires.FromUtf8(Span[_entries[i].Value]) : null;

    /// <summary>The RFC 4028 Min-SE value in seconds, or null.</summary>
    public uint? MinSE =>
        FirstIndex(KnownHeader.MinSE) is var i and >= 0
        && ScalarScanner.TryParseDeltaWithParams(Span[_entries[i].Value], out var v, out _, out _) ? (uint)v : null;

    public bool Contains(KnownHeader header) => FirstIndex(header) >= 0;

    public bool Contains(string name) => FirstIndex(name) >= 0;

    /// <summary>The value of the first header with this identity, unfolded; null when absent.</summary>
    public string? GetHeaderValue(KnownHeader header) =>
        FirstIndex(header) is var i and >= 0 ? Lex.Unfold(Span[_entries[i].Value]) : null;

    /// <summary>The value of the first header with this name (long or compact), unfolded; null when absent.</summary>
    public string? GetHeaderValue(string name) =>
        FirstIndex(name) is var i and >= 0 ? Lex.Unfold(Span[_entries[i].Value]) : null;

    /// <summary>The values of every header with this name, one per header line, in order.</summary>
    public IReadOnlyList<string> GetHeaderValues(string name)
    {
        var id = KnownHeaders.Identify(name);
        var list = new List<string>();
        foreach (var e in _entries)
        {
            if (id != KnownHeader.Unknown ? e.Id == id : e.Id == KnownHeader.Unknown && NameIs(e, name))
            {
                list.Add(Lex.Unfold(Span[e.Value]));
            }
        }

        return list;
    }

    public IReadOnlyList<string> GetHeaderValues(KnownHeader header) => GetHeaderValues(KnownHeaders.GetName(header));

    internal ReadOnlySpan<byte> Span => _buffer;

    internal HeaderEntry[] Entries => _entries;

    internal ref readonly MessageIndex Index => ref _index;

    internal ReadOnlyMemory<byte> RawValue(HeaderEntry entry) => _buffer.AsMemory(entry.Value);

    internal int FirstIndex(KnownHeader header)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Id == header)
            {
                return i;
            }
        }

        return -1;
    }

    internal int FirstIndex(string name)
    {
        var id = KnownHeaders.Identify(name);
        if (id != KnownHeader.Unknown)
        {
            return FirstIndex(id);
        }

        for (var i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].Id == KnownHeader.Unknown && NameIs(_entries[i], name))
            {
                return i;
            }
        }

        return -1;
    }

    private bool NameIs(HeaderEntry e, string name) =>
        e.NameLength == name.Length && Ascii.EqualsIgnoreCase(Span[e.Name], name);

    private string Utf8(int start, int end) => Encoding.UTF8.GetString(_buffer, start, end - start);

    private NameAddress NameAddressAt(int entryIndex)
    {
        var value = Span[_entries[entryIndex].Value];
        var i = 0;
        NameAddrScanner.TryScan(value, ref i, false, out var parts, out _);
        return NameAddress.FromParts(value, parts);
    }

    private Via ReadTopVia()
    {
        var value = Span[_entries[FirstIndex(KnownHeader.Via)].Value];
        var i = 0;
        ViaScanner.TryScan(value, ref i, out var parts, out _);
        return Via.FromParts(value, parts);
    }

    private Via[] CollectVias()
    {
        var list = new List<Via>(2);
        foreach (var e in _entries)
        {
            if (e.Id != KnownHeader.Via)
            {
                continue;
            }

            var value = Span[e.Value];
            var i = 0;
            do
            {
                if (!ViaScanner.TryScan(value, ref i, out var parts, out _))
                {
                    break;
                }

                list.Add(Via.FromParts(value, parts));
            }
            while (ListScanner.TryAdvance(value, ref i, out _));
        }

        return [.. list];
    }

    private NameAddress[] CollectAddresses(KnownHeader header)
    {
        List<NameAddress>? list = null;
        foreach (var e in _entries)
        {
            if (e.Id != header)
            {
                continue;
            }

            var value = Span[e.Value];
            if (Lex.Trim(value).SequenceEqual("*"u8))
            {
                continue;
            }

            var i = 0;
            do
            {
                if (!NameAddrScanner.TryScan(value, ref i, false, out var parts, out _))
                {
                    break;
                }

                (list ??= []).Add(NameAddress.FromParts(value, parts));
            }
            while (ListScanner.TryAdvance(value, ref i, out _));
        }

        return list is null ? [] : [.. list];
    }

    private string[] Tokens(KnownHeader header)
    {
        if (FirstIndex(header) < 0)
        {
            return [];
        }

        List<string>? list = null;
        var ranges = new List<Range>();
        foreach (var e in _entries)
        {
            if (e.Id != header)
            {
                continue;
            }

            ranges.Clear();
            var value = Span[e.Value];
            ListScanner.CollectTokens(value, ranges);
            foreach (var r in ranges)
            {
                (list ??= []).Add(Encoding.ASCII.GetString(value[r]));
            }
        }

        return list is null ? [] : [.. list];
    }

    private uint? ScalarValue(KnownHeader header) =>
        FirstIndex(header) is var i and >= 0
        && ScalarScanner.TryParseNumber(Span[_entries[i].Value], ScalarScanner.MaxDeltaSeconds, out var v) ? (uint)v : null;
}
