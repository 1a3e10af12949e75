using Tollgate.Domain.Time;

namespace Tollgate.Domain.Tests.Time;

/// <summary>A payer's day, and so its billing period, starts at local midnight, whatever daylight saving time does.</summary>
public class TimeZonesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void StartOf_FollowsTheZonesOffsetOnEachSideOfADstChange()
    {
        // New York: EST (UTC-5) until 8 March 2026 at 02:00, then EDT (UTC-4).
        TimeZones.StartOf(D("2026-03-08"), "America/New_York").ShouldBe(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero));
        TimeZones.StartOf(D("2026-03-09"), "America/New_York").ShouldBe(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero));
        TimeZones.StartOf(D("2026-06-01"), "America/New_York").ShouldBe(new DateTimeOffset(2026, 6, 1, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void StartOf_WhenMidnightIsSkipped_IsTheFirstMomentOfTheDay()
    {
        // Chile moves its clocks from 24:00 to 01:00 on the first Sunday of September: 6 Sep 2026 starts at 01:00 (UTC-3).
        TimeZones.StartOf(D("2026-09-06"), "America/Santiago").ShouldBe(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void DateAt_IsTheLocalDate()
    {
        var instant = new DateTimeOffset(2026, 6, 1, 3, 59, 59, TimeSpan.Zero);
        TimeZones.DateAt(instant, "America/New_York").ShouldBe(D("2026-05-31"));
        TimeZones.DateAt(instant.AddSeconds(1), "America/New_York").ShouldBe(D("2026-06-01"));
        TimeZones.DateAt(instant, "Pacific/Kiritimati").ShouldBe(D("2026-06-01"));
    }
}
