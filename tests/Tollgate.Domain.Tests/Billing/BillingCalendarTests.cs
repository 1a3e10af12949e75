using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;

namespace Tollgate.Domain.Tests.Billing;

public class BillingCalendarTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DateRange R(string start, string end) => new(D(start), D(end));

    [Theory]
    [InlineData("2026-05-01", "2026-05-01", "2026-06-01")]
    [InlineData("2026-05-31", "2026-05-01", "2026-06-01")]
    [InlineData("2026-12-15", "2026-12-01", "2027-01-01")]
    [InlineData("2028-02-29", "2028-02-01", "2028-03-01")]
    public void Monthly_PeriodContaining_IsTheCalendarMonth(string day, string start, string end) =>
        new BillingCalendar(BillingPeriodKind.Monthly).PeriodContaining(D(day)).ShouldBe(R(start, end));

    [Fact]
    public void Monthly_FebruaryOfALeapYear_Has29Days()
    {
        var calendar = new BillingCalendar(BillingPeriodKind.Monthly);
        calendar.PeriodContaining(D("2028-02-10")).Days.ShouldBe(29);
        calendar.PeriodContaining(D("2026-02-10")).Days.ShouldBe(28);
    }

    [Theory]
    [InlineData("2026-06-01", "2026-06-01", "2026-06-08")] // a Monday
    [InlineData("2026-06-07", "2026-06-01", "2026-06-08")] // the Sunday after
    [InlineData("2026-12-31", "2026-12-28", "2027-01-04")] // a week across the year end
    public void Weekly_PeriodsRunMondayToSunday(string day, string start, string end) =>
        new BillingCalendar(BillingPeriodKind.Weekly).PeriodContaining(D(day)).ShouldBe(R(start, end));

    [Theory]
    [InlineData("2026-05-01", "2026-05-01", "2026-05-16")]
    [InlineData("2026-05-15", "2026-05-01", "2026-05-16")]
    [InlineData("2026-05-16", "2026-05-16", "2026-06-01")]
    [InlineData("2026-05-31", "2026-05-16", "2026-06-01")]
    [InlineData("2026-02-20", "2026-02-16", "2026-03-01")]
    [InlineData("2028-02-29", "2028-02-16", "2028-03-01")]
    public void SemiMonthly_SplitsOnThe16th(string day, string start, string end) =>
        new BillingCalendar(BillingPeriodKind.SemiMonthly).PeriodContaining(D(day)).ShouldBe(R(start, end));

    [Fact]
    public void SemiMonthly_SecondHalfOfFebruary_Is13Or14Days()
    {
        var calendar = new BillingCalendar(BillingPeriodKind.SemiMonthly);
        calendar.PeriodContaining(D("2026-02-20")).Days.ShouldBe(13);
        calendar.PeriodContaining(D("2028-02-20")).Days.ShouldBe(14);
    }

    [Fact]
    public void Daily_EachDayIsAPeriod_EvenOnADstChangeDay()
    {
        // 8 March 2026 has 23 hours in New York; billing periods are calendar days, so it is still one period of one day.
        var period = new BillingCalendar(BillingPeriodKind.Daily).PeriodContaining(D("2026-03-08"));
        period.ShouldBe(R("2026-03-08", "2026-03-09"));
        period.Days.ShouldBe(1);
    }

    [Theory]
    [InlineData(31, "2026-01-31", "2026-01-31", "2026-02-28")]
    [InlineData(31, "2026-02-28", "2026-02-28", "2026-03-31")]
    [InlineData(31, "2026-03-30", "2026-02-28", "2026-03-31")]
    [InlineData(31, "2026-04-30", "2026-04-30", "2026-05-31")]
    [InlineData(31, "2028-02-29", "2028-02-29", "2028-03-31")]
    [InlineData(30, "2028-02-29", "2028-02-29", "2028-03-30")]
    [InlineData(29, "2027-02-28", "2027-02-28", "2027-03-29")]
    [InlineData(15, "2026-05-14", "2026-04-15", "2026-05-15")]
    [InlineData(15, "2026-05-15", "2026-05-15", "2026-06-15")]
    public void MonthlyAnniversary_StartsOnTheAnchorDayClampedToTheMonth(int anchor, string day, string start, string end) =>
        new BillingCalendar(BillingPeriodKind.MonthlyAnniversary, anchor).PeriodContaining(D(day)).ShouldBe(R(start, end));

    [Fact]
    public void MonthlyAnniversary_AnchorComesFromTheCreationDay()
    {
        var calendar = BillingCalendar.Of(BillingPeriodKind.MonthlyAnniversary, D("2026-01-31"));
        calendar.AnchorDay.ShouldBe(31);
        BillingCalendar.Of(BillingPeriodKind.Monthly, D("2026-01-31")).AnchorDay.ShouldBe(1, "only anniversary billing has an anchor");
    }

    [Fact]
    public void MonthlyAnniversary_ConsecutivePeriodsNeitherGapNorOverlap()
    {
        var calendar = new BillingCalendar(BillingPeriodKind.MonthlyAnniversary, 31);
        var period = calendar.PeriodContaining(D("2027-12-31"));
        for (var i = 0; i < 30; i++)
        {
            var next = new DateRange(period.End, calendar.NextBoundaryAfter(period.End));
            next.Start.ShouldBe(period.End);
            next.Days.ShouldBeInRange(28, 31);
            calendar.PeriodContaining(next.Start).ShouldBe(next);
            period = next;
        }
    }

    [Fact]
    public void NextBoundaryAfter_FromADayOfAnotherKind_GivesAShortPeriodToTheNewBoundary()
    {
        // A payer that switches from monthly to weekly: the monthly period ended on Thursday 1 Oct 2026; the next
        // period runs to the following Monday, then whole weeks follow.
        var weekly = new BillingCalendar(BillingPeriodKind.Weekly);
        weekly.NextBoundaryAfter(D("2026-10-01")).ShouldBe(D("2026-10-05"));
        weekly.NextBoundaryAfter(D("2026-10-05")).ShouldBe(D("2026-10-12"));
        new BillingCalendar(BillingPeriodKind.Monthly).NextBoundaryAfter(D("2026-10-05")).ShouldBe(D("2026-11-01"));
    }

    [Theory]
    [InlineData("2026-01-01", "2026-02-01")] // 31 days
    [InlineData("2026-04-01", "2026-05-01")] // 30 days
    [InlineData("2026-02-01", "2026-03-01")] // 28 days
    [InlineData("2028-02-01", "2028-03-01")] // 29 days
    public void Prorate_AWholeMonth_IsExactlyTheFee(string start, string end) =>
        new BillingCalendar(BillingPeriodKind.Monthly).Prorate(20m, R(start, end)).ShouldBe(20m);

    [Fact]
    public void Prorate_PartOfAMonth_IsTheFeeTimesDaysOverDaysInThatMonth()
    {
        var calendar = new BillingCalendar(BillingPeriodKind.Monthly);
        calendar.Prorate(30m, R("2026-06-16", "2026-07-01")).ShouldBe(15m);
        calendar.Prorate(31m, R("2026-05-20", "2026-06-01")).ShouldBe(12m);
        calendar.Prorate(29m, R("2028-02-29", "2028-03-01")).ShouldBe(1m, "29 February costs 1/29 of the fee");
        calendar.Prorate(20m, R("2026-05-01", "2026-05-01")).ShouldBe(0m);
    }

    [Fact]
    public void Prorate_AWeekAcrossTwoMonths_PricesEachDayByItsOwnMonth()
    {
        // Monday 29 June – Sunday 5 July 2026: two June days at 1/30, five July days at 1/31.
        var calendar = new BillingCalendar(BillingPeriodKind.Weekly);
        calendar.Prorate(93m, R("2026-06-29", "2026-07-06")).ShouldBe(93m * 2 / 30 + 93m * 5 / 31);
    }

    [Fact]
    public void Prorate_SemiMonthlyHalves_AddUpToTheFee()
    {
        var calendar = new BillingCalendar(BillingPeriodKind.SemiMonthly);
        var first = calendar.Prorate(10m, R("2026-05-01", "2026-05-16"));
        var second = calendar.Prorate(10m, R("2026-05-16", "2026-06-01"));
        (first + second).ShouldBe(10m, 0.0000000000000000000001m);
        first.ShouldBe(10m * 15 / 31);
    }

    [Fact]
    public void Prorate_AnniversaryBilling_UsesTheAnniversaryMonthsLength()
    {
        // Anchor 10: the "month" of 20 February 2026 is 10 Feb – 9 Mar (28 days), so ten days of it cost 10/28.
        var calendar = new BillingCalendar(BillingPeriodKind.MonthlyAnniversary, 10);
        calendar.Prorate(28m, R("2026-02-20", "2026-03-02")).ShouldBe(10m);
        calendar.Prorate(28m, R("2026-02-10", "2026-03-10")).ShouldBe(28m);
    }

    [Fact]
    public void DateRange_IsHalfOpen()
    {
        var may = R("2026-05-01", "2026-06-01");
        may.Days.ShouldBe(31);
        may.Contains(D("2026-05-31")).ShouldBeTrue();
        may.Contains(D("2026-06-01")).ShouldBeFalse();
        may.LastDay.ShouldBe(D("2026-05-31"));
        may.Intersect(R("2026-05-20", "2026-07-01")).ShouldBe(R("2026-05-20", "2026-06-01"));
        may.Intersect(R("2026-06-01", "2026-07-01")).IsEmpty.ShouldBeTrue();
        new DateRange(D("2026-05-10"), D("2026-05-01")).IsEmpty.ShouldBeTrue("an end before the start makes an empty range");
    }
}
