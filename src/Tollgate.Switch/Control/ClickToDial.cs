using Microsoft.Extensions.Logging;
using Tollgate.Domain.Switching;
using Tollgate.Sip;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;
using Tollgate.Switch.Calls;
using Tollgate.Switch.Policies;

namespace Tollgate.Switch.Control;

/// <summary>A click-to-dial call: ring the <c>from</c> account's phone, then call the destination for it and connect the two.</summary>
/// <remarks>
/// <para>Third party call control after RFC 3725 Flow IV, the variant the switch's SIP stack can carry without holding
/// back an ACK: (1) INVITE to the <c>from</c> phone with the switch's hold offer (<see cref="HoldOffer"/>), answered with
/// the phone's SDP and ACKed; (2) INVITE to the destination carrying that SDP as its offer, answered and ACKed;
/// (3) re-INVITE to the <c>from</c> phone offering the destination's answer; then the two legs are one call (see
/// <see cref="Bridge"/>). Flow I (an offerless INVITE to the first phone, its 200 left unacknowledged until the
/// destination answers) would be one message shorter, but a person takes longer to answer than that 200 may wait.</para>
/// <para>The call is authorised, routed and charged by billing exactly as if the <c>from</c> account had dialled the
/// destination itself, and it is checked before anything rings: a refused or unroutable call, or a <c>from</c> account
/// with no registered phone, fails the request at once and rings nobody. Its CDR is the <c>from</c> account's call to
/// the destination, connected when the destination answered; while the <c>from</c> phone rings the call has not started.</para>
/// </remarks>
internal sealed class ClickToDial
{
    private readonly SwitchContext _context;
    private readonly CallRegistry _registry;
    private readonly ControlledCall _entry;
    private readonly CallFacts _facts;
    private readonly CallSetup.Target _phone;
    private readonly CallSetup.Target _destination;
    private readonly LegSettings _phoneSettings;
    private readonly LegSettings _destinationSettings;
    private readonly TimeSpan? _maxDuration;
    private readonly ILogger _logger;
    private Sip.Dialogs.SipDialog? _answered;

    private ClickToDial(SwitchContext context, CallRegistry registry, ControlledCall entry, CallFacts facts, CallSetup.Target phone,
        CallSetup.Target destination, LegSettings phoneSettings, LegSettings destinationSettings, TimeSpan? maxDuration)
    {
        (_context, _registry, _entry, _facts) = (context, registry, entry, facts);
        (_phone, _destination, _phoneSettings, _destinationSettings, _maxDuration) = (phone, destination, phoneSettings, destinationSettings, maxDuration);
        _logger = context.Loggers.CreateLogger<ClickToDial>();
    }

