using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Building;

/// <summary>Builds a SIP request: Method SP Request-URI SP SIP/2.0, then headers and body.</summary>
public sealed class SipRequestBuilder : SipMessageBuilder<SipRequestBuilder, SipRequest>
{
    public SipRequestBuilder(SipMethod method, SipUri requestUri)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        RequestUri = requestUri ?? throw new ArgumentNullException(nameof(requestUri));
    }

    public SipMethod Method { get; set; }

    public SipUri RequestUri { get; set; }

    /// <summary>A builder holding a copy of a parsed request: same start line, headers (raw) and body.</summary>
    public static SipRequestBuilder From(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new SipRequestBuilder(request.Method, request.RequestUri);
        foreach (var e in request.Entries)
        {
            if (e.Id != KnownHeader.ContentLength)
            {
                builder.AddRaw(request, e);
            }
        }

        builder.Body = request.Body;
        return builder;
    }

    private protected override int StartLineByteCount() =>
        Encoding.UTF8.GetByteCount(Method.Name) + 1 + Encoding.UTF8.GetByteCount(RequestUri.ToString()) + 8;

    private protected override int WriteStartLine(Span<byte> destination)
    {
        var n = Encoding.UTF8.GetBytes(Method.Name, destination);
        destination[n++] = (byte)' ';
        n += Encoding.UTF8.GetBytes(RequestUri.ToString(), destination[n..]);
        " SIP/2.0"u8.CopyTo(destination[n..]);
        return n + 8;
    }
}
