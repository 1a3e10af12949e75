using Tollgate.Switch.KeepAlive;

namespace Tollgate.Switch.Calls;

/// <summary>A connected call as it is now: the parties, when it was answered, and how its legs are being watched.</summary>
public sealed record LiveCall(
    string CallId,
    string CallingNumber,
    string CalledNumber,
    DateTime ConnectedAt,
    bool Ended,
    bool CallerAcknowledged,
    LiveLeg Caller,
    LiveLeg Callee);

/// <summary>The keep-alive state of one leg of a <see cref="LiveCall"/>.</summary>
/// <param name="Method">The method of the last keep-alive sent (none before the first).</param>
/// <param name="Sent">Keep-alives sent on the leg so far, retries included.</param>
/// <param name="Answered">Keep-alives the party answered.</param>
/// <param name="Failures">Failed keep-alives in a row.</param>
/// <param name="FellBack">True once the leg gave up UPDATE for re-INVITE.</param>
/// <param name="NextDue">When the next keep-alive is due; null while one is under way.</param>
public sealed record LiveLeg(KeepAliveMethod Method, int Sent, int Answered, int Failures, bool FellBack, DateTime? NextDue,
    bool ForbidUpdate, TimeSpan Interval);
