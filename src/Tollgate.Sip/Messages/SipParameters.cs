using System.Collections;
using System.Text;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Messages;

/// <summary>An immutable, ordered list of parameters; names compare case-insensitively (RFC 3261 §7.3.1).</summary>
public sealed class SipParameters : IReadOnlyList<SipParameter>
{
    private readonly SipParameter[] _items;

    /// <summary>The empty list.</summary>
    public static readonly SipParameters Empty = new([]);

    private SipParameters(SipParameter[] items) => _items = items;

    /// <summary>Creates a list from parameters in order.</summary>
    public static SipParameters Of(params ReadOnlySpan<SipParameter> items) => items.IsEmpty ? Empty : new(items.ToArray());

    public int Count => _items.Length;

    public SipParameter this[int index] => _items[index];

    /// <summary>The value of a parameter: null when absent or valueless; use <see cref="Contains"/> to tell them apart.</summary>
    public string? this[string name] => IndexOf(name) is var i and >= 0 ? _items[i].Value : null;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Returns a list where <paramref name="name"/> has <paramref name="value"/>, replacing or appending it.</summary>
    public SipParameters With(string name, string? value, bool quoted = false)
    {
        var p = new SipParameter(name, value, quoted);
        var i = IndexOf(name);
        if (i >= 0)
        {
            var copy = (SipParameter[])_items.Clone();
            copy[i] = p;
            return new SipParameters(copy);
        }

        return new SipParameters([.. _items, p]);
    }

    /// <summary>Returns a list without <paramref name="name"/>.</summary>
    public SipParameters Without(string name) =>
        IndexOf(name) < 0 ? this : new SipParameters(_items.Where(p => !Is(p, name)).ToArray());

    /// <summary>Formats as ";a=b;c" (empty for no parameters).</summary>
    public override string ToString()
    {
        if (_items.Length == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var p in _items)
        {
            sb.Append(';').Append(p.ToString());
        }

        return sb.ToString();
    }

    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Materializes header parameters from validated bytes (generic-param syntax, LWS allowed).</summary>
    internal static SipParameters FromHeader(ReadOnlySpan<byte> s, int start)
    {
        var i = start;
        List<SipParameter>? list = null;
        while (ParamScanner.TryNext(s, ref i, out var p, out _))
        {
            list ??= [];
            var value = !p.HasValue ? null : p.Quoted ? Lex.Unquote(p.Value(s)) : Encoding.UTF8.GetString(p.Value(s));
            list.Add(new SipParameter(Encoding.UTF8.GetString(p.Name(s)), value, p.Quoted));
        }

        return list is null ? Empty : new SipParameters([.. list]);
    }

    /// <summary>Materializes URI parameters (";name[=value]" with no LWS) from validated bytes.</summary>
    internal static SipParameters FromUri(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return Empty;
        }

        var list = new List<SipParameter>();
        foreach (var range in s[1..].Split((byte)';'))
        {
            var part = s[1..][range];
            var eq = part.IndexOf((byte)'=');
            list.Add(eq < 0
                ? new SipParameter(Encoding.UTF8.GetString(part), null)
                : new SipParameter(Encoding.UTF8.GetString(part[..eq]), Encoding.UTF8.GetString(part[(eq + 1)..])));
        }

        return new SipParameters([.. list]);
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Length; i++)
        {
            if (Is(_items[i], name))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Is(SipParameter p, string name) => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase);
}
