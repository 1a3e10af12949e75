namespace Tollgate.Domain.Billing;

/// <summary>A run of whole calendar days: from <see cref="Start"/> (included) to <see cref="End"/> (excluded).</summary>
/// <remarks>
/// Every range in billing is half-open, like Kill Bill's and NodaTime's intervals: May as a billing period is
/// [2026-05-01, 2026-06-01), so consecutive periods share a boundary and never overlap, and a finish date is "the first
/// day no longer charged". <see cref="Days"/> counts the days inside. A range whose end is not after its start is empty.
/// </remarks>
public readonly record struct DateRange
{
    public DateRange(DateOnly start, DateOnly end)
    {
        Start = start;
        End = end < start ? start : end;
    }

    public DateOnly Start { get; }

    /// <summary>The first day after the range.</summary>
    public DateOnly End { get; }

    public int Days => End.DayNumber - Start.DayNumber;

    public bool IsEmpty => End <= Start;

    /// <summary>The last day inside the range (for people, who read periods as "1 May – 31 May"); undefined when empty.</summary>
    public DateOnly LastDay => End.AddDays(-1);

    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <summary>The days in both ranges (empty when they do not overlap).</summary>
    public DateRange Intersect(DateRange other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return end <= start ? new DateRange(start, start) : new DateRange(start, end);
    }

    /// <summary>The range from <paramref name="start"/> on, without an end (as far as dates go).</summary>
    public static DateRange From(DateOnly start) => new(start, DateOnly.MaxValue);

    public override string ToString() => IsEmpty ? $"[{Start:yyyy-MM-dd}, empty)" : $"[{Start:yyyy-MM-dd}, {End:yyyy-MM-dd})";
}
