namespace Tollgate.Domain.Access;

/// <summary>The rules every password set through Tollgate must meet.</summary>
/// <remarks>
/// Length matters more than composition rules (NIST SP 800-63B): at least 10 characters, at most 128, and not the
/// login itself in any letter case. Returns the reasons a password is refused; empty when it is acceptable.
/// </remarks>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    public static IReadOnlyList<string> Check(string password, string? login)
    {
        var problems = new List<string>();
        if (password.Length < MinLength) problems.Add($"must be at least {MinLength} characters long");
        if (password.Length > MaxLength) problems.Add($"must be at most {MaxLength} characters long");
        if (string.IsNullOrWhiteSpace(password)) problems.Add("must not be blank");
        if (login is not null && string.Equals(password.Trim(), login.Trim(), StringComparison.OrdinalIgnoreCase))
            problems.Add("must not be the login");
        return problems;
    }
}
