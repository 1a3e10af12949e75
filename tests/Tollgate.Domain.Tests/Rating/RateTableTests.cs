using Tollgate.Domain.Billing;
using Tollgate.Domain.Parties;
using Tollgate.Domain.Rating;

namespace Tollgate.Domain.Tests.Rating;

public class RateTableTests
{
    private static readonly RateTerms Any = new(0.10m, 0m, 60, 60, 0);

    private static DateTime Utc(string iso) =>
        DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static RateEntry Rate(long id, string prefix, string? from = null, string? to = null) =>
        new(id, prefix, from is null ? DateTime.MinValue : Utc(from), to is null ? null : Utc(to), Any);

    [Theory]
    [InlineData("442071234567", 3)]
    [InlineData("447700900123", 2)]
    [InlineData("4912345", 1)]
    [InlineData("+442071234567", 3)]
    [InlineData(" 447700900123 ", 2)]
    public void Find_TakesTheLongestMatchingPrefix(string number, long expected)
    {
        var table = new RateTable([Rate(1, "4"), Rate(2, "44"), Rate(3, "4420")]);
        table.Find(number, Utc("2026-05-01T00:00:00Z"))!.Id.ShouldBe(expected);
    }

    [Fact]
    public void Find_WithoutAMatchingPrefix_IsNull() =>
        new RateTable([Rate(1, "44")]).Find("33123456", Utc("2026-05-01T00:00:00Z")).ShouldBeNull();

    [Fact]
    public void Find_PassesOverALongerPrefixOutOfEffect_ForAShorterOne()
    {
        var table = new RateTable([Rate(1, "44"), Rate(2, "4420", from: "2026-06-01T00:00:00Z")]);
        table.Find("442071234567", Utc("2026-05-31T23:59:59Z"))!.Id.ShouldBe(1);
        table.Find("442071234567", Utc("2026-06-01T00:00:00Z"))!.Id.ShouldBe(2);
    }

    [Fact]
    public void Find_AmongRatesOfOnePrefix_TakesTheOneThatTookEffectLast()
    {
        var table = new RateTable([
            Rate(1, "44"),
            Rate(2, "44", from: "2026-06-01T00:00:00Z"),
            Rate(3, "44", from: "2026-07-01T00:00:00Z", to: "2026-08-01T00:00:00Z"),
        ]);
        table.Find("4420", Utc("2026-05-15T00:00:00Z"))!.Id.ShouldBe(1);
        table.Find("4420", Utc("2026-06-15T00:00:00Z"))!.Id.ShouldBe(2);
        table.Find("4420", Utc("2026-07-15T00:00:00Z"))!.Id.ShouldBe(3);
        table.Find("4420", Utc("2026-08-01T00:00:00Z"))!.Id.ShouldBe(2, "after the July rate ends, the June one applies again");
    }

    [Fact]
    public void Find_EffectiveToIsTheFirstInstantARateNoLongerApplies()
    {
        var table = new RateTable([Rate(1, "1", to: "2026-06-01T00:00:00Z")]);
        table.Find("1209", Utc("2026-05-31T23:59:59Z"))!.Id.ShouldBe(1);
        table.Find("1209", Utc("2026-06-01T00:00:00Z")).ShouldBeNull();
    }

    [Fact]
    public void PrefixesOf_ListsEveryLeadingPart_UpToTheLongest() =>
        RateTable.PrefixesOf("+4420", 3).ShouldBe(["4", "44", "442"]);
}

public class UsagePeriodTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly BillingCalendar Monthly = new(BillingPeriodKind.Monthly);

    [Theory]
    [InlineData("2026-05-20", "2026-05-01")] // in the open period
    [InlineData("2026-04-30", "2026-05-01")] // rated late: on the open period's invoice, never on one issued
    [InlineData("2026-06-02", "2026-06-01")] // ahead of billing: the period that will contain it
    [InlineData("2026-08-31", "2026-08-01")]
    public void StartFor_PutsACallOnTheOpenPeriodOrTheOneThatWillContainIt(string day, string start) =>
        UsagePeriod.StartFor(new DateRange(D("2026-05-01"), D("2026-06-01")), Monthly, D(day)).ShouldBe(D(start));
}
