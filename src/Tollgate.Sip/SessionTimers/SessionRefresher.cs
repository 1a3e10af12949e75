namespace Tollgate.Sip.SessionTimers;

/// <summary>Which side refreshes the session (RFC 4028 §4, the <c>refresher</c> parameter).</summary>
public enum SessionRefresher
{
    /// <summary>No refresher parameter: the answerer decides.</summary>
    Unspecified,

    /// <summary>The UAC of the refreshing transaction (the caller for the initial INVITE).</summary>
    Uac,

    /// <summary>The UAS of the refreshing transaction.</summary>
    Uas,
}
