using Microsoft.Extensions.Logging;
using Tollgate.Domain.Switching;
using Tollgate.Sip;
using Tollgate.Sip.Messages;
using Tollgate.Switch.Calls;
using Tollgate.Switch.Policies;

namespace Tollgate.Switch.Control;

/// <summary>What a blind transfer is asked to do.</summary>
/// <param name="Keep">The party that is transferred: its leg is kept and connected to the new destination.</param>
/// <param name="To">The new destination: an extension, account, alias or number, as a phone would dial it.</param>
/// <param name="PayerAccountId">The account (its <c>accountId</c>) that places, and pays for, the new call.</param>
public sealed record TransferRequest(CallSide Keep, string To, string PayerAccountId);

/// <summary>Blind transfer: the switch keeps one party's leg, hangs up the other, calls the new destination and connects the two.</summary>
/// <remarks>
/// <para>Nothing changes until the new call is known to be possible: billing authorises and routes it as a call from
/// the paying account (the party that drops out, when it is an account of the caller's), and the destination must be
/// reachable (a registered phone or a vendor route). Only then is the other party sent BYE.</para>
/// <para>A transfer ends one CDR and begins another. The call so far ends with reason <c>transferred</c> (billed up to
/// that moment); the transferred party and the destination are a new call with a new id, billed to the payer from the
/// moment the destination answers, with the transferred party's number as the calling number. The old id's last
/// event is <see cref="CallEventKind.Transferred"/>, naming the new id; the new call's events follow as for any call.</para>
/// <para>The transferred party hears nothing while the destination rings (its media went to the party that left); if
/// the destination does not answer or refuses, the transferred party is hung up and the new call's CDR says why.</para>
/// </remarks>
internal static class BlindTransfer
{
    public static async Task<ControlResult> StartAsync(SwitchContext context, CallRegistry registry, string callId, TransferRequest request,
        CancellationToken ct)
    {
        if (context.Calls.ShuttingDown.IsCancellationRequested) return new ControlResult(ControlOutcome.Unavailable);
        if (registry.Find(callId) is not { } entry) return new ControlResult(ControlOutcome.NotFound);
        if (!entry.TryBeginTransfer(out var call))
            return new ControlResult(entry.Connected is null ? ControlOutcome.NotAnswered : ControlOutcome.Busy, entry.View);

        try
        {
            return await TransferAsync(context, registry, entry, call!, request, ct);
        }
        catch
        {
            entry.EndTransfer();
            throw;
        }
    }

    private static async Task<ControlResult> TransferAsync(SwitchContext context, CallRegistry registry, ControlledCall entry, Call call,
        TransferRequest request, CancellationToken ct)
    {
        var logger = context.Loggers.CreateLogger(typeof(BlindTransfer).FullName!);
        var view = entry.View;
        var kept = request.Keep == CallSide.Caller ? call.Caller : call.Callee;
        var dropped = request.Keep == CallSide.Caller ? call.Callee : call.Caller;
        var keptParty = view.Party(request.Keep);
        var newId = context.Stack.Random.NewCallId();
        var now = context.Now;
        var decision = await context.Billing.AuthorizeCallAsync(new CallAttempt(newId, request.PayerAccountId,
            context.Stack.Transports[0].LocalEndPoint, request.PayerAccountId, request.To, null, now), ct);
        var facts = new CallFacts
        {
            CallId = newId, CallingNumber = keptParty.Number, CalledNumber = request.To, SetupAt = now,
            CallerAccountKey = decision.CallerAccountKey,
            IncomingConnectionId = request.Keep == CallSide.Caller ? keptParty.ConnectionId : null,
        };
        if (!decision.Allowed || decision.Route is null || decision.MaxDuration <= TimeSpan.Zero)
        {
            var status = decision.Allowed ? SipStatusCodes.PaymentRequired : decision.SipStatus;
            await ControlledLegs.Record(context, facts, status, DisconnectReasons.Refused, DisconnectSides.Switch, logger);
            entry.EndTransfer();
            return ControlResult.Refused(status, decision.Allowed ? "No Credit" : decision.Reason);
        }

        var route = decision.Route;
        (facts.CalledNumber, facts.CalleeAccountKey, facts.CalleeAccountId, facts.OutgoingConnectionId) =
            (route.Number, route.AccountKey, route.AccountId, route.OutgoingConnectionId);
        if (await CallSetup.TargetAsync(context, route, now) is not { } target)
        {
            await ControlledLegs.Record(context, facts, SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.NotRegistered, DisconnectSides.Callee, logger);
            entry.EndTransfer();
            return ControlResult.Refused(SipStatusCodes.TemporarilyUnavailable, "Not Registered");
        }

        // From here on the call changes: the kept party's requests come to the transfer, the other party is hung up.
        var keptSdp = dropped.Dialog.LocalSessionDescription.ToArray();
        var owner = new PendingLeg(kept.ForbidUpdate).Hold(kept.Dialog);
        entry.TransferredTo = newId;
        if (call.TryEnd(DisconnectReasons.Transferred, DisconnectSides.Switch, byeFrom: kept) is null)
        {
            // The call ended by itself a moment ago (a BYE crossed the request): there is no one left to transfer.
            owner.Dispose();
            kept.Dialog.UserState = kept;
            await ControlledLegs.Record(context, facts, SipStatusCodes.RequestTerminated, DisconnectReasons.Cancelled, DisconnectSides.Caller, logger);
            return new ControlResult(ControlOutcome.Ended, view);
        }

        var newView = new CallView(newId, CallKind.Transfer, CallState.Ringing, keptParty,
            new CallParty(route.AccountKey, route.AccountId, route.Number, route.OutgoingConnectionId),
            decision.CallerAccountKey, request.PayerAccountId, CallSide.Callee, now, null, view.Id);
        var newEntry = registry.Place(newView);
        var keptSettings = new LegSettings(kept.ForbidUpdate, kept.Monitor.Interval, null);
        var plan = new BridgePlan(kept.Dialog, owner, new LegPlan(keptSettings, null, null), keptSdp,
            new NameAddress(ControlledLegs.UserAt(keptParty.Number, context.Host)), target,
            LegSettings.Resolve(route.Policy, target.UserAgent, context.Options.KeepAliveInterval), decision.MaxDuration, newId);
        _ = Task.Run(new Bridge(context, registry, newEntry, facts, plan).RunAsync, CancellationToken.None);
        logger.LogInformation("Call {CallId}: the {Side} ({Number}) is transferred to {To} as call {NewCallId}", view.Id,
            request.Keep == CallSide.Caller ? DisconnectSides.Caller : DisconnectSides.Callee, keptParty.Number, route.Number, newId);
        return new ControlResult(ControlOutcome.Started, newView);
    }
}
