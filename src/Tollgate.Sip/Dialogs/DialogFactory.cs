using Tollgate.Sip.Messages;

namespace Tollgate.Sip.Dialogs;

/// <summary>Creates dialogs from an INVITE and its 2xx, on either side (RFC 3261 §12.1.1, §12.1.2).</summary>
internal static class DialogFactory
{
    /// <summary>The UAS side: route set from the INVITE's Record-Route in order, target from its Contact.</summary>
    public static SipDialog ForUas(SipRequest invite, SipResponse answer) => new(
        new DialogId(invite.CallId, answer.ToTag!, invite.FromTag!),
        isUac: false,
        localParty: answer.GetHeaderValue(KnownHeader.To)!,
        remoteParty: invite.GetHeaderValue(KnownHeader.From)!,
        remoteTarget: Target(invite),
        routeSet: invite.RecordRoutes.Select(r => r.ToString()).ToArray(),
        localSequence: 0,
        remoteSequence: invite.CSeq.Number,
        remoteAllow: invite.Allow);

    /// <summary>The UAC side: route set from the 2xx's Record-Route reversed, target from its Contact.</summary>
    public static SipDialog ForUac(SipRequest invite, SipResponse answer) => new(
        new DialogId(invite.CallId, invite.FromTag!, answer.ToTag ?? string.Empty),
        isUac: true,
        localParty: invite.GetHeaderValue(KnownHeader.From)!,
        remoteParty: answer.GetHeaderValue(KnownHeader.To)!,
        remoteTarget: Target(answer),
        routeSet: answer.RecordRoutes.Reverse().Select(r => r.ToString()).ToArray(),
        localSequence: invite.CSeq.Number,
        remoteSequence: null,
        remoteAllow: answer.Allow);

    // Without a Contact (a broken peer) the best guess is the address it was reached at.
    private static string Target(SipMessage message) =>
        message.Contacts.Count > 0 ? message.Contacts[0].Uri.ToString()
        : message is SipRequest r ? r.From.Uri.ToString() : ((SipResponse)message).To.Uri.ToString();
}
