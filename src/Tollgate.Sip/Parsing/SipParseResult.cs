using System.Diagnostics.CodeAnalysis;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Parsing;

/// <summary>The outcome of parsing: a message, or an error saying what is malformed.</summary>
public readonly struct SipParseResult
{
    internal SipParseResult(SipMessage? message, SipParseError? error, SipMessage? unvalidated)
    {
        Message = message;
        Error = error;
        Unvalidated = unvalidated;
    }

    public SipMessage? Message { get; }

    public SipParseError? Error { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;

    /// <summary>
    /// When the framing was sound but a header failed validation, the message anyway: its raw Via, From, To, Call-ID
    /// and CSeq are enough to address a 400 response. Typed accessors on it may fail.
    /// </summary>
    internal SipMessage? Unvalidated { get; }

    internal static SipParseResult Fail(SipParseError error, SipMessage? unvalidated = null) => new(null, error, unvalidated);
}
