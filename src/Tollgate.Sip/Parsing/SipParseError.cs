using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Parsing;

/// <summary>Why a message could not be parsed, precise enough to be the reason phrase of the error response.</summary>
/// <remarks>
/// <see cref="Description"/> names the part that is wrong ("Via header: missing branch parameter",
/// "CSeq: method does not match request line"). It never contains CR, LF or bytes copied from the message, so it can
/// go into a Status-Line as it is.
/// </remarks>
public sealed class SipParseError
{
    internal SipParseError(SipParseErrorKind kind, string description, KnownHeader header = KnownHeader.Unknown)
    {
        Kind = kind;
        Description = description;
        Header = header;
    }

    public SipParseErrorKind Kind { get; }

    /// <summary>The header at fault, or <see cref="KnownHeader.Unknown"/> when the fault is elsewhere.</summary>
    public KnownHeader Header { get; }

    public string Description { get; }

    /// <summary>The status code a server answers a request with this fault.</summary>
    public int StatusCode => Kind switch
    {
        SipParseErrorKind.MessageTooLarge => SipStatusCodes.MessageTooLarge,
        SipParseErrorKind.UnsupportedVersion => SipStatusCodes.VersionNotSupported,
        _ => SipStatusCodes.BadRequest,
    };

    /// <summary>The reason phrase for the error response: the description itself.</summary>
    public string ReasonPhrase => Description;

    public override string ToString() => $"{StatusCode} {Description}";

    internal static SipParseError InHeader(KnownHeader header, string detail) =>
        new(SipParseErrorKind.InvalidHeader, $"{KnownHeaders.GetName(header)} header: {detail}", header);
}
