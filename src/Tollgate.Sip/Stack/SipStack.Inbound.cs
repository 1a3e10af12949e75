using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Parsing;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Stack;

/// <summary>The receive path: parse, match transactions and dialogs, answer what the stack can answer itself.</summary>
public sealed partial class SipStack
{
    private void OnReceived(ISipTransport transport, ReadOnlySpan<byte> data, IPEndPoint remote)
    {
        var result = _parser.Parse(data);
        if (!result.IsSuccess)
        {
            RejectMalformed(result, transport, remote);
            return;
        }

        var message = result.Message;
        message.Flow = new SipFlow(transport, remote);
        if (message is SipRequest request)
        {
            OnRequest(request);
        }
        else
        {
            OnResponse((SipResponse)message);
        }
    }

    private void OnResponse(SipResponse response)
    {
        if (!Transactions.TryMatchResponse(response))
        {
            _logger.LogDebug("Dropping a response that matches no transaction: {Response}", response);
        }
    }

    private void OnRequest(SipRequest request)
    {
        if (request.Method == SipMethod.Ack)
        {
            OnAck(request);
            return;
        }

        if (Transactions.TryMatchRequest(request))
        {
            return; // a retransmission, answered by its transaction
        }

        if (request.Method == SipMethod.Cancel)
        {
            OnCancel(request);
            return;
        }

        var tx = Transactions.CreateServer(request);
        if (Screen(request) is { } rejection)
        {
            tx.Respond(rejection.Build());
            return;
        }

        SipDialog? dialog = null;
        if (request.ToTag is { } toTag)
        {
            dialog = FindDialog(new DialogId(request.CallId, toTag, request.FromTag!));
            var verdict = dialog?.Admit(request) ?? InDialogVerdict.Reject(SipStatusCodes.CallOrTransactionDoesNotExist, null);
            if (!verdict.IsAdmitted)
            {
                tx.Respond(InDialogRejection(request, verdict).Build());
                return;
            }

            if (request.Method == SipMethod.Bye)
            {
                Forget(dialog!);
            }
        }

        if (request.Method == SipMethod.Invite && Options.SendTryingImmediately)
        {
            // Only now: a request the stack rejects gets its final response without a 100 first.
            tx.Respond(SipResponseBuilder.ForRequest(request, SipStatusCodes.Trying).Build());
        }

        var incoming = new IncomingRequest(this, request, tx, dialog);
        tx.Owner = incoming;
        Deliver(incoming);
    }

    private void OnAck(SipRequest ack)
    {
        if (Transactions.TryMatchRequest(ack) || ack.ToTag is not { } toTag)
        {
            return; // the ACK of an error response, absorbed by its INVITE transaction
        }

        var dialog = FindDialog(new DialogId(ack.CallId, toTag, ack.FromTag!));
        if (dialog is null || !dialog.Acknowledge(ack.CSeq.Number))
        {
            return; // no dialog, or a retransmitted ACK
        }

        Deliver(new IncomingRequest(this, ack, null, dialog));
    }

    private void OnCancel(SipRequest cancel)
    {
        var invite = Transactions.FindInvite(cancel);
        var tx = Transactions.CreateServer(cancel);
        if (invite is null)
        {
            tx.Respond(SipResponseBuilder.ForRequest(cancel, SipStatusCodes.CallOrTransactionDoesNotExist).Build());
            return;
        }

        var incoming = invite.Owner as IncomingRequest;
        tx.Respond(SipResponseBuilder.ForRequest(cancel, SipStatusCodes.Ok, null, incoming?.LocalTag).Build());
        if (!invite.HasFinalResponse)
        {
            incoming?.OnCancelled();
        }
    }

    private void Deliver(IncomingRequest incoming)
    {
        var handlers = RequestReceived;
        if (handlers is null)
        {
            incoming.Transaction?.Respond(incoming.CreateResponse(SipStatusCodes.ServiceUnavailable).Build());
            return;
        }

        try
        {
            handlers(incoming);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogError(e, "The request handler failed on {Request}", incoming.Request);
            incoming.Transaction?.Respond(incoming.CreateResponse(SipStatusCodes.ServerInternalError).Build());
        }
    }

