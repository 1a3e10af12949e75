using System.Globalization;
using NodaTime;

namespace Tollgate.Domain.Centrex;

/// <summary>When an auto attendant menu answers calls: always (the fallback), or in weekly periods of the customer's local time.</summary>
/// <remarks>
/// <para>
/// A menu without a schedule answers no call by itself; it is reached only from another menu (go to menu). Among an
/// attendant's menus, the periods of different menus must not overlap, and at most one menu is the fallback, so
/// exactly one menu or none applies at any moment (see <see cref="Select{TMenu}"/>).
/// </para>
/// <para>
/// Times are the customer's wall-clock time: "Monday to Friday 09:00–17:00" follows daylight saving time. A period
/// runs from <see cref="WeeklyPeriod.From"/> (inclusive) to <see cref="WeeklyPeriod.To"/> (exclusive) on each of its days;
/// <c>24:00</c> ends it at midnight. A period across midnight is written as two (22:00–24:00 and 00:00–06:00 of the
/// next day).
/// </para>
/// </remarks>
public sealed record MenuSchedule(bool Always, IReadOnlyList<WeeklyPeriod> Periods)
{
    public static MenuSchedule Fallback { get; } = new(true, []);

    /// <summary>Whether this schedule makes its menu answer at a local day and time (minutes since midnight).</summary>
    public bool Covers(IsoDayOfWeek day, int minute) => Periods.Any(p => p.Covers(day, minute));

    /// <summary>
    /// The menu that answers at <paramref name="instant"/> in <paramref name="zone"/>: the one whose period covers the
    /// local time, else the fallback, else none.
    /// </summary>
    public static TMenu? Select<TMenu>(IEnumerable<TMenu> menus, Func<TMenu, MenuSchedule?> schedule, Instant instant, DateTimeZone zone)
        where TMenu : class
    {
        var local = instant.InZone(zone).LocalDateTime;
        var minute = local.Hour * 60 + local.Minute;
        TMenu? fallback = null;
        foreach (var menu in menus)
        {
            if (schedule(menu) is not { } s) continue;
            if (s.Covers(local.DayOfWeek, minute)) return menu;
            if (s.Always) fallback ??= menu;
        }
        return fallback;
    }

    /// <summary>The first day and time at which both schedules' periods apply, or null when they never meet.</summary>
    public string? OverlapWith(MenuSchedule other)
    {
        foreach (var a in Periods)
        foreach (var b in other.Periods)
        foreach (var day in a.Days.Intersect(b.Days).Order())
        {
            if (a.From < b.To && b.From < a.To)
                return $"{WeeklyPeriod.DayName(day)} {WeeklyPeriod.Clock(Math.Max(a.From, b.From))}–{WeeklyPeriod.Clock(Math.Min(a.To, b.To))}";
        }
        return null;
    }
}

/// <summary>A period of the week: some days, from one wall-clock time to a later one (minutes since midnight; <see cref="To"/> may be 1440).</summary>
public sealed record WeeklyPeriod(IReadOnlySet<IsoDayOfWeek> Days, int From, int To)
{
    public static IReadOnlyList<string> DayNames { get; } = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public bool Covers(IsoDayOfWeek day, int minute) => Days.Contains(day) && minute >= From && minute < To;

    public static string DayName(IsoDayOfWeek day) => DayNames[(int)day - 1];

    public static bool TryParseDay(string? name, out IsoDayOfWeek day)
    {
        var index = name is null ? -1 : DayNames.ToList().IndexOf(name.ToLowerInvariant());
        day = index < 0 ? IsoDayOfWeek.None : (IsoDayOfWeek)(index + 1);
        return index >= 0;
    }

    /// <summary>Reads <c>HH:mm</c> (00:00 to 23:59; <c>24:00</c> too when <paramref name="allowMidnightEnd"/>) as minutes since midnight.</summary>
    public static int? ParseClock(string? text, bool allowMidnightEnd)
    {
        if (text is not { Length: 5 } || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) return null;
        if (hours == 24 && minutes == 0 && allowMidnightEnd) return 1440;
        return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
    }

    public static string Clock(int minutes) => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}