    /// <summary>Checks the call with billing, finds both parties, and starts ringing the <c>from</c> phone.</summary>
    public static async Task<ControlResult> StartAsync(SwitchContext context, CallRegistry registry, string fromAccountId, string to,
        CancellationToken ct)
    {
        if (context.Calls.ShuttingDown.IsCancellationRequested) return new ControlResult(ControlOutcome.Unavailable);
        var logger = context.Loggers.CreateLogger<ClickToDial>();
        var callId = context.Stack.Random.NewCallId();
        var now = context.Now;
        var decision = await context.Billing.AuthorizeCallAsync(
            new CallAttempt(callId, fromAccountId, context.Stack.Transports[0].LocalEndPoint, fromAccountId, to, null, now), ct);
        var facts = new CallFacts
        {
            CallId = callId, CallingNumber = fromAccountId, CalledNumber = to, SetupAt = now, CallerAccountKey = decision.CallerAccountKey,
        };
        if (!decision.Allowed || decision.Route is null || decision.MaxDuration <= TimeSpan.Zero)
        {
            var status = decision.Allowed ? SipStatusCodes.PaymentRequired : decision.SipStatus;
            var reason = decision.Allowed ? "No Credit" : decision.Reason;
            await ControlledLegs.Record(context, facts, status, DisconnectReasons.Refused, DisconnectSides.Switch, logger);
            return ControlResult.Refused(status, reason);
        }

        var route = decision.Route;
        (facts.CalledNumber, facts.CalleeAccountKey, facts.CalleeAccountId, facts.OutgoingConnectionId) =
            (route.Number, route.AccountKey, route.AccountId, route.OutgoingConnectionId);
        var own = new CallRoute(decision.CallerAccountKey, fromAccountId, null, null, null, fromAccountId, decision.CallerPolicy);
        if (await CallSetup.TargetAsync(context, own, now) is not { } phone)
        {
            await ControlledLegs.Record(context, facts, SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.NotRegistered, DisconnectSides.Caller, logger);
            return new ControlResult(ControlOutcome.CallerNotRegistered);
        }

        if (await CallSetup.TargetAsync(context, route, now) is not { } destination)
        {
            await ControlledLegs.Record(context, facts, SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.NotRegistered, DisconnectSides.Callee, logger);
            return ControlResult.Refused(SipStatusCodes.TemporarilyUnavailable, "Not Registered");
        }

        var interval = context.Options.KeepAliveInterval;
        var view = new CallView(callId, CallKind.ClickToDial, CallState.Ringing,
            new CallParty(decision.CallerAccountKey, fromAccountId, fromAccountId, null),
            new CallParty(route.AccountKey, route.AccountId, route.Number, route.OutgoingConnectionId),
            decision.CallerAccountKey, fromAccountId, CallSide.Caller, now, null, null);
        var entry = registry.Place(view);
        var call = new ClickToDial(context, registry, entry, facts, phone, destination,
            LegSettings.Resolve(decision.CallerPolicy, phone.UserAgent, interval), LegSettings.Resolve(route.Policy, destination.UserAgent, interval),
            decision.MaxDuration);
        _ = Task.Run(call.RunAsync, CancellationToken.None);
        return new ControlResult(ControlOutcome.Started, view);
    }

    private async Task RunAsync()
    {
        try
        {
            await RingPhoneAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Click-to-dial call {CallId} failed", _facts.CallId);
            if (_answered is not null) _ = ControlledLegs.ByeAsync(_context, _answered, _logger);
            _ = ControlledLegs.Record(_context, _facts, SipStatusCodes.ServerInternalError, DisconnectReasons.Failed, DisconnectSides.Switch, _logger);
        }
    }

    private async Task RingPhoneAsync()
    {
        var hold = HoldOffer.Create(_context.Host, _context.Stack.Random);
        // The phone shows whom it is about to call.
        var shown = new NameAddress(ControlledLegs.UserAt(_facts.CalledNumber, _context.Host));
        var invite = _context.Stack.CreateRequest(SipMethod.Invite, _phone.RequestUri, shown, _phone.To, _facts.CallId)
            .SetBody(hold, "application/sdp");
        SwitchContext.WithAllow(invite, _phoneSettings.ForbidUpdate);

        var (outcome, failure) = await ControlledLegs.RingAsync(_context, _registry, _entry, CallSide.Caller, invite, null);
        if (failure is { } end)
        {
            _ = ControlledLegs.Record(_context, _facts, end, _logger);
            return;
        }

        var phone = _answered = outcome.Dialog!;
        var owner = new PendingLeg(_phoneSettings.ForbidUpdate).Hold(phone);
        phone.LocalSessionDescription = hold;
        var phoneSdp = outcome.Response.Body.ToArray();
        if (phoneSdp.Length == 0)
        {
            // The phone answered an offer without an answer: there is nothing to offer the destination.
            owner.Dispose();
            await ControlledLegs.ByeAsync(_context, phone, _logger);
            _ = ControlledLegs.Record(_context, _facts, SipStatusCodes.NotAcceptableHere, DisconnectReasons.Failed, DisconnectSides.Caller, _logger);
            return;
        }

        var refresh = ControlledLegs.RefreshAsUac(outcome.Response);
        var plan = new BridgePlan(phone, owner, new LegPlan(_phoneSettings, refresh, null), phoneSdp,
            new NameAddress(ControlledLegs.UserAt(_facts.CallingNumber, _context.Host)), _destination, _destinationSettings, _maxDuration);
        _answered = null; // the bridge answers for the phone's leg from here on
        await new Bridge(_context, _registry, _entry, _facts, plan).RunAsync();
    }
}
