using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Domain.Centrex;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>An auto attendant menu as POST and PUT send it; a PUT changes only the members it sends, a POST needs <c>name</c>.</summary>
/// <remarks>
/// Nested members are read loosely and checked here, so every problem is reported with its path
/// (<c>keys.1.extension</c>, <c>schedule.periods[0].from</c>) in one answer, unknown nested members included.
/// </remarks>
public sealed record MenuBody : IValidatable
{
    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 60;
    public const int DefaultTimeoutSeconds = 10;

    public Optional<string?> Name { get; init; }
    public Optional<ScheduleBody?> Schedule { get; init; }
    public Optional<Dictionary<string, ActionBody>?> Keys { get; init; }
    public Optional<int> TimeoutSeconds { get; init; }
    public Optional<ActionBody?> TimeoutAction { get; init; }
    public Optional<ActionBody?> InvalidInputAction { get; init; }

    /// <summary>The schedule as read by <see cref="Validate"/> (when <see cref="Schedule"/> was sent).</summary>
    [JsonIgnore]
    public MenuSchedule? ParsedSchedule { get; private set; }

    /// <summary>The keys as read by <see cref="Validate"/> (when <see cref="Keys"/> was sent; null sent means none).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, MenuAction> ParsedKeys { get; private set; } = new Dictionary<string, MenuAction>();

    [JsonIgnore]
    public MenuAction? ParsedTimeoutAction { get; private set; }

    [JsonIgnore]
    public MenuAction? ParsedInvalidInputAction { get; private set; }

    public void Validate(ValidationErrors errors)
    {
        if (Name.HasValue)
        {
            if (Name.Value is null) errors.Add("name", "must not be null");
            else FieldRules.Name(errors, "name", Name.Value, 100);
        }
        if (Schedule.Value is { } schedule) ParsedSchedule = schedule.Read(errors, "schedule");
        if (Keys.Value is { } keys)
        {
            var parsed = new Dictionary<string, MenuAction>();
            foreach (var (key, action) in keys)
            {
                if (!MenuAction.Keys.Contains(key)) errors.Add($"keys.{key}", "is not a key of a phone keypad: use 0 to 9, * or #");
                else if (action is null) errors.Add($"keys.{key}", "must not be null; leave the key out to make it do nothing");
                else if (action.Read(errors, $"keys.{key}") is { } read) parsed[key] = read;
            }
            ParsedKeys = parsed;
        }
        if (TimeoutSeconds.HasValue && TimeoutSeconds.Value is < MinTimeoutSeconds or > MaxTimeoutSeconds)
            errors.Add("timeoutSeconds", $"must be from {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds");
        ParsedTimeoutAction = ReadAction(TimeoutAction, "timeoutAction", errors);
        ParsedInvalidInputAction = ReadAction(InvalidInputAction, "invalidInputAction", errors);
    }

    private static MenuAction? ReadAction(Optional<ActionBody?> member, string field, ValidationErrors errors)
    {
        if (!member.HasValue) return null;
        if (member.Value is null)
        {
            errors.Add(field, "must not be null; use {\"action\":\"disconnect\"} to hang up");
            return null;
        }
        return member.Value.Read(errors, field);
    }

    /// <summary>Reports the members of a nested object that this API does not know.</summary>
    internal static void Unknown(Dictionary<string, JsonElement>? unknown, ValidationErrors errors, string field)
    {
        foreach (var name in unknown?.Keys ?? Enumerable.Empty<string>()) errors.Add($"{field}.{name}", "is not a known field");
    }
}

/// <summary>One action as sent: <c>{"action":"transferToExtension","extension":"466"}</c>.</summary>
public sealed record ActionBody
{
    public string? Action { get; init; }
    public string? Extension { get; init; }
    public string? Number { get; init; }
    public long? MenuId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    private static readonly Dictionary<string, MenuActionKind> Kinds =
        Enum.GetValues<MenuActionKind>().ToDictionary(MenuAction.Name, k => k, StringComparer.OrdinalIgnoreCase);

    public MenuAction? Read(ValidationErrors errors, string field)
    {
        MenuBody.Unknown(Unknown, errors, field);
        if (Action is null)
        {
            errors.Add($"{field}.action", "is required");
            return null;
        }
        if (!Kinds.TryGetValue(Action, out var kind))
        {
            errors.Add($"{field}.action", $"must be one of: {string.Join(", ", Kinds.Keys)}");
            return null;
        }
        var action = new MenuAction(kind, Extension, Number, MenuId);
        var problems = action.Problems().ToList();
        foreach (var (member, reason) in problems) errors.Add($"{field}.{member}", reason);
        return problems.Count == 0 ? action : null;
    }
}

/// <summary>A schedule as sent: <c>{"always":true}</c> or <c>{"periods":[…]}</c>.</summary>
public sealed record ScheduleBody
{
    public bool? Always { get; init; }
    public IReadOnlyList<PeriodBody?>? Periods { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    public MenuSchedule? Read(ValidationErrors errors, string field)
    {
        MenuBody.Unknown(Unknown, errors, field);
        var always = Always == true;
        var periods = Periods ?? [];
        if (always == periods.Count > 0)
        {
            errors.Add(field, always
                ? "is either always (the fallback) or a list of periods, not both"
                : "needs \"always\": true or at least one period; send null for a menu reached only from other menus");
            return null;
        }
        if (always) return MenuSchedule.Fallback;
        var read = new List<WeeklyPeriod>();
        for (var i = 0; i < periods.Count; i++)
        {
            var path = $"{field}.periods[{i}]";
            if (periods[i] is not { } period) errors.Add(path, "must not be null");
            else if (period.Read(errors, path) is { } p) read.Add(p);
        }
        return read.Count == periods.Count ? new MenuSchedule(false, read) : null;
    }
}

/// <summary>A weekly period as sent: <c>{"days":["mon","tue"],"from":"09:00","to":"17:00"}</c>.</summary>
public sealed record PeriodBody
{
    public IReadOnlyList<string>? Days { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    public WeeklyPeriod? Read(ValidationErrors errors, string field)
    {
        var count = CountOf(errors);
        MenuBody.Unknown(Unknown, errors, field);
        var days = new HashSet<IsoDayOfWeek>();
        if (Days is not { Count: > 0 }) errors.Add($"{field}.days", $"must list one or more of: {string.Join(", ", WeeklyPeriod.DayNames)}");
        else
        {
            foreach (var name in Days)
            {
                if (!WeeklyPeriod.TryParseDay(name, out var day)) errors.Add($"{field}.days", $"'{name}' is not one of: {string.Join(", ", WeeklyPeriod.DayNames)}");
                else if (!days.Add(day)) errors.Add($"{field}.days", $"lists {WeeklyPeriod.DayName(day)} twice");
            }
        }
        var from = WeeklyPeriod.ParseClock(From, allowMidnightEnd: false);
        var to = WeeklyPeriod.ParseClock(To, allowMidnightEnd: true);
        if (from is null) errors.Add($"{field}.from", "must be a time of day HH:MM from 00:00 to 23:59");
        if (to is null) errors.Add($"{field}.to", "must be a time of day HH:MM from 00:01 to 24:00");
        if (from is not null && to is not null && to <= from)
            errors.Add($"{field}.to", "must be after from; split a period across midnight in two (…–24:00 and 00:00–…)");
        return CountOf(errors) == count ? new WeeklyPeriod(days, from!.Value, to!.Value) : null;
    }

    private static int CountOf(ValidationErrors errors) => errors.ToDictionary().Sum(e => e.Value.Length);
}
