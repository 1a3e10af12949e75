using Tollgate.Domain.Parties;

namespace Tollgate.Domain.Billing;

/// <summary>Where one payer's billing periods begin and end, and which "month" a day's share of a monthly fee comes from.</summary>
/// <remarks>
/// <para>
/// Periods are calendar dates in the payer's own time zone (turning an instant into such a date is the caller's job,
/// see <see cref="Time.TimeZones"/>). A period boundary is a date on which a period starts:
/// </para>
/// <list type="bullet">
/// <item><see cref="BillingPeriodKind.Daily"/>: every day.</item>
/// <item><see cref="BillingPeriodKind.Weekly"/>: every Monday (ISO weeks).</item>
/// <item><see cref="BillingPeriodKind.SemiMonthly"/>: the 1st and the 16th (so the second half is 13 to 16 days long).</item>
/// <item><see cref="BillingPeriodKind.Monthly"/>: the 1st.</item>
/// <item><see cref="BillingPeriodKind.MonthlyAnniversary"/>: the <see cref="AnchorDay"/> of every month, clamped to the
/// month's length: with anchor 31 the boundaries are 31 Jan, 28 Feb (29 in a leap year), 31 Mar, 30 Apr …</item>
/// </list>
/// <para>
/// A monthly fee is prorated by day: each day costs the fee divided by the number of days of its month, where the
/// month is the calendar month, or for anniversary billing the anniversary month containing the day. A whole month
/// therefore costs exactly the fee, whatever its length (28 to 31 days).
/// </para>
/// </remarks>
public sealed record BillingCalendar
{
    public BillingCalendar(BillingPeriodKind kind, int anchorDay = 1)
    {
        if (anchorDay is < 1 or > 31) throw new ArgumentOutOfRangeException(nameof(anchorDay), anchorDay, "must be 1 to 31");
        Kind = kind;
        AnchorDay = kind == BillingPeriodKind.MonthlyAnniversary ? anchorDay : 1;
    }

    public BillingPeriodKind Kind { get; }

    /// <summary>For anniversary billing, the day of the month periods start on (the payer's creation day); else 1.</summary>
    public int AnchorDay { get; }

    /// <summary>The calendar of a payer created on <paramref name="createdOn"/> (its day anchors anniversary billing).</summary>
    public static BillingCalendar Of(BillingPeriodKind kind, DateOnly createdOn) => new(kind, createdOn.Day);

    /// <summary>The period that contains <paramref name="day"/>.</summary>
    public DateRange PeriodContaining(DateOnly day) => new(LatestBoundaryOnOrBefore(day), NextBoundaryAfter(day));

    /// <summary>The first period boundary strictly after <paramref name="day"/>.</summary>
    /// <remarks>
    /// From a boundary this gives the end of a whole period. From any other day (the payer switched to another kind of
    /// period, whose boundaries fall elsewhere) it gives a shorter period that ends on the new kind's next boundary,
    /// after which whole periods of the new kind follow.
    /// </remarks>
    public DateOnly NextBoundaryAfter(DateOnly day) => Kind switch
    {
        BillingPeriodKind.Daily => day.AddDays(1),
        BillingPeriodKind.Weekly => day.AddDays(7 - DaysSinceMonday(day)),
        BillingPeriodKind.SemiMonthly => day.Day < 16 ? new DateOnly(day.Year, day.Month, 16) : FirstOfNextMonth(day),
        BillingPeriodKind.Monthly => FirstOfNextMonth(day),
        BillingPeriodKind.MonthlyAnniversary => AnchorIn(day) > day ? AnchorIn(day) : AnchorIn(FirstOfNextMonth(day)),
        _ => throw new InvalidOperationException($"Unknown billing period kind {Kind}."),
    };

    /// <summary>The last period boundary on or before <paramref name="day"/> (the start of its period).</summary>
    public DateOnly LatestBoundaryOnOrBefore(DateOnly day) => Kind switch
    {
        BillingPeriodKind.Daily => day,
        BillingPeriodKind.Weekly => day.AddDays(-DaysSinceMonday(day)),
        BillingPeriodKind.SemiMonthly => new DateOnly(day.Year, day.Month, day.Day < 16 ? 1 : 16),
        BillingPeriodKind.Monthly => new DateOnly(day.Year, day.Month, 1),
        BillingPeriodKind.MonthlyAnniversary => AnchorIn(day) <= day ? AnchorIn(day) : AnchorIn(new DateOnly(day.Year, day.Month, 1).AddMonths(-1)),
        _ => throw new InvalidOperationException($"Unknown billing period kind {Kind}."),
    };

    /// <summary>The month whose length sets the price of <paramref name="day"/> under a monthly fee.</summary>
    public DateRange MonthContaining(DateOnly day)
    {
        if (Kind == BillingPeriodKind.MonthlyAnniversary) return PeriodContaining(day);
        var first = new DateOnly(day.Year, day.Month, 1);
        return new DateRange(first, first.AddMonths(1));
    }

    /// <summary>A monthly fee for the days of <paramref name="days"/>, prorated by day and not rounded.</summary>
    /// <remarks>
    /// Computed month by month as <c>fee × days ÷ days in month</c>, multiplying first, so a whole month is exactly the fee
    /// and the only rounding is the one the caller does on the finished charge line.
    /// </remarks>
    public decimal Prorate(decimal monthlyFee, DateRange days)
    {
        var total = 0m;
        var cursor = days.Start;
        while (cursor < days.End)
        {
            var month = MonthContaining(cursor);
            var end = month.End < days.End ? month.End : days.End;
            var count = end.DayNumber - cursor.DayNumber;
            total += count == month.Days ? monthlyFee : monthlyFee * count / month.Days;
            cursor = end;
        }
        return total;
    }

    private DateOnly AnchorIn(DateOnly dayInMonth) =>
        new(dayInMonth.Year, dayInMonth.Month, Math.Min(AnchorDay, DateTime.DaysInMonth(dayInMonth.Year, dayInMonth.Month)));

    private static DateOnly FirstOfNextMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1);

    private static int DaysSinceMonday(DateOnly day) => ((int)day.DayOfWeek + 6) % 7;
}
