using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Transport;

namespace Tollgate.Sip.Stack;

/// <summary>ACKs the 2xx answers to one INVITE: the first, its retransmissions, and other forks (RFC 3261 §13.2.2.4).</summary>
/// <remarks>
/// The first 2xx gets an ACK built from the dialog; each retransmission of it gets the same ACK again. A 2xx with
/// another To tag comes from another fork: it gets its own dialog, an ACK and at once a BYE, because a call has
/// one answer.
/// </remarks>
internal sealed class AcceptedInvite(SipStack stack, SipRequest invite, SipDialog? existing = null)
{
    private readonly object _gate = new();
    private SipDialog? _dialog = existing;
    private (SipRequest Request, SipFlow Flow)? _ack;
    private readonly HashSet<string> _endedForks = [];

    public async Task<SipDialog> AcceptAsync(SipResponse answer, ReadOnlyMemory<byte> ackBody, string? ackContentType)
    {
        var dialog = _dialog;
        if (dialog is null)
        {
            dialog = DialogFactory.ForUac(invite, answer);
            stack.Register(dialog);
        }

        var ack = dialog.CreateAck(invite.CSeq.Number);
        if (!ackBody.IsEmpty)
        {
            ack.SetBody(ackBody, ackContentType ?? "application/sdp");
        }

        lock (_gate)
        {
            _dialog = dialog;
        }

        var sent = await stack.SendStatelessRequestAsync(ack);
        lock (_gate)
        {
            _ack = sent;
        }

        return dialog;
    }

    public void OnAdditional2xx(SipResponse answer)
    {
        SipDialog? dialog;
        (SipRequest Request, SipFlow Flow)? ack;
        lock (_gate)
        {
            dialog = _dialog;
            ack = _ack;
        }

        if (dialog is null)
        {
            return; // the first 2xx is still being handled; its ACK will answer this one too
        }

        if (answer.ToTag != dialog.RemoteTag)
        {
            bool first;
            lock (_gate)
            {
                first = _endedForks.Add(answer.ToTag ?? string.Empty);
            }

            if (first)
            {
                _ = EndForkAsync(answer);
            }
        }
        else if (ack is { } sent)
        {
            _ = ResendAsync(sent.Request, sent.Flow);
        }
    }

    private async Task ResendAsync(SipRequest ack, SipFlow flow)
    {
        try
        {
            await stack.SendStatelessAsync(ack, flow);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The next retransmitted 2xx will try again.
        }
    }

    private async Task EndForkAsync(SipResponse answer)
    {
        var fork = DialogFactory.ForUac(invite, answer);
        await stack.SendStatelessRequestAsync(fork.CreateAck(invite.CSeq.Number));
        stack.Register(fork);
        await stack.SendInDialogAsync(fork, SipMethod.Bye);
    }
}
