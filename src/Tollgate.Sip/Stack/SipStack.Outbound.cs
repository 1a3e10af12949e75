using Microsoft.Extensions.Logging;
using Tollgate.Sip.Building;
using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transactions;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Stack;

/// <summary>The send path: resolve the next hop, add Via and Contact, run the client transaction, follow dialogs.</summary>
public sealed partial class SipStack
{
    /// <summary>Sends an INVITE that creates a dialog and waits for its final response.</summary>
    /// <remarks>
    /// <para>Provisional responses go to <paramref name="onProvisional"/>. A 2xx creates the dialog and is ACKed
    /// here (a late-offer answer can be supplied with <paramref name="ackBody"/>); a 2xx from another fork, or
    /// repeated after the ACK, is ACKed too, and an extra fork is ended with BYE. Cancelling
    /// <paramref name="cancellationToken"/> sends CANCEL (once a provisional response allows it, §9.1); if a 2xx
    /// wins the race, the call is ACKed and ended with BYE and the outcome says it was cancelled.</para>
    /// </remarks>
    public async Task<InviteOutcome> InviteAsync(SipRequestBuilder invite, Action<SipResponse>? onProvisional = null,
        ReadOnlyMemory<byte> ackBody = default, string? ackContentType = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (invite.Method != SipMethod.Invite)
        {
            throw new ArgumentException("Use SendRequestAsync for methods other than INVITE.", nameof(invite));
        }

        var (tx, failure) = await StartAsync(invite, onProvisional, cancellationToken);
        if (tx is null)
        {
            return new InviteOutcome(failure!, null);
        }

        var inviteTx = (InviteClientTransaction)tx;
        var accepted = new AcceptedInvite(this, inviteTx.Request);
        inviteTx.Additional2xx = accepted.OnAdditional2xx;
        SipResponse response;
        using (cancellationToken.Register(() => inviteTx.Cancel()))
        {
            response = await inviteTx.FinalResponse;
        }

        if (!response.IsSuccess)
        {
            return new InviteOutcome(response, null, cancellationToken.IsCancellationRequested);
        }

        var dialog = await accepted.AcceptAsync(response, ackBody, ackContentType);
        if (cancellationToken.IsCancellationRequested)
        {
            _ = SendInDialogAsync(dialog, SipMethod.Bye);
            return new InviteOutcome(response, null, WasCancelled: true);
        }

        return new InviteOutcome(response, dialog);
    }

    /// <summary>Sends a request outside any dialog (OPTIONS, REGISTER, MESSAGE...) and waits for its final response.</summary>
    /// <remarks>A next hop that cannot be resolved or reached gives a locally generated 503, a timeout a 408.</remarks>
    public async Task<SipResponse> SendRequestAsync(SipRequestBuilder request, Action<SipResponse>? onProvisional = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Invite || request.Method == SipMethod.Ack)
        {
            throw new ArgumentException("Use InviteAsync for INVITE; ACK is sent by the stack.", nameof(request));
        }

