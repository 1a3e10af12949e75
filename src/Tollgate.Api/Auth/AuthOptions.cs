namespace Tollgate.Api.Auth;

/// <summary>Sign-in and token settings (configuration section <c>Tollgate:Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The <c>iss</c> of every access token.</summary>
    public string Issuer { get; set; } = "tollgate";

    /// <summary>The <c>aud</c> every Tollgate API expects.</summary>
    public string Audience { get; set; } = "tollgate-api";

    /// <summary>Lifetime of an access token, in seconds (15 minutes by default).</summary>
    public int AccessTokenSeconds { get; set; } = 900;

    /// <summary>How long a refresh token stays valid after its last use, in days.</summary>
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>PEM file with the ES256 (P-256) signing key; created on first start when missing. Default: DATA/keys/jwt-signing-key.pem.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// Where a process that does not run the api role gets the keys that verify access tokens: the api's
    /// <c>/.well-known/jwks.json</c>. Unset: the process verifies with its own signing key file.
    /// </summary>
    public string? JwksUrl { get; set; }

    /// <summary>How old, at most, the fetched key set may get before it is fetched again (seconds).</summary>
    public int JwksRefreshSeconds { get; set; } = 3600;

    /// <summary>The least time between two fetches of the key set (seconds), however many unknown key ids arrive.</summary>
    public int JwksMinRefreshSeconds { get; set; } = 10;

    /// <summary>PBKDF2 iterations for new password hashes.</summary>
    public int PasswordIterations { get; set; } = Domain.Access.PasswordHasher.DefaultIterations;

    /// <summary>Wrong passwords in a row before a login is locked for a while.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How often, at most, a process re-reads whether a session was revoked (seconds); revocation elsewhere takes effect within this.</summary>
    public int RevocationCheckSeconds { get; set; } = 2;

    /// <summary>Failed sign-ins from one address within ten minutes before that address is refused for the rest of the window.</summary>
    public int MaxFailuresPerAddress { get; set; } = 50;
}
