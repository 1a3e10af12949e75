using Microsoft.Extensions.Logging;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Switch.KeepAlive;

namespace Tollgate.Switch.Calls;

/// <summary>A connected call: two independent dialogs, each watched by keep-alives, until one side hangs up or dies.</summary>
/// <remarks>
/// <para>One timer per call wakes it when a leg's keep-alive is due or the call reaches its longest allowed duration.
/// A keep-alive that fails is retried at once (see <see cref="LegMonitor"/>); when a leg is dead the switch sends BYE to
/// both legs and the CDR's billed end is the moment the first failed keep-alive was sent.</para>
/// <para>State changes happen under one lock; requests are sent and awaited outside it. The call ends once: whatever
/// ends it first (a BYE, a dead leg, the duration limit, shutdown) writes the CDR, later events find it ended.</para>
/// </remarks>
internal sealed partial class Call
{
    private readonly object _gate = new();
    private readonly SwitchContext _switch;
    private readonly ILogger _logger;
    private readonly CallFacts _facts;
    private readonly DateTime? _maxEnd;
    private ITimer? _timer;
    private bool _ended;

    private Call(SwitchContext context, CallFacts facts, DateTime? maxEnd)
    {
        _switch = context;
        _facts = facts;
        _maxEnd = maxEnd;
        _logger = context.Loggers.CreateLogger<Call>();
    }

    public string Id => _facts.CallId;

    public CallLeg Caller { get; private set; } = null!;

    public CallLeg Callee { get; private set; } = null!;

    public DateTime ConnectedAt => _facts.ConnectAt!.Value;

    /// <summary>Who called whom, as the CDR will say.</summary>
    public CallFacts Facts => _facts;

    public bool HasEnded
    {
        get { lock (_gate) { return _ended; } }
    }

