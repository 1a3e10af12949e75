namespace Tollgate.Hosting;

/// <summary>The roles one <c>tollgate</c> process can run; by default it runs all of them.</summary>
public static class RoleCatalog
{
    /// <summary>The HTTP API (billing, self-care, sign-in), its documentation, health and metrics.</summary>
    public const string Api = "api";

    /// <summary>Background jobs: scheduled billing runs, outbox delivery (e-mail, notifications).</summary>
    public const string Worker = "worker";

    /// <summary>The SIP switch: registrar, B2BUA, keep-alive call monitoring, CDRs (listens only where <c>--sip</c> says).</summary>
    public const string Switch = "switch";

    /// <summary>
    /// The IP Centrex feature API (voicemail, auto attendants, conference rooms: <c>/api/v1/centrex/…</c>). Alone, or
    /// with roles other than <c>api</c>, it verifies the api's access tokens with the key set at <c>--auth-jwks-url</c>.
    /// </summary>
    public const string Features = "features";

    public static IReadOnlyList<string> All { get; } = [Api, Worker, Features, Switch];

    /// <summary>Roles that serve an HTTP API under <c>/api/v1</c> and so must verify access tokens.</summary>
    public static IReadOnlySet<string> VerifyingTokens { get; } = new HashSet<string> { Api, Features, Switch };

    public static IReadOnlySet<string> Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "all") return All.ToHashSet();
        var roles = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).ToHashSet();
        var unknown = roles.Where(r => !All.Contains(r)).ToList();
        if (unknown.Count > 0)
            error = $"unknown role{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(r => $"'{r}'"))}; known roles: {string.Join(", ", All)} (or 'all')";
        return roles;
    }
}
