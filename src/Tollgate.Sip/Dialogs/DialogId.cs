namespace Tollgate.Sip.Dialogs;

/// <summary>Identifies a dialog from this side: Call-ID, local tag and remote tag (RFC 3261 §12).</summary>
/// <remarks>All three compare exactly: Call-IDs are case-sensitive (§20.8), and tags are opaque tokens.</remarks>
public readonly record struct DialogId(string CallId, string LocalTag, string RemoteTag)
{
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
