using Tollgate.Domain.Time;

namespace Tollgate.Domain.Access;

/// <summary>When a customer individual's credentials work: from an activation date through an expiration date, in its zone.</summary>
/// <remarks>
/// <para>
/// Both dates are optional and inclusive, and they are calendar dates in <see cref="TimeZone"/>: an activation date of
/// 20 April means from the first moment of 20 April there; an expiration date of 30 June means through the last moment
/// of 30 June there, so <see cref="ValidUntil"/> is the start of 1 July. In Pacific/Kiritimati (UTC+14) that is
/// 10:00 UTC the day before; in Pacific/Pago_Pago (UTC−11), 11:00 UTC on 1 July.
/// </para>
/// <para>When midnight does not exist in the zone (a daylight-saving jump), the day starts at its first valid moment.</para>
/// </remarks>
public sealed record ValidityPeriod(DateOnly? ActivationDate, DateOnly? ExpirationDate, string TimeZone)
{
    /// <summary>The first instant the credentials work, or null when they work from the start.</summary>
    public DateTimeOffset? ActiveFrom => ActivationDate is { } d ? TimeZones.StartOf(d, TimeZone) : null;

    /// <summary>The first instant the credentials no longer work (exclusive end), or null when they never expire.</summary>
    /// <remarks>An expiration on the calendar's last day (9999-12-31, a common way to write "no end") has no day after it: it never expires.</remarks>
    public DateTimeOffset? ValidUntil =>
        ExpirationDate is { } d && d < DateOnly.MaxValue ? TimeZones.StartOf(d.AddDays(1), TimeZone) : null;

    public ValidityState StateAt(DateTimeOffset instant)
    {
        if (ActiveFrom is { } from && instant < from) return ValidityState.NotYetActive;
        if (ValidUntil is { } until && instant >= until) return ValidityState.Expired;
        return ValidityState.Active;
    }
}

/// <summary>Where an instant falls in a <see cref="ValidityPeriod"/>.</summary>
public enum ValidityState
{
    NotYetActive,
    Active,
    Expired,
}
