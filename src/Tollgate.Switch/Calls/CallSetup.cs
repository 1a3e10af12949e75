using Microsoft.Extensions.Logging;
using Tollgate.Domain.Switching;
using Tollgate.Sip.Messages;
using Tollgate.Sip.SessionTimers;
using Tollgate.Sip.Stack;
using Tollgate.Switch.Policies;

namespace Tollgate.Switch.Calls;

/// <summary>The B2BUA's answer to a new INVITE: authenticate, ask billing, find the callee, call it, connect the two.</summary>
/// <remarks>
/// <para>The caller is an account that proves itself with digest credentials (challenged with 407), or a vendor
/// whose INVITE comes from the address of an incoming connection; billing decides which, and whether and where the
/// call may go. A callee account is called at its most recently registered contact; a vendor at its connection's
/// address. The outgoing INVITE is a new dialog (new Call-ID, tags and CSeq) that carries the caller's SDP, offers
/// UPDATE in Allow unless the callee's leg forbids it, and decrements Max-Forwards so a routing loop ends.</para>
/// <para>Provisional responses (180, 183 with early media) are passed to the caller; CANCEL from the caller cancels the
/// callee; a call that rings longer than the no-answer limit is cancelled and the caller gets 480. Failures are mapped
/// by <see cref="FailureMapping"/>. Every attempt by a known caller ends in a CDR; authentication challenges and
/// requests from unknown sources do not.</para>
/// <para>An INVITE without SDP (a late offer) is refused with 488: the stack acknowledges the callee's answer at once
/// and could not carry the caller's SDP answer in that ACK.</para>
/// </remarks>
internal sealed class CallSetup(SwitchContext context, SipAuthentication authentication)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<CallSetup>();

    public async Task HandleAsync(IncomingRequest incoming)
    {
        CallFacts? facts = null;
        try
        {
            facts = await SetUpAsync(incoming);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Setting up call {CallId} failed", incoming.Request.CallId);
            incoming.Respond(SipStatusCodes.ServerInternalError);
            if (facts is { CallerIdentified: true }) Record(facts, SipStatusCodes.ServerInternalError, DisconnectReasons.Failed, DisconnectSides.Switch);
        }
    }

    private async Task<CallFacts?> SetUpAsync(IncomingRequest incoming)
    {
        var request = incoming.Request;
        var options = context.Options;
        if (request.MaxForwards is <= 0)
        {
            incoming.Respond(SipStatusCodes.TooManyHops);
            return null;
        }

        if (SessionTimer.RejectIfTooSmall(request, options.MinSessionExpires, incoming.LocalTag) is { } tooSmall)
        {
            incoming.Respond(tooSmall);
            return null;
        }

        if (request.Body.IsEmpty)
        {
            incoming.Respond(SipStatusCodes.NotAcceptableHere, "SDP Offer Required");
            return null;
        }

        var destination = request.RequestUri.User is { Length: > 0 } user ? Uri.UnescapeDataString(user) : null;
        if (destination is null)
        {
            incoming.Respond(SipStatusCodes.NotFound, "No Number In Request-URI");
            return null;
        }

        string? accountId = null;
        if (request.Contains(KnownHeader.ProxyAuthorization))
        {
            var (outcome, identity) = await authentication.AuthenticateAsync(request, proxy: true, CancellationToken.None);
            if (authentication.RespondUnauthenticated(incoming, outcome, proxy: true)) return null;
            accountId = identity!.AccountName;
        }

        var now = context.Now;
        var callingNumber = accountId ?? request.From.Uri.User ?? "anonymous";
        var decision = await context.Billing.AuthorizeCallAsync(
            new CallAttempt(request.CallId, accountId, request.Flow!.RemoteEndPoint, callingNumber, destination,
                request.GetHeaderValue(KnownHeader.UserAgent), now), CancellationToken.None);
        if (decision.AuthenticationRequired)
        {
            authentication.RespondUnauthenticated(incoming, Sip.Authentication.DigestOutcome.Missing, proxy: true);
            return null;
        }

        var facts = new CallFacts
        {
            CallId = request.CallId, CallingNumber = callingNumber, CalledNumber = destination, SetupAt = now,
            CallerAccountKey = decision.CallerAccountKey, IncomingConnectionId = decision.IncomingConnectionId,
        };
        if (!decision.Allowed || decision.Route is null || decision.MaxDuration <= TimeSpan.Zero)
        {
            var status = decision.Allowed ? SipStatusCodes.PaymentRequired : decision.SipStatus;
            incoming.Respond(status, decision.Allowed ? "No Credit" : decision.Reason);
            Record(facts, status, DisconnectReasons.Refused, DisconnectSides.Switch);
            return null;
        }

        var route = decision.Route;
        facts.CalledNumber = route.Number;
        facts.CalleeAccountKey = route.AccountKey;
        facts.OutgoingConnectionId = route.OutgoingConnectionId;
        facts.CalleeAccountId = route.AccountId;
        var target = await TargetAsync(context, route, now);
        if (target is null)
        {
            incoming.Respond(SipStatusCodes.TemporarilyUnavailable, "Not Registered");
            Record(facts, SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.NotRegistered, DisconnectSides.Callee);
            return null;
        }

        var callerSettings = LegSettings.Resolve(decision.CallerPolicy, request.GetHeaderValue(KnownHeader.UserAgent), options.KeepAliveInterval);
        var calleeSettings = LegSettings.Resolve(route.Policy, target.Value.UserAgent, options.KeepAliveInterval);
        await CallCalleeAsync(incoming, facts, target.Value, callerSettings, calleeSettings, decision.MaxDuration);
        return facts;
    }

    private async Task CallCalleeAsync(IncomingRequest incoming, CallFacts facts, Target target, LegSettings callerSettings,
        LegSettings calleeSettings, TimeSpan? maxDuration)
    {
        var request = incoming.Request;
        var options = context.Options;
        var offer = request.Body.ToArray();
        var from = new NameAddress(SipUri.Create(facts.CallingNumber, context.Host), request.From.DisplayName);
        var invite = context.Stack.CreateRequest(SipMethod.Invite, target.RequestUri, from, target.To)
            .SetBody(offer, request.ContentType ?? "application/sdp")
            .SetHeader(KnownHeader.MaxForwards, ((request.MaxForwards ?? 70) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        SwitchContext.WithAllow(invite, calleeSettings.ForbidUpdate);

        using var ring = new CancellationTokenSource(options.NoAnswerTimeout, context.Clock);
        using var setup = CancellationTokenSource.CreateLinkedTokenSource(incoming.Cancelled, ring.Token, context.Calls.ShuttingDown);
        InviteOutcome outcome;
        using (context.Calls.BeginSetup(setup, facts))
        {
            outcome = await context.Stack.InviteAsync(invite, provisional => Relay(incoming, provisional, callerSettings.ForbidUpdate),
                cancellationToken: setup.Token);
        }

        if (!outcome.IsSuccess)
        {
            Fail(incoming, facts, outcome, ring.IsCancellationRequested);
            return;
        }

        var callee = outcome.Dialog!;
        var answer = outcome.Response;
        var answerSdp = answer.Body.ToArray();
        facts.ConnectAt = context.Now;
        var ok = incoming.CreateResponse(SipStatusCodes.Ok).SetBody(answerSdp, answer.ContentType ?? "application/sdp");
        SwitchContext.WithAllow(ok, callerSettings.ForbidUpdate);
        TimeSpan? callerRefresh = null;
        if (SessionTimerAnswers.Negotiate(request, options.SessionExpires) is { } se)
        {
            SessionTimer.ApplyToResponse(ok, request, se);
            if (se.Refresher == SessionRefresher.Uas) callerRefresh = SessionTimer.RefreshAfter(se);
        }

        var caller = incoming.Respond(ok);
        if (caller is null)
        {
            // The caller cancelled while the callee answered: it got 487 already; the callee is hung up.
            _ = context.Stack.SendInDialogAsync(callee, SipMethod.Bye);
            facts.ConnectAt = null;
            Record(facts, SipStatusCodes.RequestTerminated, DisconnectReasons.Cancelled, DisconnectSides.Caller);
            return;
        }

        caller.LocalSessionDescription = answerSdp;
        callee.LocalSessionDescription = offer;
        var calleeRefresh = answer.SessionExpires is { Refresher: SessionRefresher.Uac } calleeSe ? SessionTimer.RefreshAfter(calleeSe) : (TimeSpan?)null;
        var call = Call.Connect(context, facts, caller, callee,
            new LegPlan(callerSettings, callerRefresh, SdpFingerprint.Of(offer)),
            new LegPlan(calleeSettings, calleeRefresh, SdpFingerprint.Of(answerSdp)),
            maxDuration);
        _logger.LogDebug("Call {CallId} from {Caller} to {Callee} connected (keep-alive every {CallerInterval}/{CalleeInterval})",
            call.Id, facts.CallingNumber, facts.CalledNumber, call.Caller.Monitor.Interval, call.Callee.Monitor.Interval);
    }

    private void Fail(IncomingRequest incoming, CallFacts facts, InviteOutcome outcome, bool rangTooLong)
    {
        if (incoming.Cancelled.IsCancellationRequested)
        {
            Record(facts, SipStatusCodes.RequestTerminated, DisconnectReasons.Cancelled, DisconnectSides.Caller);
        }
        else if (facts.DisconnectedByControl)
        {
            incoming.Respond(SipStatusCodes.TemporarilyUnavailable, "Disconnected");
            Record(facts, SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.CallControl, DisconnectSides.Switch);
        }
        else if (rangTooLong)
        {
            incoming.Respond(SipStatusCodes.TemporarilyUnavailable, "No Answer");
            Record(facts, SipStatusCodes.TemporarilyUnavailable, DisconnectReasons.NoAnswer, DisconnectSides.Switch);
        }
        else if (context.Calls.ShuttingDown.IsCancellationRequested)
        {
            incoming.Respond(SipStatusCodes.ServiceUnavailable, "Shutting Down");
            Record(facts, SipStatusCodes.ServiceUnavailable, DisconnectReasons.Shutdown, DisconnectSides.Switch);
        }
        else
        {
            var response = outcome.Response;
            var failure = FailureMapping.ForCallee(response.StatusCode, response.ReasonPhrase, response.IsLocallyGenerated);
            incoming.Respond(failure.Status, failure.Reason);
            Record(facts, failure.Status, failure.DisconnectReason, DisconnectSides.Callee);
        }
    }

    private static void Relay(IncomingRequest incoming, SipResponse provisional, bool forbidUpdate)
    {
        if (provisional.StatusCode <= SipStatusCodes.Trying) return;
        var response = incoming.CreateResponse(provisional.StatusCode, provisional.ReasonPhrase);
        if (!provisional.Body.IsEmpty) response.SetBody(provisional.Body.ToArray(), provisional.ContentType ?? "application/sdp");
        incoming.Respond(SwitchContext.WithAllow(response, forbidUpdate));
    }

    /// <summary>Where the outgoing INVITE goes: the account's latest registered contact, or the vendor's address.</summary>
    internal static async Task<Target?> TargetAsync(SwitchContext context, CallRoute route, DateTime now)
    {
        if (route.AccountKey is { } account)
        {
            var bindings = await context.Registrations.GetAsync(account, now, CancellationToken.None);
            if (bindings.Count == 0) return null;
            var contact = SipUri.Parse(bindings[0].ContactUri);
            return new Target(contact, new NameAddress(SipUri.Create(route.AccountId, contact.Host, contact.Port)), bindings[0].UserAgent);
        }

        var transport = route.ConnectionTransport == "tcp" ? ";transport=tcp" : "";
        var uri = SipUri.Parse($"sip:{route.Number}@{route.ConnectionAddress}{transport}");
        return new Target(uri, new NameAddress(SipUri.Create(route.Number, uri.Host, uri.Port)), null);
    }

    private void Record(CallFacts facts, int status, string reason, string side)
    {
        if (!facts.CallerIdentified) return;
        _ = context.Calls.Record(context.Billing, facts.ToRecord(context.Now, null, status, reason, side), _logger);
    }

    internal readonly record struct Target(SipUri RequestUri, NameAddress To, string? UserAgent);
}
