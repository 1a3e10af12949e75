namespace Tollgate.Api.Json;

/// <summary>Filters by name with SQL wildcards, the same way on every endpoint and every database.</summary>
/// <remarks>
/// <c>%</c> matches any run of characters and <c>_</c> any one character; a value without wildcards must match
/// whole. Matching ignores letter case on both SQLite and PostgreSQL (both sides are lowered).
/// </remarks>
public static class Patterns
{
    public static string ToLike(string pattern) => pattern.Trim().ToLowerInvariant();
}
