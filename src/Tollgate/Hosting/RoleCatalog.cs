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

    public static IReadOnlyList<string> All { get; } = [Api, Worker, Switch];

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
