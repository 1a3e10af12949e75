using Tollgate.Domain.Money;

namespace Tollgate.Api.Features.Billing;

/// <summary>How billing's amounts look in JSON, the same on every database.</summary>
/// <remarks>
/// Databases hand decimals back with their column's scale (PostgreSQL <c>10.000000</c>, SQLite <c>10.0</c>); JSON would
/// repeat it. Amounts show exactly the currency's minor unit (<c>10.00</c> USD, <c>1000</c> JPY); values that may be finer
/// (an effective fee after a percentage, a percentage itself) show every significant digit but at least the minor unit.
/// </remarks>
public static class MoneyJson
{
    /// <summary>A charged amount, a total or a plan fee: already rounded to the minor unit, shown with exactly that many decimals.</summary>
    public static decimal Amount(decimal value, string currency)
    {
        var digits = Currency.Of(currency).MinorUnits;
        return decimal.Round(value, digits, MidpointRounding.AwayFromZero) + new decimal(0, 0, 0, false, (byte)digits);
    }

    /// <summary>An exact value shown without trailing zeros beyond the currency's minor unit (<c>16.666667</c>, <c>25.00</c>).</summary>
    public static decimal Exact(decimal value, string currency)
    {
        var digits = Currency.Of(currency).MinorUnits;
        var trimmed = value / 1.000000000000000000000000000000000m;
        return trimmed.Scale >= digits ? trimmed : trimmed + new decimal(0, 0, 0, false, (byte)digits);
    }

    /// <summary>A plain number (a percentage) without trailing zeros.</summary>
    public static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;
}
