using System.Text;

namespace Tollgate.Sip.Messages;

/// <summary>A parsed SIP response (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    private readonly Range _reason;
    private string? _reasonPhrase;

    internal SipResponse(byte[] buffer, HeaderEntry[] entries, int bodyStart, MessageIndex index, int statusCode, Range reason)
        : base(buffer, entries, bodyStart, index)
    {
        StatusCode = statusCode;
        _reason = reason;
    }

    public int StatusCode { get; }

    public string ReasonPhrase => _reasonPhrase ??= Encoding.UTF8.GetString(Span[_reason]);

    public bool IsProvisional => StatusCode < 200;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// True for a response this stack made up instead of receiving: a transaction timeout (408) or a transport
    /// failure (503), as RFC 3261 §8.1.3.1 and §17.1 ask the transaction layer to report them.
    /// </summary>
    public bool IsLocallyGenerated { get; internal set; }

    public override string ToString() => $"{StatusCode} {ReasonPhrase} (Call-ID {CallId}, CSeq {CSeq})";
}
