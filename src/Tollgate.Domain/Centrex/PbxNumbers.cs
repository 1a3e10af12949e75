using System.Globalization;

namespace Tollgate.Domain.Centrex;

/// <summary>The numbers of an IP Centrex (hosted PBX): extension numbers, DIDs, and the account ids generated from them.</summary>
/// <remarks>
/// <para>
/// An extension number is what colleagues dial inside the customer's PBX: 2 to 8 digits, unique within the customer.
/// A DID (an alias of an account) is a public number in E.164 form without the plus: 6 to 15 digits, unique in the
/// installation. Both are digits only, as a phone sends them in the Request-URI, so no two spellings of one number exist.
/// </para>
/// <para>
/// Account ids follow the provider's naming of generated accounts: <c>ph{customerId}x{extension}</c> for an extension
/// (customer 46170, extension 466 → <c>ph46170x466</c>) and <c>ph{customerId}aa{n}</c> for the customer's n-th auto
/// attendant, n counting from 1 and never reused.
/// </para>
/// </remarks>
public static class PbxNumbers
{
    public const int ExtensionMinDigits = 2;
    public const int ExtensionMaxDigits = 8;
    public const int AliasMinDigits = 6;
    public const int AliasMaxDigits = 15;

    /// <summary>Why <paramref name="number"/> is not an extension number, or null when it is one.</summary>
    public static string? CheckExtension(string number) =>
        CheckDigits(number, ExtensionMinDigits, ExtensionMaxDigits, "466");

    /// <summary>Why <paramref name="alias"/> is not a DID, or null when it is one.</summary>
    public static string? CheckAlias(string alias)
    {
        if (alias.StartsWith('+') && CheckDigits(alias[1..], AliasMinDigits, AliasMaxDigits, "") is null)
            return $"must be written without '+': {alias[1..]}";
        return CheckDigits(alias, AliasMinDigits, AliasMaxDigits, "12094555948");
    }

    public static string ExtensionAccountId(long customerId, string number) =>
        string.Create(CultureInfo.InvariantCulture, $"ph{customerId}x{number}");

    public static string AutoAttendantAccountId(long customerId, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"ph{customerId}aa{n}");

    private static string? CheckDigits(string value, int min, int max, string example)
    {
        var sample = example.Length > 0 ? $" (for example {example})" : "";
        if (value.Length == 0) return $"must be {min} to {max} digits{sample}";
        var bad = value.FirstOrDefault(c => c is < '0' or > '9');
        if (bad != default)
        {
            var what = char.IsWhiteSpace(bad) ? "a space" : $"'{bad}'";
            return $"must be digits only; it contains {what}{sample}";
        }
        if (value.Length < min || value.Length > max) return $"must be {min} to {max} digits; it has {value.Length}{sample}";
        return null;
    }
}
