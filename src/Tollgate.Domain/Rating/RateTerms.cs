using Tollgate.Domain.Money;

namespace Tollgate.Domain.Rating;

/// <summary>How one rate prices a call: a price per minute, a connect fee, billing intervals and a grace period.</summary>
/// <remarks>
/// <para>
/// A call of <c>d</c> seconds is charged for <see cref="ChargedSeconds"/>: nothing when it was not answered or lasted no
/// longer than <see cref="GraceSeconds"/> (then the connect fee is waived too); otherwise <see cref="FirstInterval"/>
/// seconds for the start of the call, and every started <see cref="NextInterval"/> after that in full. With 60/6 a call
/// of 61 s is charged 66 s; with 1/1 every second; with 30/30 a call of 31 s is charged 60 s.
/// </para>
/// <para>
/// The amount is <c>connect fee + price per minute × charged seconds ÷ 60</c>, computed exactly and rounded once to the
/// currency's minor unit (half away from zero), like every charge line.
/// </para>
/// </remarks>
public readonly record struct RateTerms(decimal PricePerMinute, decimal ConnectFee, int FirstInterval, int NextInterval, int GraceSeconds)
{
    /// <summary>The seconds a call of <paramref name="seconds"/> is charged for.</summary>
    public int ChargedSeconds(int seconds)
    {
        if (seconds <= 0 || seconds <= GraceSeconds) return 0;
        if (seconds <= FirstInterval) return FirstInterval;
        var rest = seconds - FirstInterval;
        return FirstInterval + (rest + NextInterval - 1) / NextInterval * NextInterval;
    }

    /// <summary>What a call of <paramref name="seconds"/> costs, rounded to <paramref name="currency"/>'s minor unit.</summary>
    public UsagePrice Price(int seconds, Currency currency)
    {
        var charged = ChargedSeconds(seconds);
        return new UsagePrice(charged, charged == 0 ? 0m : AmountFor(charged, currency));
    }

    /// <summary>
    /// The longest call, in whole seconds and at most <paramref name="cap"/>, whose price is no more than
    /// <paramref name="available"/>; 0 when there is nothing available.
    /// </summary>
    /// <remarks>
    /// The price only grows with the duration and steps up at interval boundaries, so the answer is the end of the last
    /// affordable interval (never less than the grace period, which is free). When even the first interval is too dear
    /// the answer is 0: a call cut off at the end of its grace period helps nobody. No credit at all (zero or less)
    /// allows no call.
    /// </remarks>
    public int MaxSeconds(decimal available, Currency currency, int cap)
    {
        if (available <= 0 || cap <= 0) return 0;
        var free = Math.Min(GraceSeconds, cap);
        if (AmountFor(FirstInterval, currency) > available) return 0;
        if (PricePerMinute == 0) return cap;

        // Estimate how many further intervals the credit buys, then settle the estimate against the rounded price.
        var estimate = ((available - ConnectFee) * 60m / PricePerMinute - FirstInterval) / NextInterval;
        var ceiling = (decimal)(cap / NextInterval + 1);
        long k = (long)Math.Max(0m, Math.Min(Math.Floor(estimate), ceiling));
        while (k > 0 && AmountFor(FirstInterval + k * NextInterval, currency) > available) k--;
        while (FirstInterval + (k + 1) * NextInterval <= (long)cap + NextInterval
               && AmountFor(FirstInterval + (k + 1) * NextInterval, currency) <= available) k++;
        var paid = FirstInterval + k * NextInterval;
        return (int)Math.Min(cap, Math.Max(paid, free));
    }

    private decimal AmountFor(long chargedSeconds, Currency currency) =>
        new Money.Money(ConnectFee + PricePerMinute * chargedSeconds / 60m, currency).RoundToMinorUnit().Amount;
}

/// <summary>The price of one call: the seconds charged and the amount, already rounded.</summary>
public readonly record struct UsagePrice(int ChargedSeconds, decimal Amount);
