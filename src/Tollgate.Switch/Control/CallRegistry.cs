using System.Collections.Concurrent;
using Tollgate.Domain.Switching;
using Tollgate.Switch.Calls;

namespace Tollgate.Switch.Control;

/// <summary>Call control's book of live calls: every call from its first ring to its end, with an event for each change.</summary>
/// <remarks>
/// <para>Calls that phones and vendors place arrive through <see cref="ICallObserver"/> from the call table; calls that
/// call control places itself are entered by <see cref="Place"/>. Either way the call table's record of the end
/// (<see cref="Ended(CallRecord, Task)"/>) takes the call out: a record that says <c>transferred</c> ends it with a
/// <see cref="CallEventKind.Transferred"/> event, any other with <see cref="CallEventKind.Ended"/>.</para>
/// <para>An entry holds references and a few fields (about 150 bytes beside what the call keeps anyway); events are
/// built once and shared by every subscriber.</para>
/// </remarks>
internal sealed class CallRegistry(CallEventHub events, TimeProvider clock) : ICallObserver
{
    private readonly ConcurrentDictionary<string, ControlledCall> _calls = new(StringComparer.Ordinal);

    public CallEventHub Events { get; } = events;

    public int Count => _calls.Count;

    public IReadOnlyList<CallView> Views() => _calls.Values.Select(c => c.View).ToList();

    public ControlledCall? Find(string id) => _calls.GetValueOrDefault(id);

    /// <summary>Enters a call that call control places (click-to-dial, transfer); its ringing is reported by <see cref="Alerting"/>.</summary>
    public ControlledCall Place(CallView view)
    {
        var call = new ControlledCall(view);
        if (!_calls.TryAdd(view.Id, call)) throw new InvalidOperationException($"Call {view.Id} is known already.");
        return call;
    }

    /// <summary>A party of a call that call control places is ringing: reported once per party.</summary>
    public void Alerting(ControlledCall call, CallSide side)
    {
        if (call.Alerting(side) is { } view) Events.Publish(CallEventKind.Ringing, Now, view);
    }

    public void Ringing(CallFacts facts, CancellationTokenSource setup)
    {
        var view = ViewOf(facts, CallKind.Call, CallState.Ringing);
        if (_calls.TryAdd(facts.CallId, new ControlledCall(view, facts, setup))) Events.Publish(CallEventKind.Ringing, Now, view);
    }

    public void Answered(Call call)
    {
        var entry = _calls.GetOrAdd(call.Id, static (_, c) => new ControlledCall(ViewOf(c.Facts, CallKind.Call, CallState.Answered)), call);
        var view = entry.Answer(call, out var disconnect);
        Events.Publish(CallEventKind.Answered, Now, view);
        if (disconnect) _ = call.EndAsync(DisconnectReasons.CallControl, DisconnectSides.Switch);
    }

    /// <remarks>
    /// The call leaves the list at once. Its <see cref="CallEventKind.Ended"/> event waits until billing has stored the
    /// CDR, so a client that reads <c>/api/v1/cdrs</c> on that event finds it; a <see cref="CallEventKind.Transferred"/>
    /// event goes at once, ahead of the new call's first event.
    /// </remarks>
    public void Ended(CallRecord record, Task stored)
    {
        if (!_calls.TryRemove(record.CallId, out var entry)) return;
        var (view, at) = (entry.View, Now);
        if (record.DisconnectReason == DisconnectReasons.Transferred)
        {
            Events.Publish(CallEventKind.Transferred, at, view, record.DisconnectReason, record.DisconnectSide, entry.TransferredTo);
            return;
        }

        stored.ContinueWith(_ => Events.Publish(CallEventKind.Ended, at, view, record.DisconnectReason, record.DisconnectSide),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static CallView ViewOf(CallFacts facts, CallKind kind, CallState state) => new(
        facts.CallId,
        kind,
        state,
        new CallParty(facts.CallerAccountKey, facts.CallerAccountKey is null ? null : facts.CallingNumber, facts.CallingNumber, facts.IncomingConnectionId),
        new CallParty(facts.CalleeAccountKey, facts.CalleeAccountId, facts.CalledNumber, facts.OutgoingConnectionId),
        facts.CallerAccountKey ?? facts.CalleeAccountKey,
        facts.CallerAccountKey is null ? facts.CalleeAccountId : facts.CallingNumber,
        state == CallState.Ringing ? CallSide.Callee : null,
        facts.SetupAt,
        facts.ConnectAt,
        null);
}
