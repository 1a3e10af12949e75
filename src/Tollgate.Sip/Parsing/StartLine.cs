using Tollgate.Sip.Messages;
using Tollgate.Sip.Syntax;

namespace Tollgate.Sip.Parsing;

/// <summary>The parsed Request-Line or Status-Line (RFC 3261 §7.1, §7.2), with offsets into the message.</summary>
/// <remarks>
/// A fatal error means the line cannot be understood at all. A deferred error (a bad Request-URI or version) leaves
/// a line whose method is known, so the headers are still read and the request can be answered with 400 or 505.
/// </remarks>
internal readonly struct StartLine
{
    private StartLine(bool isRequest, SipMethod? method, Range uri, int statusCode, Range reason, SipParseError? fatal,
        SipParseError? deferred)
    {
        IsRequest = isRequest;
        Method = method;
        Uri = uri;
        StatusCode = statusCode;
        Reason = reason;
        FatalError = fatal;
        DeferredError = deferred;
    }

    public bool IsRequest { get; }

    public SipMethod? Method { get; }

    public Range Uri { get; }

    public int StatusCode { get; }

    public Range Reason { get; }

    public SipParseError? FatalError { get; }

    public SipParseError? DeferredError { get; }

    public static StartLine Parse(ReadOnlySpan<byte> line) =>
        line.Length >= 4 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8) ? ParseStatusLine(line) : ParseRequestLine(line);

    private static StartLine ParseRequestLine(ReadOnlySpan<byte> line)
    {
        var sp1 = line.IndexOf((byte)' ');
        var sp2 = line.LastIndexOf((byte)' ');
        if (sp1 <= 0 || sp2 == sp1)
        {
            return Fatal("Request-Line: must be Method SP Request-URI SP SIP-Version");
        }

        var methodToken = line[..sp1];
        if (Lex.ScanToken(methodToken, 0) != methodToken.Length)
        {
            return Fatal("Request-Line: method is not a token");
        }

        var method = SipMethod.FromUtf8(methodToken);
        var uri = (sp1 + 1)..sp2;
        var deferred = CheckVersion(line[(sp2 + 1)..], "Request-Line") ?? CheckRequestUri(line[uri]);
        return new StartLine(true, method, uri, 0, default, null, deferred);
    }

    private static SipParseError? CheckRequestUri(ReadOnlySpan<byte> uri)
    {
        if (uri.IsEmpty || uri.IndexOfAny((byte)' ', (byte)'\t') >= 0)
        {
            return Malformed("Request-Line: elements must be separated by single spaces");
        }

        if (!UriScanner.TryScan(uri, out var parts, out var error))
        {
            return Malformed("Request-URI: " + error);
        }

        return parts.HeadersStart >= 0 ? Malformed("Request-URI: headers ('?') are not allowed in a Request-URI") : null;
    }

    private static SipParseError? CheckVersion(ReadOnlySpan<byte> version, string where)
    {
        if (Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8))
        {
            return null;
        }

        // "SIP/" 1*DIGIT "." 1*DIGIT is a version we do not speak; anything else is garbage.
        var looksLikeVersion = version.Length >= 7 && Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8)
            && version[4..].IndexOfAnyExcept("0123456789."u8) < 0 && version[4..].Count((byte)'.') == 1;
        return looksLikeVersion
            ? new SipParseError(SipParseErrorKind.UnsupportedVersion, $"{where}: SIP version is not 2.0")
            : Malformed($"{where}: malformed SIP version");
    }

    private static StartLine ParseStatusLine(ReadOnlySpan<byte> line)
    {
        var sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0)
        {
            return Fatal("Status-Line: must be SIP-Version SP Status-Code SP Reason-Phrase");
        }

        if (CheckVersion(line[..sp1], "Status-Line") is { } versionError)
        {
            return new StartLine(false, null, default, 0, default, versionError, null);
        }

        var rest = line[(sp1 + 1)..];
        var codeEnd = rest.IndexOf((byte)' ');
        var code = codeEnd < 0 ? rest : rest[..codeEnd];
        if (code.Length != 3 || !Lex.TryParseNumber(code, 699, out var status) || status < 100)
        {
            return Fatal("Status-Line: status code must be three digits from 100 to 699");
        }

        var reasonStart = codeEnd < 0 ? line.Length : sp1 + 1 + codeEnd + 1;
        return new StartLine(false, null, default, (int)status, reasonStart..line.Length, null, null);
    }

    private static StartLine Fatal(string description) =>
        new(false, null, default, 0, default, Malformed(description), null);

    private static SipParseError Malformed(string description) => new(SipParseErrorKind.MalformedStartLine, description);
}
