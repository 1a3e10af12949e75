namespace Tollgate.Domain.Time;

/// <summary>Reads the one shape of time that CDR files nearly always carry, without the general parser's cost.</summary>
/// <remarks>
/// The shape is <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of one to seven digits, then <c>Z</c> or an offset
/// <c>±HH:mm</c>. Anything else, or a value at the edges (second 60, an offset beyond ±14 hours, year 1 or 9999), is left
/// to <see cref="DateTimeOffset.TryParse(string, IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>:
/// this reader answers false for it, never a different value than that parser would.
/// </remarks>
public static class IsoInstant
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return false;
        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day)
            || !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
            return false;
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;

        var rest = text[19..];
        long fraction = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits])) digits++;
            if (digits is 1 or > 8) return false;
            for (var i = 1; i < 8; i++) fraction = fraction * 10 + (i < digits ? rest[i] - '0' : 0);
            rest = rest[digits..];
        }

        TimeSpan offset;
        if (rest is ['Z'])
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && Digits(rest.Slice(1, 2), out var hours) && Digits(rest.Slice(4, 2), out var minutes)
                 && minutes <= 59 && hours * 60 + minutes <= 14 * 60)
        {
            offset = new TimeSpan(rest[0] == '-' ? -hours : hours, rest[0] == '-' ? -minutes : minutes, 0);
        }
        else
        {
            return false;
        }

        instant = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(fraction), offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var ch in text)
        {
            if (!char.IsAsciiDigit(ch)) return false;
            value = value * 10 + (ch - '0');
        }
        return true;
    }
}
