namespace Tollgate.Switch.Control;

/// <summary>Where a live call is: a party is being rung, or the two are talking.</summary>
public enum CallState
{
    Ringing,
    Answered,
}

/// <summary>How a live call came about.</summary>
public enum CallKind
{
    /// <summary>A phone or a vendor sent the switch an INVITE.</summary>
    Call,

    /// <summary>Call control placed it: it rang the <c>from</c> account, then called the destination.</summary>
    ClickToDial,

    /// <summary>Call control transferred a party of another call to a new destination.</summary>
    Transfer,
}

/// <summary>Which party of a call.</summary>
public enum CallSide
{
    Caller,
    Callee,
}

/// <summary>One party of a live call: an account of this installation, or a number reached over a vendor connection.</summary>
/// <param name="AccountKey">The account's numeric id (for scope checks); null for a party beyond a vendor connection.</param>
/// <param name="AccountId">The account's <c>accountId</c>; null for a party beyond a vendor connection.</param>
/// <param name="Number">The number as the call shows it: the caller's account or number, the number dialled for the callee.</param>
/// <param name="ConnectionId">The vendor connection the party is reached over, if any.</param>
public sealed record CallParty(long? AccountKey, string? AccountId, string Number, long? ConnectionId);

/// <summary>A live call as call control sees it.</summary>
/// <param name="Id">The call's id: its CDR's call id, the SIP Call-ID of the caller's leg.</param>
/// <param name="Caller">For a click-to-dial call the <c>from</c> account; for a transferred call the party that was transferred.</param>
/// <param name="BilledAccountKey">The account the call is charged to (the caller's, the <c>from</c> account, or who transferred it).</param>
/// <param name="BilledAccountId">That account's <c>accountId</c>.</param>
/// <param name="Ringing">While ringing: which party is being rung (a click-to-dial call rings its caller first).</param>
/// <param name="TransferredFrom">For a transferred call, the id of the call it was transferred out of.</param>
public sealed record CallView(
    string Id,
    CallKind Kind,
    CallState State,
    CallParty Caller,
    CallParty Callee,
    long? BilledAccountKey,
    string? BilledAccountId,
    CallSide? Ringing,
    DateTime StartedAt,
    DateTime? AnsweredAt,
    string? TransferredFrom)
{
    /// <summary>The accounts the call concerns: its parties' and the one it is billed to.</summary>
    public IEnumerable<long> AccountKeys()
    {
        if (Caller.AccountKey is { } caller) yield return caller;
        if (Callee.AccountKey is { } callee && callee != Caller.AccountKey) yield return callee;
        if (BilledAccountKey is { } billed && billed != Caller.AccountKey && billed != Callee.AccountKey) yield return billed;
    }

    public CallParty Party(CallSide side) => side == CallSide.Caller ? Caller : Callee;
}

/// <summary>What happened to a call.</summary>
public enum CallEventKind
{
    /// <summary>A party is being rung (a click-to-dial call has one such event per party).</summary>
    Ringing,

    /// <summary>The parties are connected; the call is billed from now.</summary>
    Answered,

    /// <summary>The call ended because a party was transferred to a new call (<see cref="CallEvent.TransferredTo"/>); final for this id.</summary>
    Transferred,

    /// <summary>The call ended (or never connected); final for this id.</summary>
    Ended,
}

/// <summary>A change of a call's state, as pushed to subscribers.</summary>
/// <param name="Sequence">Increases by one per event in this switch process (see <see cref="CallEventHub.Epoch"/>).</param>
/// <param name="Call">The call as it was at the event (for final events, as it was last).</param>
/// <param name="Reason">For final events: the CDR's disconnect reason.</param>
/// <param name="Side">For final events: who ended it (caller, callee or switch).</param>
/// <param name="TransferredTo">For <see cref="CallEventKind.Transferred"/>: the new call's id.</param>
public sealed record CallEvent(
    long Sequence,
    CallEventKind Kind,
    DateTime At,
    CallView Call,
    string? Reason = null,
    string? Side = null,
    string? TransferredTo = null);
