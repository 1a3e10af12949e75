namespace Tollgate.Domain.Money;

/// <summary>An exact amount of one currency.</summary>
/// <remarks>
/// Arithmetic keeps full <see cref="decimal"/> precision; rounding happens once, with <see cref="RoundToMinorUnit"/>,
/// where a charge line is written. Adding amounts of different currencies is a broken precondition and throws.
/// Rounding is half away from zero, the commercial convention invoices use.
/// </remarks>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public Money RoundToMinorUnit() =>
        this with { Amount = Math.Round(Amount, Currency.MinorUnits, MidpointRounding.AwayFromZero) };

    public static Money operator +(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount + b.Amount, a.Currency);
    }

    public static Money operator -(Money a, Money b)
    {
        SameCurrency(a, b);
        return new Money(a.Amount - b.Amount, a.Currency);
    }

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);

    public override string ToString() => $"{Amount} {Currency.Code}";

    private static void SameCurrency(Money a, Money b)
    {
        if (a.Currency != b.Currency)
            throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency}.");
    }
}
