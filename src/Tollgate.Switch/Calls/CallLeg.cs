using Tollgate.Sip.Dialogs;
using Tollgate.Sip.Sdp;
using Tollgate.Switch.KeepAlive;

namespace Tollgate.Switch.Calls;

/// <summary>One side of a connected call: its dialog, its keep-alive state, and the last SDP the party sent.</summary>
/// <remarks>
/// The SDP this side last offered or answered to the party is kept in the dialog's
/// <see cref="SipDialog.LocalSessionDescription"/> (a copy, never a slice of a received message, which would keep the
/// whole message alive); a re-INVITE keep-alive sends it again unchanged, with the same <c>o=</c> version. The party's
/// own last origin is kept to tell a refresh (same origin) from a real change of the session.
/// </remarks>
internal sealed class CallLeg(Call call, bool isCaller, SipDialog dialog, bool forbidUpdate, LegMonitor monitor)
{
    public Call Call { get; } = call;
    public bool IsCaller { get; } = isCaller;
    public SipDialog Dialog { get; } = dialog;
    public bool ForbidUpdate { get; } = forbidUpdate;
    public LegMonitor Monitor { get; } = monitor;

    /// <summary>The party's last SDP origin, to tell refreshes from changes.</summary>
    public SdpFingerprint? RemoteOrigin { get; set; }

    /// <summary>True once the caller's ACK for the switch's 200 arrived (always true on the callee's side).</summary>
    public bool Acknowledged { get; set; }

    public string Side => IsCaller ? DisconnectSides.Caller : DisconnectSides.Callee;

    /// <summary>Whether an SDP from the party is the one it sent last (a refresh), not a change of the session.</summary>
    public bool IsUnchanged(ReadOnlySpan<byte> sdp) => RemoteOrigin is { } last && SdpFingerprint.Of(sdp) is { } now && now == last;
}

/// <summary>An SDP origin reduced to what says "same session, same version": a hash of its identity and its version.</summary>
/// <remarks>Kept per leg instead of the origin's six strings: tens of thousands of calls are held at once.</remarks>
internal readonly record struct SdpFingerprint(int Session, ulong Version)
{
    public static SdpFingerprint? Of(ReadOnlySpan<byte> sdp) =>
        SdpBody.TryReadOrigin(sdp, out var o) && o is not null
            ? new SdpFingerprint(HashCode.Combine(o.Username, o.SessionId, o.NetworkType, o.AddressType, o.Address), o.SessionVersion)
            : null;
}
