using System.Text;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Messages;

/// <summary>One header field of a parsed message: its name and value, decoded only when asked.</summary>
public readonly struct SipHeaderField
{
    private readonly SipMessage _message;
    private readonly HeaderEntry _entry;

    internal SipHeaderField(SipMessage message, HeaderEntry entry)
    {
        _message = message;
        _entry = entry;
    }

    public KnownHeader Id => _entry.Id;

    /// <summary>The name as written (which may be a compact form such as "v").</summary>
    public string Name => Encoding.ASCII.GetString(_message.Span[_entry.Name]);

    /// <summary>The canonical long name for known headers, otherwise the name as written.</summary>
    public string CanonicalName => Id == KnownHeader.Unknown ? Name : KnownHeaders.GetName(Id);

    /// <summary>The value with line folds replaced by single spaces.</summary>
    public string Value => Lex.Unfold(ValueUtf8);

    /// <summary>The raw value bytes, folds included, without leading and trailing whitespace.</summary>
    public ReadOnlySpan<byte> ValueUtf8 => _message.Span[_entry.Value];

    internal HeaderEntry Entry => _entry;

    public override string ToString() => $"{CanonicalName}: {Value}";
}
