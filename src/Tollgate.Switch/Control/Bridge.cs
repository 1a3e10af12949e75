using Microsoft.Extensions.Logging;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Switch.Calls;
using Tollgate.Switch.Policies;

namespace Tollgate.Switch.Control;

/// <summary>A party the switch holds on a leg of its own (the anchor), and the party it is now to be connected with.</summary>
/// <param name="Anchor">The held party's dialog; it becomes the caller's leg of the connected call.</param>
/// <param name="AnchorSdp">The held party's session description, offered to the new party.</param>
/// <param name="From">Who the new party sees calling.</param>
/// <param name="Target">Where the new party is reached.</param>
/// <param name="MaxDuration">The longest billing allows the connected call.</param>
/// <param name="TargetCallId">The SIP Call-ID of the new party's leg; null for a fresh one.</param>
internal sealed record BridgePlan(
    SipDialog Anchor,
    PendingLeg AnchorOwner,
    LegPlan AnchorPlan,
    byte[] AnchorSdp,
    NameAddress From,
    CallSetup.Target Target,
    LegSettings TargetSettings,
    TimeSpan? MaxDuration,
    string? TargetCallId = null);

/// <summary>Rings a new party with the held party's SDP, then connects the two: the end that click-to-dial and transfer share.</summary>
/// <remarks>
/// <para>This is the second half of RFC 3725's Flow IV. The new party gets an INVITE whose offer is the held party's
/// own session description (for click-to-dial, its answer to the switch's hold offer); when it answers, its answer is
/// offered to the held party in a re-INVITE, and the two dialogs become a <see cref="Call"/> like any other: watched
/// by keep-alives, ended by either BYE, billed from the new party's answer. SDP is passed through as the B2BUA passes
/// it everywhere, so the held party sees the new party's <c>o=</c> line from the re-INVITE on.</para>
/// <para>The held party hanging up while the new party rings cancels the ringing; a failed ring or a refused
/// re-INVITE hangs up whoever is still there. Every outcome ends in exactly one record: a connected call writes its
/// own, anything else is recorded here.</para>
/// </remarks>
internal sealed class Bridge(SwitchContext context, CallRegistry registry, ControlledCall entry, CallFacts facts, BridgePlan plan)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<Bridge>();
    private SipDialog? _callee;

    public async Task RunAsync()
    {
        try
        {
            await ConnectAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Connecting call {CallId} failed", facts.CallId);
            if (entry.Connected is { } call)
            {
                _ = call.EndAsync(DisconnectReasons.Failed, DisconnectSides.Switch);
                return;
            }

            _ = ControlledLegs.ByeAsync(context, plan.Anchor, _logger);
            if (_callee is not null) _ = ControlledLegs.ByeAsync(context, _callee, _logger);
            _ = ControlledLegs.Record(context, facts, SipStatusCodes.ServerInternalError, DisconnectReasons.Failed, DisconnectSides.Switch, _logger);
        }
        finally
        {
            plan.AnchorOwner.Dispose();
        }
    }

    private async Task ConnectAsync()
    {
        var invite = context.Stack.CreateRequest(SipMethod.Invite, plan.Target.RequestUri, plan.From, plan.Target.To, plan.TargetCallId)
            .SetBody(plan.AnchorSdp, "application/sdp");
        SwitchContext.WithAllow(invite, plan.TargetSettings.ForbidUpdate);

        var (outcome, failure) = await ControlledLegs.RingAsync(context, registry, entry, CallSide.Callee, invite, plan.AnchorOwner);
        if (failure is { } end)
        {
            await ControlledLegs.ByeAsync(context, plan.Anchor, _logger);
            _ = ControlledLegs.Record(context, facts, end, _logger);
            return;
        }

        var answeredAt = context.Now;
        var callee = _callee = outcome.Dialog!;
        using var calleeOwner = new PendingLeg(plan.TargetSettings.ForbidUpdate).Hold(callee);
        var calleeSdp = outcome.Response.Body.ToArray();
        var reoffer = await ControlledLegs.ReofferAsync(context, plan.Anchor, calleeSdp, plan.AnchorPlan.Settings.ForbidUpdate);
        if (!reoffer.IsSuccess)
        {
            _logger.LogInformation("Call {CallId}: the held party answered the connecting re-INVITE with {Status}", facts.CallId, reoffer.StatusCode);
            await Task.WhenAll(ControlledLegs.ByeAsync(context, plan.Anchor, _logger), ControlledLegs.ByeAsync(context, callee, _logger));
            var (reason, side) = entry.DisconnectRequested ? (DisconnectReasons.CallControl, DisconnectSides.Switch)
                : plan.AnchorOwner.IsGone ? (DisconnectReasons.Cancelled, DisconnectSides.Caller)
                : (FailureMapping.ForCallee(reoffer.StatusCode, reoffer.ReasonPhrase, reoffer.IsLocallyGenerated).DisconnectReason, DisconnectSides.Caller);
            _ = ControlledLegs.Record(context, facts, reoffer.StatusCode, reason, side, _logger);
            return;
        }

        var anchorAnswer = reoffer.Body.IsEmpty ? plan.AnchorSdp : reoffer.Body.ToArray();
        plan.Anchor.LocalSessionDescription = calleeSdp;
        callee.LocalSessionDescription = plan.AnchorSdp;
        facts.ConnectAt = answeredAt;
        var calleeRefresh = ControlledLegs.RefreshAsUac(outcome.Response);
        var call = Call.Connect(context, facts, plan.Anchor, callee,
            plan.AnchorPlan with { RemoteOrigin = SdpFingerprint.Of(anchorAnswer) },
            new LegPlan(plan.TargetSettings, calleeRefresh, SdpFingerprint.Of(calleeSdp)),
            plan.MaxDuration);
        _logger.LogDebug("Call {CallId} ({Kind}) from {Caller} to {Callee} connected", call.Id, entry.View.Kind, facts.CallingNumber, facts.CalledNumber);
    }
}
