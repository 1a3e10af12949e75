namespace Tollgate.Sip.Parsing;

/// <summary>What kind of problem made a message unparseable; each maps to the status a server answers with.</summary>
public enum SipParseErrorKind
{
    /// <summary>Larger than the configured limit: 513 Message Too Large.</summary>
    MessageTooLarge,

    /// <summary>More header fields than the configured limit: 400.</summary>
    TooManyHeaders,

    /// <summary>The bytes end before the empty line that closes the headers: 400 (or wait for more on a stream).</summary>
    Incomplete,

    /// <summary>The Request-Line or Status-Line is malformed: 400.</summary>
    MalformedStartLine,

    /// <summary>A SIP version other than 2.0: 505 Version Not Supported.</summary>
    UnsupportedVersion,

    /// <summary>A header line is not "name: value": 400.</summary>
    MalformedHeaderLine,

    /// <summary>A mandatory header is missing: 400.</summary>
    MissingHeader,

    /// <summary>A header's value does not follow its grammar, or a single-valued header repeats: 400.</summary>
    InvalidHeader,

    /// <summary>Two parts of the message contradict each other (CSeq method vs Request-Line): 400.</summary>
    Inconsistent,

    /// <summary>Content-Length disagrees with the bytes received: 400.</summary>
    BodyLength,
}
