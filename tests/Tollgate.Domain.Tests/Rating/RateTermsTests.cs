using Tollgate.Domain.Money;
using Tollgate.Domain.Rating;

namespace Tollgate.Domain.Tests.Rating;

public class RateTermsTests
{
    private static readonly Currency Usd = Currency.Of("USD");

    [Theory]
    // 60/6: the first minute whole, then every started 6 seconds.
    [InlineData(60, 6, 1, 60)]
    [InlineData(60, 6, 60, 60)]
    [InlineData(60, 6, 61, 66)]
    [InlineData(60, 6, 66, 66)]
    [InlineData(60, 6, 67, 72)]
    // 1/1: every second.
    [InlineData(1, 1, 1, 1)]
    [InlineData(1, 1, 61, 61)]
    [InlineData(1, 1, 3599, 3599)]
    // 30/30: half minutes.
    [InlineData(30, 30, 1, 30)]
    [InlineData(30, 30, 30, 30)]
    [InlineData(30, 30, 31, 60)]
    [InlineData(30, 30, 61, 90)]
    // Unanswered.
    [InlineData(60, 60, 0, 0)]
    public void ChargedSeconds_RoundsUpToTheIntervals(int first, int next, int seconds, int charged) =>
        new RateTerms(1m, 0m, first, next, 0).ChargedSeconds(seconds).ShouldBe(charged);

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 60)]
    public void ChargedSeconds_WithinTheGracePeriod_IsNothing(int seconds, int charged) =>
        new RateTerms(1m, 0.10m, 60, 60, 5).ChargedSeconds(seconds).ShouldBe(charged);

    [Fact]
    public void Price_AddsTheConnectFee_AndRoundsOnceToTheMinorUnit()
    {
        // 0.0333/min for 66 s = 0.03663, + 0.05 connect = 0.08663 → 0.09.
        var terms = new RateTerms(0.0333m, 0.05m, 60, 6, 0);
        terms.Price(61, Usd).ShouldBe(new UsagePrice(66, 0.09m));
    }

    [Fact]
    public void Price_WithinTheGracePeriod_WaivesTheConnectFeeToo() =>
        new RateTerms(0.10m, 0.25m, 60, 60, 5).Price(4, Usd).ShouldBe(new UsagePrice(0, 0m));

    [Fact]
    public void Price_RoundsHalfAwayFromZero() =>
        // 0.025/min for 60 s = 0.025 → 0.03 (banker's rounding would give 0.02).
        new RateTerms(0.025m, 0m, 60, 60, 0).Price(60, Usd).Amount.ShouldBe(0.03m);

    [Fact]
    public void Price_InACurrencyWithoutMinorUnits_RoundsToWholeUnits() =>
        new RateTerms(7.5m, 0m, 60, 60, 0).Price(60, Currency.Of("JPY")).Amount.ShouldBe(8m);

    [Theory]
    // 0.60/min per second: 1.00 buys 100 s exactly.
    [InlineData(1, 1, 1.00, 100)]
    // 60/60 at 0.60/min: 1.00 buys one whole minute; the second would cost 1.20.
    [InlineData(60, 60, 1.00, 60)]
    // 60/6 at 0.60/min: a minute (0.60), then 6 s steps of 0.06: 0.60 + 6 × 0.06 = 0.96 → 96 s; 102 s would be 1.02.
    [InlineData(60, 6, 1.00, 96)]
    // 30/30: 30 s cost 0.30; 90 s 0.90; 120 s 1.20.
    [InlineData(30, 30, 1.00, 90)]
    public void MaxSeconds_IsTheEndOfTheLastAffordableInterval(int first, int next, decimal available, int seconds)
    {
        var terms = new RateTerms(0.60m, 0m, first, next, 0);
        var max = terms.MaxSeconds(available, Usd, 14_400);
        max.ShouldBe(seconds);
        terms.Price(max, Usd).Amount.ShouldBeLessThanOrEqualTo(available);
        terms.Price(max + 1, Usd).Amount.ShouldBeGreaterThan(available);
    }

    [Fact]
    public void MaxSeconds_CountsTheConnectFee()
    {
        // 1.00 - 0.40 connect = 0.60 → one minute at 0.60/min.
        new RateTerms(0.60m, 0.40m, 1, 1, 0).MaxSeconds(1.00m, Usd, 14_400).ShouldBe(60);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void MaxSeconds_WithoutCredit_IsZero(decimal available) =>
        new RateTerms(0.60m, 0m, 1, 1, 0).MaxSeconds(available, Usd, 14_400).ShouldBe(0);

    [Fact]
    public void MaxSeconds_WhenTheFirstIntervalIsTooDear_IsZero() =>
        new RateTerms(0.60m, 0m, 60, 60, 10).MaxSeconds(0.59m, Usd, 14_400).ShouldBe(0);

    [Fact]
    public void MaxSeconds_IsCapped()
    {
        new RateTerms(0.01m, 0m, 1, 1, 0).MaxSeconds(1_000_000m, Usd, 14_400).ShouldBe(14_400);
        new RateTerms(0m, 0m, 60, 60, 0).MaxSeconds(0.01m, Usd, 14_400).ShouldBe(14_400, "a free destination is limited only by the cap");
    }

    [Fact]
    public void MaxSeconds_AgreesWithPrice_ForAwkwardPrices()
    {
        // Prices finer than a cent: the rounded price must still fit the credit at the answer and not one second later.
        foreach (var price in new[] { 0.0123m, 0.333333m, 1.99m, 0.07m })
        foreach (var (first, next) in new[] { (60, 6), (1, 1), (30, 30), (60, 60) })
        foreach (var available in new[] { 0.37m, 2.50m, 13.13m })
        {
            var terms = new RateTerms(price, 0.02m, first, next, 3);
            var max = terms.MaxSeconds(available, Usd, 100_000);
            if (max == 0)
            {
                terms.Price(first, Usd).Amount.ShouldBeGreaterThan(available);
                continue;
            }
            terms.Price(max, Usd).Amount.ShouldBeLessThanOrEqualTo(available, $"{price}/{first}/{next}/{available}");
            terms.Price(max + 1, Usd).Amount.ShouldBeGreaterThan(available, $"{price}/{first}/{next}/{available}");
        }
    }
}
