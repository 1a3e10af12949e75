using Tollgate.Domain.Billing;

namespace Tollgate.Domain.Tests.Billing;

public class FeeAdjustmentTests
{
    [Theory]
    [InlineData(AdjustmentType.RelativeDiscount, 20, 16)]
    [InlineData(AdjustmentType.RelativeDiscount, 100, 0)]
    [InlineData(AdjustmentType.RelativeUpcharge, 10, 22)]
    [InlineData(AdjustmentType.FixedDiscount, 5, 15)]
    [InlineData(AdjustmentType.FixedUpcharge, 5, 25)]
    [InlineData(AdjustmentType.FixedDiscount, 25, 0)]
    public void Apply_ChangesTheMonthlyFee_NeverBelowZero(AdjustmentType type, int value, int expected) =>
        new FeeAdjustment(type, value).Apply(20m).ShouldBe(expected);

    [Fact]
    public void Apply_KeepsFullPrecision()
    {
        new FeeAdjustment(AdjustmentType.RelativeDiscount, 33.3333m).Apply(10m).ShouldBe(6.666670m);
        FeeAdjustment.Effective(20m, null).ShouldBe(20m);
    }

    [Fact]
    public void RefusalFor_FixedOnProgressive_AndAnythingOnPrepaid()
    {
        new FeeAdjustment(AdjustmentType.FixedUpcharge, 5).RefusalFor(ChargeMode.Progressive, 1).ShouldNotBeNull();
        new FeeAdjustment(AdjustmentType.FixedDiscount, 5).RefusalFor(ChargeMode.Progressive, 1).ShouldNotBeNull();
        new FeeAdjustment(AdjustmentType.RelativeDiscount, 5).RefusalFor(ChargeMode.Progressive, 1).ShouldBeNull();
        new FeeAdjustment(AdjustmentType.FixedUpcharge, 5).RefusalFor(ChargeMode.InAdvance, 1).ShouldBeNull();
        foreach (var type in Enum.GetValues<AdjustmentType>())
            new FeeAdjustment(type, 5).RefusalFor(ChargeMode.InAdvance, 12).ShouldNotBeNull($"{type} on a 12-month prepaid plan");
    }

    [Fact]
    public void Problems_NameEachBadValue()
    {
        new FeeAdjustment(AdjustmentType.FixedUpcharge, -1).Problems(2).ShouldNotBeEmpty();
        new FeeAdjustment(AdjustmentType.RelativeDiscount, 100.5m).Problems(2).ShouldNotBeEmpty();
        new FeeAdjustment(AdjustmentType.FixedUpcharge, 1.005m).Problems(2).ShouldNotBeEmpty("USD has cents, not tenths of cents");
        new FeeAdjustment(AdjustmentType.FixedUpcharge, 1.5m).Problems(0).ShouldNotBeEmpty("JPY has no minor unit");
        new FeeAdjustment(AdjustmentType.RelativeUpcharge, 12.34567m).Problems(2).ShouldNotBeEmpty();
        new FeeAdjustment(AdjustmentType.RelativeDiscount, 100m).Problems(2).ShouldBeEmpty();
        new FeeAdjustment(AdjustmentType.FixedDiscount, 2.50m).Problems(2).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2.50", 1)]
    [InlineData("2", 0)]
    [InlineData("0.125", 3)]
    [InlineData("-0.5", 1)]
    public void DecimalPlaces_CountsSignificantDecimals(string value, int places) =>
        FeeAdjustment.DecimalPlaces(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(places);
}