        var (tx, failure) = await StartAsync(request, onProvisional, cancellationToken);
        return tx is null ? failure! : await tx.FinalResponse.WaitAsync(cancellationToken);
    }

    /// <summary>Sends a request in a dialog (BYE, re-INVITE, UPDATE, OPTIONS, INFO...) and waits for its final response.</summary>
    /// <remarks>
    /// <para>A re-INVITE's 2xx is ACKed here. A 491 (glare) is retried with a new CSeq after the RFC 3261 §14.1
    /// back-off, up to <see cref="SipStackOptions.GlareRetries"/> times. A 481 or 408 ends the dialog (§12.2.1.2);
    /// so does sending BYE. While an INVITE of either side is pending, or an offer of ours for UPDATE, a new one
    /// is not sent: the result is a locally generated 491.</para>
    /// <para>Cancelling <paramref name="cancellationToken"/> during a re-INVITE sends CANCEL once a provisional
    /// response allows it and returns the final response that follows (487, or a locally generated 408 when the peer
    /// answers nothing); for other methods it throws <see cref="OperationCanceledException"/>.</para>
    /// </remarks>
    public async Task<SipResponse> SendInDialogAsync(SipDialog dialog, SipMethod method, ReadOnlyMemory<byte> body = default,
        string? contentType = null, Action<SipRequestBuilder>? customize = null, Action<SipResponse>? onProvisional = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(method);
        var carriesOffer = !body.IsEmpty && (method == SipMethod.Invite || method == SipMethod.Update);
        for (var attempt = 0; ; attempt++)
        {
            var builder = dialog.CreateRequest(method);
            if (!body.IsEmpty)
            {
                builder.SetBody(body, contentType ?? "application/sdp");
            }

            customize?.Invoke(builder);
            if (dialog.State == DialogState.Terminated)
            {
                return Unsent(builder, SipStatusCodes.CallOrTransactionDoesNotExist, "Dialog Terminated");
            }

            if (!dialog.TryBeginOutgoing(method, carriesOffer))
            {
                return Unsent(builder, SipStatusCodes.RequestPending, "Request Pending");
            }

            if (method == SipMethod.Bye)
            {
                Forget(dialog);
            }

            SipResponse response;
            try
            {
                response = await SendInDialogOnceAsync(dialog, builder, onProvisional, cancellationToken);
            }
            finally
            {
                dialog.EndOutgoing(method);
            }

            if (response.StatusCode == SipStatusCodes.RequestPending && !response.IsLocallyGenerated && attempt < Options.GlareRetries)
            {
                await Task.Delay(GlareBackoff.Next(dialog.IsUac, Random), Time, cancellationToken);
                continue;
            }

            if (dialog.State == DialogState.Terminated)
            {
                Forget(dialog);
            }

            return response;
        }
    }

    private async Task<SipResponse> SendInDialogOnceAsync(SipDialog dialog, SipRequestBuilder builder,
        Action<SipResponse>? onProvisional, CancellationToken cancellationToken)
    {
        var (tx, failure) = await StartAsync(builder, onProvisional, cancellationToken);
        if (tx is null)
        {
            return failure!;
        }

        AcceptedInvite? accepted = null;
        SipResponse response;
        if (tx is InviteClientTransaction inviteTx)
        {
            accepted = new AcceptedInvite(this, tx.Request, dialog);
            inviteTx.Additional2xx = accepted.OnAdditional2xx;

            // A re-INVITE is cancelled like an INVITE (§9.1): its transaction ends with the peer's answer (487), or
            // 64·T1 after a CANCEL nobody answered, so its final response is always worth waiting for.
            using (cancellationToken.Register(() => inviteTx.Cancel()))
            {
                response = await tx.FinalResponse;
            }
        }
        else
        {
            response = await tx.FinalResponse.WaitAsync(cancellationToken);
        }

        dialog.OnResponse(builder.Method, response);
        if (accepted is not null && response.IsSuccess)
        {
            await accepted.AcceptAsync(response, default, null);
        }

        return response;
    }

    /// <summary>Resolves the next hop, completes the request (Via, Contact, Allow...) and starts its transaction.</summary>
    private async Task<(ClientTransaction? Transaction, SipResponse? Failure)> StartAsync(SipRequestBuilder builder,
        Action<SipResponse>? onProvisional, CancellationToken cancellationToken)
    {
        var flow = await _resolver.ResolveAsync(NextHop(builder), cancellationToken);
        var transport = flow?.Transport ?? AnyTransport();
        Complete(builder, transport);
        var request = builder.Build();
        if (flow is null)
        {
            _logger.LogInformation("No route to {Target} for {Request}", NextHop(builder), request);
            return (null, LocalResponse.Make(request, SipStatusCodes.ServiceUnavailable, "Service Unavailable (no route)"));
        }

        return (Transactions.StartClient(request, flow, onProvisional), null);
    }

    /// <summary>Adds what every request this side sends needs: a fresh Via, and Contact/Allow/Supported where due.</summary>
    private void Complete(SipRequestBuilder builder, ISipTransport transport)
    {
        var method = builder.Method;
        builder.PrependHeader(SipHeaderNames.Via, NewVia(transport));
        var refreshesTarget = method == SipMethod.Invite || method == SipMethod.Update || method == SipMethod.Subscribe
            || method == SipMethod.Refer || method == SipMethod.Notify;
        if (refreshesTarget && builder.GetHeaderValue(KnownHeader.Contact) is null)
        {
            builder.AddHeader(KnownHeader.Contact, LocalContact(transport).ToString());
        }

        if ((method == SipMethod.Invite || method == SipMethod.Update) && builder.GetHeaderValue(KnownHeader.Allow) is null)
        {
            builder.AddHeader(KnownHeader.Allow, Options.AllowedMethods.ToHeaderValue());
        }

        if (method == SipMethod.Invite && Options.SupportedExtensions.Count > 0 && builder.GetHeaderValue(KnownHeader.Supported) is null)
        {
            builder.AddHeader(KnownHeader.Supported, string.Join(", ", Options.SupportedExtensions));
        }

        if (Options.UserAgent is { } agent && builder.GetHeaderValue(KnownHeader.UserAgent) is null)
        {
            builder.AddHeader(KnownHeader.UserAgent, agent);
        }
    }

    /// <summary>Sends an ACK (or other stateless request) to its next hop, with a fresh Via.</summary>
    internal async Task<(SipRequest Request, SipFlow Flow)?> SendStatelessRequestAsync(SipRequestBuilder builder)
    {
        var flow = await _resolver.ResolveAsync(NextHop(builder), CancellationToken.None);
        if (flow is null)
        {
            _logger.LogInformation("No route to {Target} for an ACK", NextHop(builder));
            return null;
        }

        builder.PrependHeader(SipHeaderNames.Via, NewVia(flow.Transport));
        var request = builder.Build();
        try
        {
            await SendStatelessAsync(request, flow);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            _logger.LogInformation(e, "Sending {Request} failed", request);
        }

        return (request, flow);
    }

    // Our Via for a new transaction: sent-by of the transport, a fresh branch, and rport (RFC 3581) for NAT.
    private string NewVia(ISipTransport transport) =>
        $"SIP/2.0/{transport.Kind.ViaName()} {SentBy(transport)};branch={Random.NewBranch()};rport";

    // The first Route when it is a loose router; otherwise the Request-URI (which strict routing set to the route).
    private static SipUri NextHop(SipRequestBuilder builder)
    {
        if (builder.GetHeaderValue(KnownHeader.Route) is { } route
            && NameAddress.TryParse(route.Split(',')[0], out var first, out _) && first.Uri.IsLooseRouter)
        {
            return first.Uri;
        }

        return builder.RequestUri;
    }

    private ISipTransport AnyTransport()
    {
        lock (_transports)
        {
            return _transports.Count > 0
                ? _transports[0]
                : throw new InvalidOperationException("The stack has no transport; call Start or AddTransport first.");
        }
    }

    private SipResponse Unsent(SipRequestBuilder builder, int status, string reason)
    {
        Complete(builder, AnyTransport());
        return LocalResponse.Make(builder.Build(), status, reason);
    }
}
