using System.Text;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;

namespace Tollgate.Sip.Tests.Support;

/// <summary>Turns test text into wire bytes and parses it.</summary>
public static class Wire
{
    /// <summary>Normalizes line ends of a C# literal to CRLF, as SIP requires.</summary>
    public static string Crlf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(Crlf(text));

    public static SipParseResult Parse(string text) => SipMessageParser.Default.Parse(Bytes(text));

    public static SipMessage Message(string text)
    {
        var result = Parse(text);
        result.Error.ShouldBeNull();
        return result.Message!;
    }

    public static SipRequest Request(string text) => Message(text).ShouldBeOfType<SipRequest>();

    public static SipResponse Response(string text) => Message(text).ShouldBeOfType<SipResponse>();

    public static SipParseError Error(string text)
    {
        var result = Parse(text);
        result.IsSuccess.ShouldBeFalse();
        return result.Error!;
    }

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
