using Tollgate.Domain.Access;

namespace Tollgate.Domain.Switching;

/// <summary>The rules of an account's SIP password: what phones accept in a digest password, and how one is generated.</summary>
/// <remarks>
/// Phones and soft clients are typed into by hand and store the password in configuration files, so a SIP password
/// is 8 to 64 printable ASCII characters without spaces, quotes or backslashes (which some devices escape wrongly in
/// the digest). A generated one has 20 letters and digits without look-alikes from <see cref="IRandomSource.Password"/>
/// (a 56-character alphabet): about 116 bits.
/// </remarks>
public static class SipPasswords
{
    public const int MinLength = 8;
    public const int MaxLength = 64;
    public const int GeneratedLength = 20;

    public static string Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Password(GeneratedLength);
    }

    /// <summary>Why <paramref name="password"/> cannot be a SIP password, or null when it can.</summary>
    public static string? Problem(string? password)
    {
        if (password is null || password.Length < MinLength || password.Length > MaxLength)
        {
            return $"must be {MinLength} to {MaxLength} characters";
        }

        return password.All(c => c is > ' ' and < '\u007f' and not '"' and not '\\')
            ? null
            : "may contain only printable ASCII characters other than space, \" and \\";
    }
}
