using Microsoft.AspNetCore.Http;
using Tollgate.Api.Problems;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary>The problems the call control API answers with, beside the common ones.</summary>
public static class CallControlProblems
{
    /// <summary>409: billing refused the call for the paying account (blocked, closed, no credit …); <c>sipStatus</c> says how a phone would have heard it.</summary>
    public const string CallRefused = ProblemTypes.Base + "call-refused";

    /// <summary>422: the destination leads nowhere: no account, extension, alias or route, or its phone is not registered (<c>errors.to</c>).</summary>
    public const string DestinationUnreachable = ProblemTypes.Base + "destination-unreachable";

    /// <summary>409: the <c>from</c> account has no registered phone to ring (<c>errors.from</c>).</summary>
    public const string NotRegistered = ProblemTypes.Base + "not-registered";

    /// <summary>The problem for a request the switch did not carry out; null for one it did.</summary>
    /// <param name="callerField">The body field that names the paying account, when there is one (<c>from</c>).</param>
    public static Problem? For(ControlResult result, string id, string? callerField)
    {
        switch (result.Outcome)
        {
            case ControlOutcome.Started or ControlOutcome.Accepted:
                return null;
            case ControlOutcome.NotFound:
                return Problem.NotFound("live call", id);
            case ControlOutcome.NotAnswered:
                return Problem.Conflict($"Call {id} is still ringing; only an answered call can be transferred.");
            case ControlOutcome.Busy:
                return Problem.Conflict($"Call {id} is being transferred or disconnected already.");
            case ControlOutcome.Ended:
                return Problem.Conflict($"Call {id} ended before it could be transferred.");
            case ControlOutcome.CallerNotRegistered:
                return new Problem(StatusCodes.Status409Conflict, NotRegistered, "The phone to ring is not registered.",
                    "The account has no registered phone, so there is nothing to ring first.")
                {
                    Errors = new Dictionary<string, string[]> { [callerField ?? "from"] = ["has no registered phone"] },
                };
            case ControlOutcome.Unavailable:
                return new Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "The switch is shutting down.",
                    "Try again in a moment; another switch may take the call.");
        }

        var sip = new Dictionary<string, object?> { ["sipStatus"] = result.SipStatus, ["sipReason"] = result.Reason };
        if (result.RefusalConcerns == CallSide.Callee)
        {
            var why = result.SipStatus == 480 ? "its phone is not registered" : "no account, extension, alias or route matches it";
            return new Problem(StatusCodes.Status422UnprocessableEntity, DestinationUnreachable, "The destination cannot be reached.",
                $"The destination cannot be called: {why} ({result.SipStatus} {result.Reason}).")
            {
                Errors = new Dictionary<string, string[]> { ["to"] = [$"cannot be reached: {why}"] },
                Extensions = sip,
            };
        }

        return new Problem(StatusCodes.Status409Conflict, CallRefused, "The call was refused.",
            $"The paying account may not place this call now: {result.Reason} ({result.SipStatus}).")
        {
            Errors = callerField is null ? null : new Dictionary<string, string[]> { [callerField] = [$"may not place this call: {result.Reason}"] },
            Extensions = sip,
        };
    }
}
