namespace Tollgate.Sip.Dialogs;

/// <summary>The state of a dialog (RFC 3261 §12). Dialogs are created confirmed: early dialogs are not tracked.</summary>
public enum DialogState
{
    Confirmed,
    Terminated,
}