    /// <summary>Puts an answered call under watch: links both dialogs to it and arms its timer.</summary>
    public static Call Connect(SwitchContext context, CallFacts facts, SipDialog callerDialog, SipDialog calleeDialog,
        LegPlan caller, LegPlan callee, TimeSpan? maxDuration)
    {
        var connect = facts.ConnectAt!.Value;
        var call = new Call(context, facts, maxDuration is { } limit ? connect + limit : null);
        call.Caller = call.NewLeg(true, callerDialog, caller, connect);
        call.Callee = call.NewLeg(false, calleeDialog, callee, connect);
        call.Callee.Acknowledged = true;
        context.Calls.Add(call);
        lock (call._gate)
        {
            call._timer = context.Clock.CreateTimer(static s => ((Call)s!).OnTimer(), call, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            call.ArmLocked(connect);
        }

        callerDialog.UserState = call.Caller;
        calleeDialog.UserState = call.Callee;

        // The caller's ACK may have come before the dialog was linked to the call: the stack saw it, the call did not.
        if (!callerDialog.AwaitingAck)
        {
            lock (call._gate)
            {
                call.Caller.Acknowledged = true;
            }
        }

        // A BYE that arrived before the dialogs were linked found no call; it ended the dialog, which says so now.
        if (callerDialog.State == DialogState.Terminated) _ = call.EndAsync(DisconnectReasons.Normal, DisconnectSides.Caller, call.Caller);
        else if (calleeDialog.State == DialogState.Terminated) _ = call.EndAsync(DisconnectReasons.Normal, DisconnectSides.Callee, call.Callee);
        return call;
    }

    /// <summary>A snapshot for people and tests: who is talking, and how each leg's keep-alives went.</summary>
    public LiveCall Snapshot()
    {
        lock (_gate)
        {
            return new LiveCall(Id, _facts.CallingNumber, _facts.CalledNumber, ConnectedAt, _ended, Caller.Acknowledged,
                LegSnapshot(Caller), LegSnapshot(Callee));
        }
    }

    /// <summary>Ends the call: BYE to every leg still up except <paramref name="byeFrom"/>, then the CDR.</summary>
    /// <returns>The task that stores the CDR; completed at once when the call had already ended.</returns>
    public Task EndAsync(string reason, string side, CallLeg? byeFrom = null, DateTime? billedEnd = null) =>
        TryEnd(reason, side, byeFrom, billedEnd) ?? Task.CompletedTask;

    /// <summary>As <see cref="EndAsync"/>, but null when the call had already ended, so the caller knows whether it ended it.</summary>
    /// <remarks>Call control's transfer ends a call this way, sparing the leg it keeps (<paramref name="byeFrom"/>).</remarks>
    public Task? TryEnd(string reason, string side, CallLeg? byeFrom = null, DateTime? billedEnd = null)
    {
        KeepAliveMethod callerMethod, calleeMethod;
        lock (_gate)
        {
            if (_ended) return null;
            _ended = true;
            _timer?.Dispose();
            callerMethod = Caller.Monitor.LastMethod;
            calleeMethod = Callee.Monitor.LastMethod;
        }

        var now = _switch.Now;
        _switch.Calls.Remove(this);
        foreach (var leg in new[] { Caller, Callee })
        {
            if (leg != byeFrom && leg.Dialog.State != DialogState.Terminated) _ = ByeAsync(leg);
        }

        _logger.LogDebug("Call {CallId} ended: {Reason} ({Side})", Id, reason, side);
        var record = _facts.ToRecord(now, billedEnd, SipStatusCodes.Ok, reason, side, callerMethod, calleeMethod);
        return _switch.Calls.Record(_switch.Billing, record, _logger);
    }

    private CallLeg NewLeg(bool isCaller, SipDialog dialog, LegPlan plan, DateTime connect)
    {
        // The switch decides itself when a leg is dead: a lost keep-alive exchange must not end the dialog by itself.
        dialog.EndsOnRequestFailure = false;
        var monitor = new LegMonitor(plan.Settings.KeepAliveInterval, plan.Settings.ForbidUpdate, _switch.Options.KeepAliveRetries, connect);
        if (plan.RefreshLimit is { } limit) monitor.LimitInterval(limit);
        return new CallLeg(this, isCaller, dialog, plan.Settings.ForbidUpdate, monitor) { RemoteOrigin = plan.RemoteOrigin };
    }

    private void OnTimer()
    {
        var now = _switch.Now;
        List<(CallLeg Leg, KeepAliveMethod Method)>? due = new(2);
        lock (_gate)
        {
            if (_ended) return;
            if (_maxEnd is { } end && end <= now)
            {
                due = null;
            }
            else
            {
                foreach (var leg in new[] { Caller, Callee })
                {
                    if (leg.Monitor.IsDue(now)) due.Add((leg, leg.Monitor.Begin(now, leg.Dialog.RemoteAllow)));
                }

                ArmLocked(now);
            }
        }

        if (due is null)
        {
            _ = EndAsync(DisconnectReasons.MaxDuration, DisconnectSides.Switch, billedEnd: _maxEnd);
            return;
        }

        foreach (var (leg, method) in due) _ = KeepAliveAsync(leg, method);
    }

    private async Task KeepAliveAsync(CallLeg leg, KeepAliveMethod method)
    {
        while (true)
        {
            KeepAliveResult result;
            try
            {
                result = await SendKeepAliveAsync(leg, method);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogError(e, "Keep-alive on the {Side} leg of call {CallId} failed to send", leg.Side, Id);
                result = KeepAliveResult.Failed;
            }

            KeepAliveStep step;
            DateTime? firstFailed;
            lock (_gate)
            {
                if (_ended) return;
                var now = _switch.Now;
                step = leg.Monitor.Complete(now, result);
                firstFailed = leg.Monitor.FirstFailedAt;
                if (step == KeepAliveStep.Retry) method = leg.Monitor.Begin(now, leg.Dialog.RemoteAllow);
                else ArmLocked(now);
            }

            switch (step)
            {
                case KeepAliveStep.Retry:
                    _logger.LogInformation("Keep-alive on the {Side} leg of call {CallId} failed ({Result}); retrying with {Method}",
                        leg.Side, Id, result, method);
                    continue;
                case KeepAliveStep.Dead:
                    _logger.LogWarning("The {Side} leg of call {CallId} stopped answering keep-alives; ending the call", leg.Side, Id);
                    await EndAsync(DisconnectReasons.KeepAliveFailed, leg.Side, billedEnd: firstFailed);
                    return;
                default:
                    return;
            }
        }
    }

    private async Task<KeepAliveResult> SendKeepAliveAsync(CallLeg leg, KeepAliveMethod method)
    {
        var stack = _switch.Stack;
        SipResponse response;
        if (method == KeepAliveMethod.Update)
        {
            response = await stack.SendInDialogAsync(leg.Dialog, SipMethod.Update,
                customize: b => SwitchContext.WithAllow(b, leg.ForbidUpdate));
        }
        else
        {
            // A re-INVITE that got a provisional answer and then nothing would wait forever: give up after Timer B's time.
            using var limit = new CancellationTokenSource(_switch.Options.Timers.TransactionTimeout, _switch.Clock);
            response = await stack.SendInDialogAsync(leg.Dialog, SipMethod.Invite, leg.Dialog.LocalSessionDescription, "application/sdp",
                customize: b => SwitchContext.WithAllow(b, leg.ForbidUpdate), cancellationToken: limit.Token);
        }

        return KeepAliveResults.Classify(method, response.StatusCode, response.IsLocallyGenerated);
    }

    private async Task ByeAsync(CallLeg leg)
    {
        try
        {
            await _switch.Stack.SendInDialogAsync(leg.Dialog, SipMethod.Bye);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogInformation(e, "BYE to the {Side} leg of call {CallId} failed", leg.Side, Id);
        }
    }

    private void ArmLocked(DateTime now)
    {
        DateTime? next = _maxEnd;
        foreach (var due in new[] { Caller.Monitor.NextDue, Callee.Monitor.NextDue })
        {
            if (due is { } d && (next is null || d < next)) next = d;
        }

        if (next is { } at)
        {
            var wait = at - now;
            _timer!.Change(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private static LiveLeg LegSnapshot(CallLeg leg) => new(leg.Monitor.LastMethod, leg.Monitor.Sent, leg.Monitor.Answered,
        leg.Monitor.Failures, leg.Monitor.FellBack, leg.Monitor.NextDue, leg.ForbidUpdate, leg.Monitor.Interval);
}

/// <summary>How one leg of a call is to be watched, decided at setup.</summary>
/// <param name="RefreshLimit">Half the RFC 4028 session interval when the switch is this leg's refresher.</param>
internal readonly record struct LegPlan(Policies.LegSettings Settings, TimeSpan? RefreshLimit, SdpFingerprint? RemoteOrigin);
