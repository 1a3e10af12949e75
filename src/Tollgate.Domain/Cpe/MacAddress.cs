using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Domain.Cpe;

/// <summary>The hardware (MAC-48) address of a device: six bytes, shown as <c>00:11:22:FF:13:44</c>.</summary>
/// <remarks>
/// <para>
/// <see cref="TryParse(ReadOnlySpan{char}, out MacAddress, out string?)"/> accepts the notations people copy from
/// labels, switches and spreadsheets, ignoring letter case and surrounding white space:
/// </para>
/// <list type="bullet">
/// <item><c>00:11:22:FF:13:44</c> — six pairs separated by colons (IEEE, Linux, most phones)</item>
/// <item><c>00-11-22-ff-13-44</c> — six pairs separated by hyphens (IEEE 802, Windows)</item>
/// <item><c>001122ff1344</c> — twelve digits without separators (barcodes, provisioning file names)</item>
/// <item><c>0011.22ff.1344</c> — three groups of four separated by dots (Cisco)</item>
/// </list>
/// <para>
/// Anything else is refused with a reason a person can act on: a group of one digit (<c>0:11:…</c>), mixed separators,
/// a letter that is not a hexadecimal digit, too few or too many digits. Addresses that no device can have are refused
/// too: all zeros, and group (multicast and broadcast) addresses, whose first byte is odd.
/// </para>
/// <para><see cref="ToString"/> always gives the canonical form: upper case, colons. Two values are equal when their bytes are.</para>
/// </remarks>
public readonly struct MacAddress : IEquatable<MacAddress>, IComparable<MacAddress>
{
    /// <summary>How long the canonical form is: 12 digits and 5 colons.</summary>
    public const int CanonicalLength = 17;

    private const ulong Mask = 0xFFFF_FFFF_FFFF;
    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value;

    /// <summary>The address from its 48 bits (the low 48 bits of <paramref name="value"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has bits above the 48th, or is not a device's address.</exception>
    public static MacAddress FromUInt64(ulong value)
    {
        if (value > Mask) throw new ArgumentOutOfRangeException(nameof(value), "A MAC address has 48 bits.");
        return DeviceProblem(value) is { } problem ? throw new ArgumentOutOfRangeException(nameof(value), problem) : new MacAddress(value);
    }

    /// <summary>The 48 bits of the address, first byte highest.</summary>
    public ulong ToUInt64() => _value;

    /// <summary>Parses any accepted notation or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out var mac, out var error) ? mac : throw new FormatException($"'{text}' is not a MAC address: {error}.");

    public static bool TryParse([NotNullWhen(true)] string? text, out MacAddress mac) => TryParse(text, out mac, out _);

    public static bool TryParse(string? text, out MacAddress mac, [NotNullWhen(false)] out string? error) =>
        TryParse(text.AsSpan(), out mac, out error);

    /// <summary>Parses any accepted notation; on failure <paramref name="error"/> says why, in words fit for an error message.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out MacAddress mac, [NotNullWhen(false)] out string? error)
    {
        mac = default;
        text = text.Trim();
        if (text.IsEmpty)
        {
            error = "it is empty";
            return false;
        }

        var separator = '\0';
        foreach (var c in text)
        {
            if (c is ':' or '-' or '.')
            {
                if (separator != '\0' && separator != c)
                {
                    error = "it mixes separators; use one of ':', '-' or '.' throughout";
                    return false;
                }
                separator = c;
            }
            else if (!char.IsAsciiHexDigit(c))
            {
                error = char.IsWhiteSpace(c) ? "it contains a space" : $"'{c}' is not a hexadecimal digit (0-9, A-F)";
                return false;
            }
        }

        var width = separator switch
        {
            '\0' => 12,
            '.' => 4,
            _ => 2,
        };
        if (!SplitsEvenly(text, separator, width, out error)) return false;

        ulong value = 0;
        foreach (var c in text)
        {
            if (c != separator) value = (value << 4) | (uint)HexValue(c);
        }
        if (DeviceProblem(value) is { } problem)
        {
            error = problem;
            return false;
        }
        mac = new MacAddress(value);
        return true;
    }

    /// <summary>The canonical form, e.g. <c>00:11:22:FF:13:44</c>.</summary>
    public override string ToString() => string.Create(CanonicalLength, _value, static (span, value) =>
    {
        const string digits = "0123456789ABCDEF";
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(value >> (8 * (5 - i)));
            span[i * 3] = digits[b >> 4];
            span[(i * 3) + 1] = digits[b & 0xF];
            if (i < 5) span[(i * 3) + 2] = ':';
        }
    });

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(MacAddress other) => _value.CompareTo(other._value);

    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);

    public static bool operator <(MacAddress left, MacAddress right) => left._value < right._value;

    public static bool operator >(MacAddress left, MacAddress right) => left._value > right._value;

    public static bool operator <=(MacAddress left, MacAddress right) => left._value <= right._value;

    public static bool operator >=(MacAddress left, MacAddress right) => left._value >= right._value;

    // With twelve digits and every group of the same width, the number of groups follows.
    private static bool SplitsEvenly(ReadOnlySpan<char> text, char separator, int width, [NotNullWhen(false)] out string? error)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (c != separator) digits++;
        }
        if (digits != 12)
        {
            error = $"it has {digits} hexadecimal digit{(digits == 1 ? "" : "s")}; a MAC address has 12";
            return false;
        }
        foreach (var range in text.Split(separator))
        {
            if (text[range].Length != width)
            {
                error = separator switch
                {
                    '.' => "with '.' it must be three groups of four digits, such as 0011.22FF.1344",
                    _ => $"with '{separator}' it must be six pairs of digits, such as 00{separator}11{separator}22{separator}FF{separator}13{separator}44",
                };
                return false;
            }
        }
        error = null;
        return true;
    }

    private static string? DeviceProblem(ulong value)
    {
        if (value == 0) return "00:00:00:00:00:00 is not a device's address";
        // The I/G bit: the lowest bit of the first byte marks a group (multicast or broadcast) address.
        if ((value & 0x0100_0000_0000) != 0) return "it is a group (multicast or broadcast) address: its first byte is odd, which no device's address is";
        return null;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };
}
