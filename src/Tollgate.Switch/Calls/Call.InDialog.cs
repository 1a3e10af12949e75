using Microsoft.Extensions.Logging;
using Tollgate.Sip.Building;
using Tollgate.Sip.Messages;
using Tollgate.Sip.SessionTimers;
using Tollgate.Sip.Stack;

namespace Tollgate.Switch.Calls;

/// <summary>Requests the parties send on a connected call.</summary>
/// <remarks>
/// <para>A BYE ends the call. A refresh is answered here and not passed on: an UPDATE without SDP, a re-INVITE without
/// SDP (answered with the SDP this side gave the party last), or one whose SDP has the origin the party sent last; each
/// gets RFC 4028 treatment (422 with Min-SE below the floor, Session-Expires in the answer). A re-INVITE or UPDATE that
/// changes the session (hold, a new codec, a new address) is passed to the other party, whose answer comes back.
/// INFO (DTMF) is passed on; OPTIONS is answered.</para>
/// </remarks>
internal sealed partial class Call
{
    public void OnRequest(CallLeg leg, IncomingRequest request)
    {
        var method = request.Request.Method;
        if (method == SipMethod.Ack)
        {
            lock (_gate)
            {
                leg.Acknowledged = true;
            }
        }
        else if (method == SipMethod.Bye)
        {
            request.Respond(SipStatusCodes.Ok);
            _ = EndAsync(DisconnectReasons.Normal, leg.Side, byeFrom: leg);
        }
        else if (method == SipMethod.Invite || method == SipMethod.Update)
        {
            _ = OfferOrRefreshAsync(leg, request);
        }
        else if (method == SipMethod.Info)
        {
            _ = RelayInfoAsync(leg, request);
        }
        else if (method == SipMethod.Options)
        {
            request.Respond(SwitchContext.WithAllow(request.CreateResponse(SipStatusCodes.Ok), leg.ForbidUpdate));
        }
        else
        {
            request.Respond(SwitchContext.WithAllow(request.CreateResponse(SipStatusCodes.MethodNotAllowed), leg.ForbidUpdate));
        }
    }

    private async Task OfferOrRefreshAsync(CallLeg leg, IncomingRequest incoming)
    {
        var request = incoming.Request;
        try
        {
            if (SessionTimer.RejectIfTooSmall(request, _switch.Options.MinSessionExpires) is { } tooSmall)
            {
                incoming.Respond(tooSmall);
                return;
            }

            var isInvite = request.Method == SipMethod.Invite;
            if (request.Body.IsEmpty || leg.IsUnchanged(request.Body.Span))
            {
                // A refresh: the party asks nothing of the other party. A re-INVITE still needs SDP in its answer.
                var refresh = incoming.CreateResponse(SipStatusCodes.Ok);
                if (isInvite || !request.Body.IsEmpty) refresh.SetBody(leg.Dialog.LocalSessionDescription, "application/sdp");
                incoming.Respond(Answer(leg, request, refresh));
                return;
            }

            await RelayOfferAsync(leg, incoming);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Handling {Request} on call {CallId} failed", request, Id);
            incoming.Respond(SipStatusCodes.ServerInternalError);
        }
    }

    /// <summary>Passes a changed session description to the other party and its answer back.</summary>
    private async Task RelayOfferAsync(CallLeg leg, IncomingRequest incoming)
    {
        var request = incoming.Request;
        var other = leg.IsCaller ? Callee : Caller;
        var offer = request.Body.ToArray();
        var method = request.Method == SipMethod.Update && !other.ForbidUpdate && other.Dialog.RemoteAllowsUpdate == true && !other.Monitor.FellBack
            ? SipMethod.Update
            : SipMethod.Invite;
        var response = await _switch.Stack.SendInDialogAsync(other.Dialog, method, offer, request.ContentType ?? "application/sdp",
            customize: b => SwitchContext.WithAllow(b, other.ForbidUpdate));
        if (response.IsSuccess && !response.Body.IsEmpty)
        {
            var answer = response.Body.ToArray();
            lock (_gate)
            {
                other.Dialog.LocalSessionDescription = offer;
                other.RemoteOrigin = SdpFingerprint.Of(answer);
                leg.Dialog.LocalSessionDescription = answer;
                leg.RemoteOrigin = SdpFingerprint.Of(offer);
            }

            incoming.Respond(Answer(leg, request, incoming.CreateResponse(SipStatusCodes.Ok).SetBody(answer, response.ContentType ?? "application/sdp")));
            return;
        }

        // The other party refused or could not be asked: tell the requester in terms it can act on.
        var status = response.StatusCode switch
        {
            _ when response.IsSuccess => SipStatusCodes.NotAcceptableHere,
            SipStatusCodes.RequestPending => SipStatusCodes.RequestPending,
            SipStatusCodes.NotAcceptableHere or SipStatusCodes.GlobalNotAcceptable or SipStatusCodes.UnsupportedMediaType
                when !response.IsLocallyGenerated => response.StatusCode,
            _ => SipStatusCodes.ServerInternalError,
        };
        var refusal = incoming.CreateResponse(status);
        if (status == SipStatusCodes.ServerInternalError) refusal.AddHeader(KnownHeader.RetryAfter, "5");
        incoming.Respond(refusal);
    }

    private async Task RelayInfoAsync(CallLeg leg, IncomingRequest incoming)
    {
        var request = incoming.Request;
        var other = leg.IsCaller ? Callee : Caller;
        try
        {
            var response = await _switch.Stack.SendInDialogAsync(other.Dialog, SipMethod.Info, request.Body.ToArray(), request.ContentType,
                customize: b =>
                {
                    if (request.GetHeaderValue("Info-Package") is { } package) b.SetHeader("Info-Package", package);
                });
            incoming.Respond(response.IsLocallyGenerated ? SipStatusCodes.ServerInternalError : response.StatusCode);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "Passing INFO on call {CallId} failed", Id);
            incoming.Respond(SipStatusCodes.ServerInternalError);
        }
    }

    /// <summary>Completes a 2xx to a party's re-INVITE or UPDATE: the leg's Allow and, when asked for, Session-Expires.</summary>
    private SipResponseBuilder Answer(CallLeg leg, SipRequest request, SipResponseBuilder response)
    {
        if (SessionTimerAnswers.Negotiate(request, _switch.Options.SessionExpires) is { } se)
        {
            SessionTimer.ApplyToResponse(response, request, se);
            if (se.Refresher == SessionRefresher.Uas)
            {
                lock (_gate)
                {
                    leg.Monitor.LimitInterval(SessionTimer.RefreshAfter(se));
                }
            }
        }

        return SwitchContext.WithAllow(response, leg.ForbidUpdate);
    }
}
