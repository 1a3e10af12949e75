using Microsoft.Extensions.Logging;
using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.SessionTimers;
using Tollgate.Sip.Stack;
using Tollgate.Switch.Calls;

namespace Tollgate.Switch.Control;

/// <summary>What the legs call control places have in common: how a failed ring is recorded, BYE, the connecting re-INVITE.</summary>
internal static class ControlledLegs
{
    /// <summary>How many times a re-INVITE that found another INVITE of the dialog under way is tried again, 500 ms apart.</summary>
    private const int PendingRetries = 4;

    /// <summary>Rings one party of a call that call control places, until it answers or the ringing ends.</summary>
    /// <remarks>
    /// The ringing stops at the no-answer limit, when the switch shuts down, when call control disconnects the call, and
    /// when <paramref name="otherParty"/> (a party already held) hangs up. A failure says, as the CDR will, why. The
    /// ringing event goes out when the party's phone says it alerts (180 or 183), so a subscriber that acts on it acts
    /// on a phone that really rings.
    /// </remarks>
    public static async Task<RingResult> RingAsync(SwitchContext context, CallRegistry registry, ControlledCall call, CallSide side,
        SipRequestBuilder invite, PendingLeg? otherParty)
    {
        using var ring = new CancellationTokenSource(context.Options.NoAnswerTimeout, context.Clock);
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(ring.Token, otherParty?.Gone ?? CancellationToken.None,
            context.Calls.ShuttingDown);
        call.Ring(side, setup);
        InviteOutcome outcome;
        using (context.Calls.BeginSetup(setup))
        {
            outcome = await context.Stack.InviteAsync(invite, response =>
            {
                if (response.StatusCode is SipStatusCodes.Ringing or SipStatusCodes.SessionProgress) registry.Alerting(call, side);
            }, cancellationToken: setup.Token);
        }

        call.StopRinging();
        if (outcome.IsSuccess) registry.Alerting(call, side); // answered at once, without a 180: it rang all the same
        return new RingResult(outcome, outcome.IsSuccess ? null : RingFailure(outcome, call, side, otherParty?.IsGone == true,
            ring.IsCancellationRequested, context.Calls.ShuttingDown.IsCancellationRequested));
    }

    /// <summary>Why ringing <paramref name="side"/> came to nothing, as the CDR will say: status, reason and who ended it.</summary>
    private static CallEnd RingFailure(InviteOutcome outcome, ControlledCall call, CallSide side, bool otherPartyLeft, bool rangTooLong,
        bool shuttingDown)
    {
        if (call.DisconnectRequested) return new(SipStatusCodes.RequestTerminated, DisconnectReasons.CallControl, DisconnectSides.Switch);
        if (otherPartyLeft) return new(SipStatusCodes.RequestTerminated, DisconnectReasons.Cancelled, DisconnectSides.Caller);
        if (rangTooLong) return new(SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.NoAnswer, DisconnectSides.Switch);
        if (shuttingDown) return new(SipStatusCodes.ServiceUnavailable, DisconnectReasons.Shutdown, DisconnectSides.Switch);
        var response = outcome.Response;
        var failure = FailureMapping.ForCallee(response.StatusCode, response.ReasonPhrase, response.IsLocallyGenerated);
        return new(response.StatusCode, failure.DisconnectReason, side == CallSide.Caller ? DisconnectSides.Caller : DisconnectSides.Callee);
    }

    /// <summary>Hands the record of an attempt that did not connect to billing (once per attempt; a connected call records itself).</summary>
    /// <returns>Completes once billing has stored it: a request refused at once answers after its CDR exists.</returns>
    public static Task Record(SwitchContext context, CallFacts facts, int status, string reason, string side, ILogger logger)
    {
        facts.ConnectAt = null;
        return facts.CallerIdentified
            ? context.Calls.Record(context.Billing, facts.ToRecord(context.Now, null, status, reason, side), logger)
            : Task.CompletedTask;
    }

    public static Task Record(SwitchContext context, CallFacts facts, CallEnd end, ILogger logger) =>
        Record(context, facts, end.Status, end.Reason, end.Side, logger);

    /// <summary>A caller's number or account id as the user part of a SIP URI: an account id may contain <c>@</c>, which must be escaped there.</summary>
    public static SipUri UserAt(string user, string host) => SipUri.Create(user.Replace("@", "%40", StringComparison.Ordinal), host);

    /// <summary>How often the switch must refresh a leg it placed, when the party's 2xx made it the RFC 4028 refresher.</summary>
    public static TimeSpan? RefreshAsUac(SipResponse answer) =>
        answer.SessionExpires is { Refresher: SessionRefresher.Uac } se ? SessionTimer.RefreshAfter(se) : null;

    /// <summary>Hangs up a leg that is still up; failures are logged, never thrown.</summary>
    public static async Task ByeAsync(SwitchContext context, SipDialog dialog, ILogger logger)
    {
        if (dialog.State == DialogState.Terminated) return;
        try
        {
            await context.Stack.SendInDialogAsync(dialog, SipMethod.Bye);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogInformation(e, "BYE on dialog {CallId} failed", dialog.CallId);
        }
    }

    /// <summary>Offers <paramref name="sdp"/> to the party of <paramref name="dialog"/> in a re-INVITE and returns its final answer.</summary>
    /// <remarks>
    /// An INVITE of the dialog still under way (a keep-alive of the call being transferred, say) makes the stack refuse
    /// a second one with a local 491; the re-INVITE is then tried again shortly. One that gets a provisional answer and
    /// then nothing is given up after Timer B's time, as keep-alives are.
    /// </remarks>
    public static async Task<SipResponse> ReofferAsync(SwitchContext context, SipDialog dialog, ReadOnlyMemory<byte> sdp, bool forbidUpdate)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var limit = new CancellationTokenSource(context.Options.Timers.TransactionTimeout, context.Clock);
            var response = await context.Stack.SendInDialogAsync(dialog, SipMethod.Invite, sdp, "application/sdp",
                customize: b => SwitchContext.WithAllow(b, forbidUpdate), cancellationToken: limit.Token);
            if (response.StatusCode != SipStatusCodes.RequestPending || !response.IsLocallyGenerated || attempt == PendingRetries) return response;
            await Task.Delay(TimeSpan.FromMilliseconds(500), context.Clock);
        }
    }
}

/// <summary>How a call attempt ended, as its CDR says: the final SIP status, the disconnect reason, who ended it.</summary>
internal readonly record struct CallEnd(int Status, string Reason, string Side);

/// <summary>The outcome of ringing a party: answered (<see cref="Failure"/> null), or why not.</summary>
internal readonly record struct RingResult(InviteOutcome Outcome, CallEnd? Failure);
