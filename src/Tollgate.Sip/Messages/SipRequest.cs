using System.Text;

namespace Tollgate.Sip.Messages;

/// <summary>A parsed SIP request (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly Range _uri;
    private SipUri? _requestUri;

    internal SipRequest(byte[] buffer, HeaderEntry[] entries, int bodyStart, MessageIndex index, SipMethod method, Range uri)
        : base(buffer, entries, bodyStart, index)
    {
        Method = method;
        _uri = uri;
    }

    public SipMethod Method { get; }

    /// <summary>The Request-URI as written.</summary>
    public string RequestUriText => Encoding.UTF8.GetString(Span[_uri]);

    /// <summary>The Request-URI, parsed; for non-SIP schemes it is opaque (see <see cref="SipUri.IsSip"/>).</summary>
    public SipUri RequestUri => _requestUri ??= SipUri.FromUtf8(Span[_uri]);

    public override string ToString() => $"{Method.Name} {RequestUriText} (Call-ID {CallId}, CSeq {CSeq})";
}
