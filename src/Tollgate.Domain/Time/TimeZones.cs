using NodaTime;

namespace Tollgate.Domain.Time;

/// <summary>IANA time zones, as the whole product names them.</summary>
public static class TimeZones
{
    /// <summary>The zone with this IANA id (for example <c>Pacific/Kiritimati</c>), or null when unknown.</summary>
    public static DateTimeZone? Find(string? id) =>
        id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static bool IsKnown(string? id) => Find(id) is not null;

    /// <summary>The calendar date at an instant in a zone.</summary>
    public static DateOnly DateAt(DateTimeOffset instant, string zoneId)
    {
        var zone = Find(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        return Instant.FromDateTimeOffset(instant).InZone(zone).Date.ToDateOnly();
    }

    /// <summary>The instant a calendar date starts in a zone (the first valid moment if midnight is skipped by DST).</summary>
    public static DateTimeOffset StartOf(DateOnly date, string zoneId)
    {
        var zone = Find(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        return LocalDate.FromDateOnly(date).AtStartOfDayInZone(zone).ToDateTimeOffset();
    }
}
