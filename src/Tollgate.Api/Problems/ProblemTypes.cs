namespace Tollgate.Api.Problems;

/// <summary>The stable <c>type</c> URIs of every problem Tollgate answers with (RFC 9457).</summary>
/// <remarks>
/// Clients branch on these, never on <c>title</c> or <c>detail</c>. A type, once published, keeps its meaning; new
/// kinds of error get new types. docs/problems.md lists them all.
/// </remarks>
public static class ProblemTypes
{
    public const string Base = "https://tollgate.dev/problems/";

    public const string Validation = Base + "validation";
    public const string MalformedJson = Base + "malformed-json";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string Unauthorized = Base + "unauthorized";
    public const string InvalidToken = Base + "invalid-token";
    public const string InvalidCredentials = Base + "invalid-credentials";
    public const string TooManySignInAttempts = Base + "too-many-sign-in-attempts";
    public const string SignInNotAllowed = Base + "sign-in-not-allowed";
    public const string InvalidRefreshToken = Base + "invalid-refresh-token";
    public const string CredentialsNotYetActive = Base + "credentials-not-yet-active";
    public const string CredentialsExpired = Base + "credentials-expired";
    public const string InvalidSetPasswordToken = Base + "invalid-set-password-token";
    public const string Forbidden = Base + "forbidden";
    public const string PermissionMissing = Base + "permission-missing";
    public const string PrivilegeEscalation = Base + "privilege-escalation";
    public const string RoleNotAllowed = Base + "role-not-allowed";
    public const string NotFound = Base + "not-found";
    public const string RouteNotFound = Base + "route-not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Duplicate = Base + "duplicate";
    public const string Conflict = Base + "conflict";
    public const string Unprocessable = Base + "unprocessable";
    public const string Internal = Base + "internal";
    public const string Unavailable = Base + "unavailable";
}
