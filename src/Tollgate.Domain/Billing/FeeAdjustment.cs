namespace Tollgate.Domain.Billing;

/// <summary>How a fee adjustment changes a subscription's monthly fee.</summary>
public enum AdjustmentType
{
    /// <summary>A percentage off the fee; 100 makes the subscription free.</summary>
    RelativeDiscount,

    /// <summary>A percentage on top of the fee.</summary>
    RelativeUpcharge,

    /// <summary>An amount per month off the fee.</summary>
    FixedDiscount,

    /// <summary>An amount per month on top of the fee.</summary>
    FixedUpcharge,
}

/// <summary>A markup or discount on one assigned subscription's monthly fee.</summary>
/// <remarks>
/// <para>
/// The effective fee never goes below zero: a fixed discount larger than the fee makes it free, not a credit. The
/// result is exact (no rounding): rounding happens once, on the charge line.
/// </para>
/// <para>
/// Two combinations are refused (<see cref="RefusalFor"/>): a fixed adjustment on a progressive subscription (its
/// charge accrues per day, so "an amount per month" has no single meaning within a running total), and any adjustment
/// on a multi-month prepaid plan (its price is the agreed prepayment).
/// </para>
/// </remarks>
public sealed record FeeAdjustment(AdjustmentType Type, decimal Value)
{
    /// <summary>The most decimal places a percentage may have.</summary>
    public const int PercentDecimals = 4;

    /// <summary>The largest monthly fee, and the largest fixed adjustment of one.</summary>
    /// <remarks>
    /// Amounts are stored with 13 integer digits; a fee this size still fits after the largest upcharge (10,000 %),
    /// a fixed upcharge of the same size, or 36 prepaid months.
    /// </remarks>
    public const decimal MaxMonthlyAmount = 1_000_000_000m;

    public bool IsFixed => Type is AdjustmentType.FixedDiscount or AdjustmentType.FixedUpcharge;

    public decimal Apply(decimal monthlyFee)
    {
        var fee = Type switch
        {
            AdjustmentType.RelativeDiscount => monthlyFee - monthlyFee * Value / 100m,
            AdjustmentType.RelativeUpcharge => monthlyFee + monthlyFee * Value / 100m,
            AdjustmentType.FixedDiscount => monthlyFee - Value,
            AdjustmentType.FixedUpcharge => monthlyFee + Value,
            _ => throw new InvalidOperationException($"Unknown adjustment type {Type}."),
        };
        return fee < 0m ? 0m : fee;
    }

    /// <summary>The monthly fee after an optional adjustment.</summary>
    public static decimal Effective(decimal monthlyFee, FeeAdjustment? adjustment) =>
        adjustment is null ? monthlyFee : adjustment.Apply(monthlyFee);

    /// <summary>Why this adjustment cannot apply to a subscription charged this way, or null when it can.</summary>
    public string? RefusalFor(ChargeMode chargeMode, int prepaidMonths)
    {
        if (prepaidMonths > 1) return "a multi-month prepaid plan cannot be adjusted";
        if (IsFixed && chargeMode == ChargeMode.Progressive)
            return "a fixed adjustment cannot apply to a progressively charged subscription; use a relative one";
        return null;
    }

    /// <summary>What is wrong with the value for this type in a currency with <paramref name="minorUnits"/> decimals; empty when fine.</summary>
    public IEnumerable<string> Problems(int minorUnits)
    {
        if (Value < 0m) yield return "must not be negative (choose a discount or an upcharge type instead)";
        if (IsFixed)
        {
            if (DecimalPlaces(Value) > minorUnits) yield return $"must have at most {minorUnits} decimal places in this currency";
            if (Value > MaxMonthlyAmount) yield return $"must be at most {MaxMonthlyAmount} per month";
        }
        else
        {
            if (Type == AdjustmentType.RelativeDiscount && Value > 100m) yield return "must be at most 100 (percent)";
            if (Type == AdjustmentType.RelativeUpcharge && Value > 10_000m) yield return "must be at most 10000 (percent)";
            if (DecimalPlaces(Value) > PercentDecimals) yield return $"must have at most {PercentDecimals} decimal places";
        }
    }

    /// <summary>The number of significant decimal places of a value (2.50 has 1).</summary>
    public static int DecimalPlaces(decimal value)
    {
        value = Math.Abs(value);
        var places = 0;
        while (value != decimal.Truncate(value) && places < 28)
        {
            value *= 10;
            places++;
        }
        return places;
    }
}
