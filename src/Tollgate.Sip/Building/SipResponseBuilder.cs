using System.Globalization;
using System.Net;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Building;

/// <summary>Builds a SIP response: SIP/2.0 SP Status-Code SP Reason-Phrase, then headers and body.</summary>
public sealed class SipResponseBuilder : SipMessageBuilder<SipResponseBuilder, SipResponse>
{
    private string _reasonPhrase;

    public SipResponseBuilder(int statusCode, string? reasonPhrase = null)
    {
        if (statusCode is < 100 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A status code is 100 to 699.");
        }

        StatusCode = statusCode;
        _reasonPhrase = Check(reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode));
    }

    public int StatusCode { get; }

    public string ReasonPhrase
    {
        get => _reasonPhrase;
        set => _reasonPhrase = Check(value);
    }

    /// <summary>Starts a response to <paramref name="request"/> as RFC 3261 §8.2.6 prescribes.</summary>
    /// <remarks>
    /// <para>Copies every Via in order, From, To, Call-ID and CSeq as raw bytes. Adds <paramref name="toTag"/> to
    /// To when To has no tag, except on 100 Trying, which never carries one (§8.2.6.1); 100 also echoes Timestamp.</para>
    /// <para>When the request arrived over the network, the top Via gets <c>received</c> when its sent-by is not the
    /// source address (§18.2.1) and, when the request asked for it, <c>rport</c> with the source port (RFC 3581).</para>
    /// <para>A response that creates a dialog (101-299 to INVITE or SUBSCRIBE) copies Record-Route (§12.1.1).</para>
    /// </remarks>
    public static SipResponseBuilder ForRequest(SipRequest request, int statusCode, string? reasonPhrase = null,
        string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var b = new SipResponseBuilder(statusCode, reasonPhrase);
        b.CopyVias(request);
        b.CopyHeaders(request, KnownHeader.From);
        var to = request.Entries[request.Index.To];
        if (statusCode != SipStatusCodes.Trying && toTag is not null && request.ToTag is null)
        {
            b.AddText(KnownHeader.To, Lex.Unfold(request.RawValue(to).Span) + ";tag=" + toTag);
        }
        else
        {
            b.AddRaw(request, to);
        }

        b.CopyHeaders(request, KnownHeader.CallId);
        b.CopyHeaders(request, KnownHeader.CSeq);
        if (statusCode == SipStatusCodes.Trying)
        {
            b.CopyHeaders(request, KnownHeader.Timestamp);
        }

        if (statusCode is > 100 and < 300
            && (request.Method == SipMethod.Invite || request.Method == SipMethod.Subscribe))
        {
            b.CopyHeaders(request, KnownHeader.RecordRoute);
        }

        return b;
    }

    /// <summary>A builder holding a copy of a parsed response (headers raw), for relaying or altering it.</summary>
    public static SipResponseBuilder From(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var b = new SipResponseBuilder(response.StatusCode, response.ReasonPhrase);
        foreach (var e in response.Entries)
        {
            if (e.Id != KnownHeader.ContentLength)
            {
                b.AddRaw(response, e);
            }
        }

        b.Body = response.Body;
        return b;
    }

    /// <summary>The top Via of a received request with received/rport filled in from its source.</summary>
    public static Via AnnotateTopVia(Via top, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(source);
        var hostIsSource = IPAddress.TryParse(top.Host.Trim('[', ']'), out var sentBy) && sentBy.Equals(source.Address);
        var via = top;
        if (!hostIsSource || top.HasRPort)
        {
            via = via.WithParameter("received", source.Address.ToString());
        }

        if (top.HasRPort)
        {
            via = via.WithParameter("rport", source.Port.ToString(CultureInfo.InvariantCulture));
        }

        return via;
    }

    private void CopyVias(SipRequest request)
    {
        if (request.Flow is null)
        {
            CopyHeaders(request, KnownHeader.Via);
            return;
        }

        var first = true;
        foreach (var e in request.Entries)
        {
            if (e.Id != KnownHeader.Via)
            {
                continue;
            }

            if (!first)
            {
                AddRaw(request, e);
                continue;
            }

            first = false;
            AddText(KnownHeader.Via, AnnotateTopVia(request.TopVia, request.Flow.RemoteEndPoint).ToString());

            // The top Via may share its header line with more values ("Via: a, b"): keep the rest as they were.
            var raw = request.RawValue(e);
            var i = 0;
            ViaScanner.TryScan(raw.Span, ref i, out _, out _);
            if (ListScanner.TryAdvance(raw.Span, ref i, out _))
            {
                AddRaw(KnownHeader.Via, raw[i..]);
            }
        }
    }

    private protected override int StartLineByteCount() => 8 + 4 + Encoding.UTF8.GetByteCount(_reasonPhrase);

    private protected override int WriteStartLine(Span<byte> destination)
    {
        "SIP/2.0 "u8.CopyTo(destination);
        StatusCode.TryFormat(destination[8..], out _, provider: CultureInfo.InvariantCulture);
        destination[11] = (byte)' ';
        return 12 + Encoding.UTF8.GetBytes(_reasonPhrase, destination[12..]);
    }

    private static string Check(string reason) =>
        reason.AsSpan().IndexOfAny('\r', '\n') >= 0
            ? throw new ArgumentException("A reason phrase cannot contain CR or LF.", nameof(reason))
            : reason;
}
