using System.Collections;

namespace Tollgate.Sip.Messages;

/// <summary>The header fields of a message in wire order, without materializing them.</summary>
public readonly struct SipHeaderCollection : IReadOnlyList<SipHeaderField>
{
    private readonly SipMessage _message;

    internal SipHeaderCollection(SipMessage message) => _message = message;

    public int Count => _message.Entries.Length;

    public SipHeaderField this[int index] => new(_message, _message.Entries[index]);

    public IEnumerator<SipHeaderField> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
