namespace Tollgate.Sip.Transactions;

/// <summary>The base timer values of RFC 3261 §17 (table 4) and the timers derived from them.</summary>
/// <remarks>
/// Only T1, T2 and T4 are configurable; every lettered timer follows from them as the RFC defines it. Timers that
/// absorb retransmissions (D, I, J, K) are zero on reliable transports, where nothing is retransmitted.
/// </remarks>
public sealed record SipTimerSettings
{
    public static readonly SipTimerSettings Default = new();

    /// <summary>RTT estimate: the first retransmission interval. Default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on the retransmission interval of non-INVITE requests and INVITE responses. Default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message may linger in the network. Default 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64·T1: Timers B, F, H, J and the RFC 6026 Timers L and M.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D: at least 32 s over UDP, 0 over TCP.</summary>
    public TimeSpan TimerD(bool reliable) => reliable ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(32).Ticks, TransactionTimeout.Ticks / 2));

    /// <summary>Timers I and K: T4 over UDP, 0 over TCP.</summary>
    public TimeSpan TimerIOrK(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>Timer J: 64·T1 over UDP, 0 over TCP.</summary>
    public TimeSpan TimerJ(bool reliable) => reliable ? TimeSpan.Zero : TransactionTimeout;
}
