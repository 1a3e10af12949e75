namespace Tollgate.Sip.Parsing;

/// <summary>Limits the parser enforces so that a hostile peer cannot make it work or allocate without bound.</summary>
public sealed record SipParserOptions
{
    /// <summary>The default: 64 KiB, the largest UDP datagram, per message.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024;

    public static readonly SipParserOptions Default = new();

    /// <summary>Largest message accepted, start line to end of body, in bytes.</summary>
    public int MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>Most header lines accepted (folded continuation lines count with their header).</summary>
    public int MaxHeaderCount { get; init; } = 128;
}
