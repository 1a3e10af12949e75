namespace Tollgate.Switch.Control;

/// <summary>How a call control request went.</summary>
public enum ControlOutcome
{
    /// <summary>A new call was started (click-to-dial, or the new call of a transfer); it rings now.</summary>
    Started,

    /// <summary>The call is being disconnected.</summary>
    Accepted,

    /// <summary>No live call has this id.</summary>
    NotFound,

    /// <summary>The call is not answered yet, so it cannot be transferred.</summary>
    NotAnswered,

    /// <summary>The call is already being transferred or disconnected.</summary>
    Busy,

    /// <summary>The call ended before the request could change it.</summary>
    Ended,

    /// <summary>The account to ring first has no registered phone.</summary>
    CallerNotRegistered,

    /// <summary>Billing or routing refused the call (see <see cref="ControlResult.SipStatus"/> and <see cref="ControlResult.Reason"/>).</summary>
    Refused,

    /// <summary>The switch is shutting down.</summary>
    Unavailable,
}

/// <summary>The answer to a call control request: the outcome, the call concerned, and for a refusal its SIP status and reason.</summary>
/// <param name="Call">The new call (<see cref="ControlOutcome.Started"/>) or the call acted on.</param>
/// <param name="SipStatus">For <see cref="ControlOutcome.Refused"/>: the status a phone placing the call would have got (403, 404, 402, 480 …).</param>
public sealed record ControlResult(ControlOutcome Outcome, CallView? Call = null, int SipStatus = 0, string? Reason = null)
{
    public bool Succeeded => Outcome is ControlOutcome.Started or ControlOutcome.Accepted;

    /// <summary>For a refusal, which party it concerns: the destination (not found, not registered) or the calling account.</summary>
    public CallSide RefusalConcerns => SipStatus is 404 or 480 or 484 or 485 or 488 or 604 ? CallSide.Callee : CallSide.Caller;

    public static ControlResult Refused(int sipStatus, string? reason) => new(ControlOutcome.Refused, null, sipStatus, reason);
}
