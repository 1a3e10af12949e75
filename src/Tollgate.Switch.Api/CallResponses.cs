using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary>One party of a live call: its account (null beyond a vendor connection), its number, its vendor connection.</summary>
public sealed record PartyResponse(string? AccountId, string Number, long? ConnectionId);

/// <summary>A live call as <c>GET /api/v1/calls</c> shows it.</summary>
/// <param name="Ringing">While ringing: which party is being rung.</param>
/// <param name="BilledAccountId">The account the call is charged to.</param>
/// <param name="TransferredFrom">For a call made by a transfer: the call it came from.</param>
public sealed record CallResponse(
    string Id,
    CallKind Kind,
    CallState State,
    CallSide? Ringing,
    PartyResponse Caller,
    PartyResponse Callee,
    string? BilledAccountId,
    DateTime StartedAt,
    DateTime? AnsweredAt,
    string? TransferredFrom)
{
    public static CallResponse Of(CallView call) => new(call.Id, call.Kind, call.State, call.Ringing, Party(call.Caller), Party(call.Callee),
        call.BilledAccountId, call.StartedAt, call.AnsweredAt, call.TransferredFrom);

    private static PartyResponse Party(CallParty party) => new(party.AccountId, party.Number, party.ConnectionId);
}

/// <summary>One event of <c>GET /api/v1/calls/events</c>: the call's new state, when, and the call as it was then.</summary>
/// <param name="State">ringing, answered, transferred or ended (the last two are final for the call id).</param>
/// <param name="Reason">For transferred and ended: the CDR's disconnect reason.</param>
/// <param name="Side">For transferred and ended: caller, callee or switch.</param>
/// <param name="TransferredTo">For transferred: the id of the new call.</param>
/// <param name="Call">The call at that moment (for a final event, as it was last).</param>
public sealed record CallEventResponse(
    string CallId,
    CallEventKind State,
    DateTime At,
    string? Reason,
    string? Side,
    string? TransferredTo,
    CallResponse Call)
{
    public static CallEventResponse Of(CallEvent e) => new(e.Call.Id, e.Kind, e.At, e.Reason, e.Side, e.TransferredTo, CallResponse.Of(e.Call));
}
