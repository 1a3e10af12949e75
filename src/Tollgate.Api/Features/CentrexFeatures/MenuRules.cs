using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Centrex;
using Tollgate.Data.CentrexFeatures;
using Tollgate.Domain.Centrex;

namespace Tollgate.Api.Features.CentrexFeatures;

/// <summary>The rules that look at an auto attendant's menus together: where actions point, and which menu answers when.</summary>
/// <remarks>
/// <para>
/// A menu is saved only if every action points at something that exists: a go-to-menu at a menu of the same auto
/// attendant, a transfer, dial or voicemail at an extension number of the same customer. Otherwise the save is refused
/// with each offending action named and why (404, as for any reference to something that does not exist).
/// </para>
/// <para>
/// Targets can disappear later (an extension deleted); reading a menu then lists its <c>brokenTargets</c>, with the
/// same reasons, so a portal can show what needs fixing. A menu another menu leads to cannot be deleted.
/// </para>
/// </remarks>
public static class MenuRules
{
    /// <summary>Every action of a menu with its path in the menu's JSON (<c>keys.1</c>, <c>timeoutAction</c> …).</summary>
    public static IEnumerable<(string Field, MenuAction Action)> ActionsOf(AutoAttendantMenu menu)
    {
        foreach (var (key, action) in MenuJson.ReadKeys(menu.Keys)) yield return ($"keys.{key}", action);
        yield return ("timeoutAction", MenuJson.ReadAction(menu.TimeoutAction));
        yield return ("invalidInputAction", MenuJson.ReadAction(menu.InvalidInputAction));
    }

    /// <summary>For each of <paramref name="menus"/> (of one customer), its actions whose target does not exist, by field, with the reason.</summary>
    /// <param name="menuIds">The menus of the auto attendant, which go-to-menu actions may name.</param>
    public static async Task<Dictionary<AutoAttendantMenu, Dictionary<string, string[]>>> BrokenTargetsAsync(
        TollgateDb db, long customerId, IReadOnlyList<AutoAttendantMenu> menus, IReadOnlyCollection<long> menuIds, CancellationToken ct)
    {
        var actions = menus.ToDictionary(m => m, m => ActionsOf(m).ToList());
        var numbers = actions.Values.SelectMany(a => a).Select(a => a.Action.Extension).OfType<string>().Distinct().ToList();
        var existing = numbers.Count == 0
            ? []
            : await db.Extensions.Where(e => e.CustomerId == customerId && e.Number != null && numbers.Contains(e.Number))
                .Select(e => e.Number!).ToListAsync(ct);
        var result = new Dictionary<AutoAttendantMenu, Dictionary<string, string[]>>();
        foreach (var (menu, list) in actions)
        {
            var broken = new Dictionary<string, string[]>();
            foreach (var (field, action) in list)
            {
                if (action.Extension is { } number && !existing.Contains(number))
                    broken[$"{field}.extension"] = [$"there is no extension {number} in this PBX"];
                if (action.MenuId is { } target && !menuIds.Contains(target))
                    broken[$"{field}.menuId"] = [$"there is no menu {target} in this auto attendant"];
            }
            result[menu] = broken;
        }
        return result;
    }

    public static Problem TargetsMissing(Dictionary<string, string[]> broken) =>
        new(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "An action points at something that does not exist.",
            string.Join("; ", broken.Select(b => $"{b.Key}: {b.Value[0]}")) + ".")
        { Errors = broken };

    /// <summary>Why <paramref name="menu"/>'s schedule cannot stand beside the other menus', or null.</summary>
    public static Problem? ScheduleConflict(AutoAttendantMenu menu, IEnumerable<AutoAttendantMenu> others)
    {
        if (MenuJson.ReadSchedule(menu.Schedule) is not { } mine) return null;
        foreach (var other in others)
        {
            if (other.Id == menu.Id || MenuJson.ReadSchedule(other.Schedule) is not { } theirs) continue;
            var reason = mine.Always && theirs.Always
                ? $"menu '{other.Name}' is already the fallback (always); an auto attendant has one"
                : mine.OverlapWith(theirs) is { } when ? $"overlaps menu '{other.Name}' on {when}" : null;
            if (reason is not null)
                return Problem.Conflict($"The schedule {reason}.") with { Errors = new Dictionary<string, string[]> { ["schedule"] = [reason] } };
        }
        return null;
    }

    /// <summary>The menus whose actions lead to <paramref name="menuId"/>, described for a refusal to delete it.</summary>
    public static IReadOnlyList<string> Referrers(long menuId, IEnumerable<AutoAttendantMenu> menus) =>
        menus.Where(m => m.Id != menuId)
            .SelectMany(m => ActionsOf(m).Where(a => a.Action.MenuId == menuId).Select(a => $"menu '{m.Name}' ({a.Field})"))
            .ToList();
}
