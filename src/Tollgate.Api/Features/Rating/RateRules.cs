using Tollgate.Data.Rating;

namespace Tollgate.Api.Features.Rating;

/// <summary>The values of one rate, as a body or a file row gives them (null: not given).</summary>
public sealed record RateValues(
    string? Prefix, decimal? PricePerMinute, decimal? ConnectFee, int? FirstInterval, int? NextInterval, int? GraceSeconds,
    DateOnly? EffectiveFrom, DateOnly? EffectiveTo);

/// <summary>What makes a rate valid, the same for the API and for uploaded files; and the defaults of what is left out.</summary>
/// <remarks>
/// A prefix is 1 to 32 digits (a leading <c>+</c> is dropped). Prices are zero or more, with at most six decimals (a
/// price per minute may be finer than the currency's minor unit: the charge is rounded, not the rate). Intervals are
/// 1 to 3600 seconds, the grace period 0 to 3600. Left out: connect fee 0, intervals 60/60 (per minute), grace 0,
/// effective from always, effective to never.
/// </remarks>
public static class RateRules
{
    public const int DefaultInterval = 60;

    /// <summary>Reports each problem with the field (or column) it concerns.</summary>
    public static void Check(RateValues v, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(v.Prefix)) error("prefix", "is required");
        else if (Normalize(v.Prefix) is var p && (p.Length is 0 or > 32 || !p.All(char.IsAsciiDigit)))
            error("prefix", "must be 1 to 32 digits, such as 4420 (a leading + is allowed)");
        if (v.PricePerMinute is null) error("pricePerMinute", "is required");
        else Price(v.PricePerMinute.Value, "pricePerMinute", error);
        if (v.ConnectFee is { } fee) Price(fee, "connectFee", error);
        if (v.FirstInterval is { } first && first is < 1 or > 3600) error("firstInterval", "must be 1 to 3600 seconds");
        if (v.NextInterval is { } next && next is < 1 or > 3600) error("nextInterval", "must be 1 to 3600 seconds");
        if (v.GraceSeconds is { } grace && grace is < 0 or > 3600) error("graceSeconds", "must be 0 to 3600 seconds");
        if (v.EffectiveFrom is { } from && v.EffectiveTo is { } to && to <= from) error("effectiveTo", "must be after effectiveFrom");
    }

    public static string Normalize(string prefix)
    {
        var trimmed = prefix.Trim();
        return trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
    }

    /// <summary>A new rate from checked values, with the defaults filled in.</summary>
    public static Rate ToRate(long tariffId, RateValues v) => new()
    {
        TariffId = tariffId,
        Prefix = Normalize(v.Prefix!),
        PricePerMinute = v.PricePerMinute!.Value,
        ConnectFee = v.ConnectFee ?? 0m,
        FirstInterval = v.FirstInterval ?? DefaultInterval,
        NextInterval = v.NextInterval ?? DefaultInterval,
        GraceSeconds = v.GraceSeconds ?? 0,
        EffectiveFrom = v.EffectiveFrom ?? Rate.Always,
        EffectiveTo = v.EffectiveTo,
    };

    /// <summary>Whether two rates price calls the same way over the same days.</summary>
    public static bool SameTerms(Rate a, Rate b) =>
        a.PricePerMinute == b.PricePerMinute && a.ConnectFee == b.ConnectFee && a.FirstInterval == b.FirstInterval && a.NextInterval == b.NextInterval
        && a.GraceSeconds == b.GraceSeconds && a.EffectiveTo == b.EffectiveTo;

    private static void Price(decimal value, string field, Action<string, string> error)
    {
        if (value < 0) error(field, "must not be negative");
        else if (value >= 1_000_000_000m) error(field, "must be less than 1,000,000,000");
        else if (decimal.Round(value, 6) != value) error(field, "must have at most 6 decimals");
    }
}
