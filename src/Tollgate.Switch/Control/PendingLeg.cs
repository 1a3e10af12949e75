using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;
using Tollgate.Sip.Stack;

namespace Tollgate.Switch.Control;

/// <summary>Answers a party on a leg that call control holds but has not connected yet (while the other party rings).</summary>
/// <remarks>
/// A BYE is answered and noted (<see cref="Gone"/> is cancelled, so the ringing stops). A re-INVITE or UPDATE gets 491:
/// the switch itself is about to change the session, and the party tries again later (RFC 3261 §14.2). OPTIONS is
/// answered; anything else gets 405 with the leg's Allow.
/// </remarks>
internal sealed class PendingLeg(bool forbidUpdate) : IDialogOwner, IDisposable
{
    private readonly CancellationTokenSource _gone = new();

    /// <summary>Cancelled when the party hangs up.</summary>
    public CancellationToken Gone => _gone.Token;

    public bool IsGone => _gone.IsCancellationRequested;

    /// <summary>Takes over <paramref name="dialog"/>; a BYE that arrived before is noticed here.</summary>
    public PendingLeg Hold(SipDialog dialog)
    {
        dialog.UserState = this;
        if (dialog.State == DialogState.Terminated) MarkGone();
        return this;
    }

    public void OnRequest(SipDialog dialog, IncomingRequest request)
    {
        var method = request.Request.Method;
        if (method == SipMethod.Ack) return;
        if (method == SipMethod.Bye)
        {
            request.Respond(SipStatusCodes.Ok);
            MarkGone();
        }
        else if (method == SipMethod.Invite || method == SipMethod.Update)
        {
            request.Respond(SipStatusCodes.RequestPending);
        }
        else
        {
            var status = method == SipMethod.Options ? SipStatusCodes.Ok : SipStatusCodes.MethodNotAllowed;
            request.Respond(SwitchContext.WithAllow(request.CreateResponse(status), forbidUpdate));
        }
    }

    public void Dispose() => _gone.Dispose();

    private void MarkGone()
    {
        try
        {
            _gone.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The leg was connected or given up already; a late BYE has nothing left to stop.
        }
    }
}
