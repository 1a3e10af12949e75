using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Stack;

/// <summary>How an outgoing INVITE ended: its final response and, on 2xx, the confirmed dialog (already ACKed).</summary>
/// <param name="Response">The final response; a locally generated 408 or 503 when none came (see <see cref="SipResponse.IsLocallyGenerated"/>).</param>
/// <param name="Dialog">The dialog, for a 2xx that was not cancelled; null otherwise.</param>
/// <param name="WasCancelled">True when the caller cancelled; a 2xx that raced the CANCEL is then ended with BYE.</param>
public sealed record InviteOutcome(SipResponse Response, SipDialog? Dialog, bool WasCancelled = false)
{
    public bool IsSuccess => Dialog is not null;
}
