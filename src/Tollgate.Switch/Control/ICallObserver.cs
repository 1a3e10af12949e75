using Tollgate.Domain.Switching;
using Tollgate.Switch.Calls;

namespace Tollgate.Switch.Control;

/// <summary>What the call table tells call control about every call: it rings, it is answered, it ended.</summary>
/// <remarks>Called on the switch's own threads, outside any call's lock; an observer must be quick and must not throw.</remarks>
internal interface ICallObserver
{
    /// <summary>A caller's INVITE was authorised and routed; the callee is being rung. Cancelling <paramref name="setup"/> gives up.</summary>
    void Ringing(CallFacts facts, CancellationTokenSource setup);

    /// <summary>The call is connected and watched.</summary>
    void Answered(Call call);

    /// <summary>A call attempt ended (also one that never rang); <paramref name="stored"/> completes once billing has its record.</summary>
    void Ended(CallRecord record, Task stored);
}

/// <summary>Takes the requests of a dialog that belongs to no connected call yet (a leg call control is still setting up).</summary>
internal interface IDialogOwner
{
    void OnRequest(Sip.Dialogs.SipDialog dialog, Sip.Stack.IncomingRequest request);
}