    /// <summary>Checks every request before it reaches a dialog or the application (RFC 3261 §8.2.1 to §8.2.2.3).</summary>
    private SipResponseBuilder? Screen(SipRequest request)
    {
        var method = request.Method;
        if (!method.IsKnown || !Options.AllowedMethods.Contains(method))
        {
            var status = method.IsKnown ? SipStatusCodes.MethodNotAllowed : SipStatusCodes.NotImplemented;
            return SipResponseBuilder.ForRequest(request, status, null, LocalTagFor(request))
                .AddHeader(KnownHeader.Allow, Options.AllowedMethods.ToHeaderValue());
        }

        if (!request.RequestUri.IsSip)
        {
            return SipResponseBuilder.ForRequest(request, SipStatusCodes.UnsupportedUriScheme, null, LocalTagFor(request));
        }

        var unsupported = request.Require
            .Where(tag => !Options.SupportedExtensions.Contains(tag, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (unsupported.Length > 0)
        {
            return SipResponseBuilder.ForRequest(request, SipStatusCodes.BadExtension, null, LocalTagFor(request))
                .AddHeader(KnownHeader.Unsupported, string.Join(", ", unsupported));
        }

        return null;
    }

    private SipResponseBuilder InDialogRejection(SipRequest request, InDialogVerdict verdict)
    {
        var response = SipResponseBuilder.ForRequest(request, verdict.Status, verdict.Reason);
        if (verdict.RetryAfter)
        {
            // §14.2: a random Retry-After between 0 and 10 seconds.
            response.AddHeader(KnownHeader.RetryAfter, Random.NextInt(11).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private string? LocalTagFor(SipRequest request) => request.ToTag is null ? Random.NewTag() : null;

    /// <summary>
    /// Answers a request that failed validation with the error's status and precise reason, when enough of it
    /// survived to address a response; responses and ACKs are dropped, as nothing may answer them.
    /// </summary>
    private void RejectMalformed(SipParseResult result, ISipTransport transport, IPEndPoint remote)
    {
        _logger.LogDebug("Malformed message from {Remote}: {Error}", remote, result.Error!.Description);
        if (result.Unvalidated is not SipRequest request || request.Method == SipMethod.Ack
            || !request.Contains(KnownHeader.Via))
        {
            return;
        }

        var response = new SipResponseBuilder(result.Error.StatusCode, result.Error.ReasonPhrase);
        foreach (var header in new[] { KnownHeader.Via, KnownHeader.From, KnownHeader.To, KnownHeader.CallId, KnownHeader.CSeq })
        {
            response.CopyHeaders(request, header);
        }

        // Built without validation: the request's own headers may be what is wrong.
        _ = transport.SendAsync(response.ToArray(), remote).AsTask()
            .ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Sends an application's response; a 2xx to INVITE creates or continues the dialog.</summary>
    internal SipDialog? Respond(IncomingRequest incoming, ServerTransaction tx, SipResponseBuilder builder)
    {
        var request = incoming.Request;
        var isInvite = request.Method == SipMethod.Invite;
        var refreshesTarget = (isInvite && builder.StatusCode is > 100 and < 300)
            || (request.Method == SipMethod.Update && builder.StatusCode is >= 200 and < 300);
        if (refreshesTarget)
        {
            // Dialog-forming and target-refresh responses carry Contact (RFC 3261 §12.1.1, RFC 3311 §5.2), and
            // Allow, so the peer knows it may send UPDATE.
            if (builder.GetHeaderValue(KnownHeader.Contact) is null)
            {
                builder.AddHeader(KnownHeader.Contact, LocalContact(tx.Flow.Transport).ToString());
            }

            if (builder.GetHeaderValue(KnownHeader.Allow) is null)
            {
                builder.AddHeader(KnownHeader.Allow, Options.AllowedMethods.ToHeaderValue());
            }
        }

        var response = builder.Build();
        if (!(isInvite && response.IsSuccess))
        {
            if (!tx.Respond(response))
            {
                return null;
            }

            if (isInvite && response.StatusCode >= 200)
            {
                incoming.Dialog?.EndIncomingInvite();
            }

            return incoming.Dialog;
        }

        var dialog = incoming.Dialog;
        var created = dialog is null;
        if (created)
        {
            // Registered before sending, so an ACK that beats this thread still finds it.
            dialog = DialogFactory.ForUas(request, response);
            Register(dialog);
        }

        // Waiting for the ACK starts before the 2xx leaves: another receive thread may get the ACK at once.
        var answered = dialog!;
        var retransmitter = new AnswerRetransmitter(response, tx.Flow, Time, Options.Timers, () => OnAckTimeout(answered));
        answered.AwaitAck(retransmitter);
        if (!tx.Respond(response))
        {
            answered.StopAwaiting(retransmitter);
            if (created)
            {
                Forget(answered);
            }

            return null;
        }

        answered.EndIncomingInvite();
        incoming.SetDialog(answered);
        return answered;
    }
}
