namespace Tollgate.Sip.Dialogs;

/// <summary>Whether a dialog admits a request from the peer, and if not, the response it gets.</summary>
internal readonly record struct InDialogVerdict(bool IsAdmitted, int Status, string? Reason, bool RetryAfter)
{
    public static readonly InDialogVerdict Admitted = new(true, 0, null, false);

    public static InDialogVerdict Reject(int status, string? reason, bool retryAfter = false) => new(false, status, reason, retryAfter);
}
