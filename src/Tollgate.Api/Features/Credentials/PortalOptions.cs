namespace Tollgate.Api.Features.Credentials;

/// <summary>The self-care portal that credentials e-mails point to (configuration section <c>Tollgate:Portal</c>).</summary>
public sealed class PortalOptions
{
    public const string Section = "Tollgate:Portal";

    /// <summary>The portal's address as users reach it, e.g. https://portal.example.com. Default: the first <c>--urls</c> address.</summary>
    /// <remarks>The set-password link is <c>{Url}/set-password?token=…</c>; Tollgate serves a page there itself.</remarks>
    public string Url { get; set; } = "";

    /// <summary>How long a set-password link works, in hours.</summary>
    public int SetPasswordLinkHours { get; set; } = 72;

    /// <summary>The portal address when none is configured: where this process listens, wildcards made local.</summary>
    public static string Default(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
                    ?? "http://127.0.0.1:5080";
        return first.Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://0.0.0.0", "://localhost").TrimEnd('/');
    }
}
