using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Tollgate.Domain.Centrex;

/// <summary>The stored (and wire) JSON of auto attendant schedules and actions, shared by the API that writes them and the switch that reads them.</summary>
/// <remarks>
/// A schedule is <c>{"always":true}</c> or <c>{"periods":[{"days":["mon","tue"],"from":"09:00","to":"17:00"}]}</c>; an
/// action is <c>{"action":"transferToExtension","extension":"466"}</c> with only the targets it uses; the keys of a
/// menu are an object from key to action.
/// </remarks>
public static class MenuJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The form a schedule has on the wire.</summary>
    public sealed record ScheduleShape(bool? Always, IReadOnlyList<PeriodShape>? Periods);

    /// <summary>The form a weekly period has on the wire.</summary>
    public sealed record PeriodShape(IReadOnlyList<string> Days, string From, string To);

    public static ScheduleShape Shape(MenuSchedule schedule) => schedule.Always
        ? new ScheduleShape(true, null)
        : new ScheduleShape(null, schedule.Periods.Select(p =>
            new PeriodShape(p.Days.Order().Select(WeeklyPeriod.DayName).ToList(), WeeklyPeriod.Clock(p.From), WeeklyPeriod.Clock(p.To))).ToList());

    public static string Write(MenuSchedule schedule) => JsonSerializer.Serialize(Shape(schedule), Options);

    public static string Write(MenuAction action) => JsonSerializer.Serialize(action, Options);

    public static string Write(IReadOnlyDictionary<string, MenuAction> keys) =>
        JsonSerializer.Serialize(MenuAction.Keys.Where(keys.ContainsKey).ToDictionary(k => k, k => keys[k]), Options);

    /// <summary>Reads a stored schedule (written by <see cref="Write(MenuSchedule)"/>, so known to be well formed).</summary>
    public static MenuSchedule? ReadSchedule(string? json)
    {
        if (json is null) return null;
        var shape = JsonSerializer.Deserialize<ScheduleShape>(json, Options)!;
        if (shape.Always == true) return MenuSchedule.Fallback;
        return new MenuSchedule(false, (shape.Periods ?? []).Select(p => new WeeklyPeriod(
            p.Days.Select(d => WeeklyPeriod.TryParseDay(d, out var day) ? day : IsoDayOfWeek.None).ToHashSet(),
            WeeklyPeriod.ParseClock(p.From, false) ?? 0, WeeklyPeriod.ParseClock(p.To, true) ?? 0)).ToList());
    }

    public static MenuAction ReadAction(string json) => JsonSerializer.Deserialize<MenuAction>(json, Options)!;

    public static IReadOnlyDictionary<string, MenuAction> ReadKeys(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, MenuAction>>(json, Options)!;
}
