namespace Tollgate.Sip.Authentication;

/// <summary>The result of checking Digest credentials.</summary>
public enum DigestOutcome
{
    /// <summary>The credentials are right and the nonce is fresh.</summary>
    Valid,

    /// <summary>The credentials are right but the nonce expired: challenge again with stale=true.</summary>
    Stale,

    /// <summary>No credentials for this realm: challenge.</summary>
    Missing,

    /// <summary>Wrong password, unknown user, wrong URI, or a nonce this server did not issue: challenge (or 403).</summary>
    Invalid,

    /// <summary>The credentials header cannot be parsed: 400.</summary>
    Malformed,
}
