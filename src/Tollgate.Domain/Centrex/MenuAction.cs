using System.Text.Json.Serialization;

namespace Tollgate.Domain.Centrex;

/// <summary>What an auto attendant does when a caller presses a key, waits too long, or presses a key the menu does not use.</summary>
public enum MenuActionKind
{
    /// <summary>Ring an extension of the customer (<see cref="MenuAction.Extension"/>).</summary>
    TransferToExtension,

    /// <summary>Call a number outside the PBX (<see cref="MenuAction.Number"/>), billed to the auto attendant's account.</summary>
    TransferToNumber,

    /// <summary>Play another menu of the same auto attendant (<see cref="MenuAction.MenuId"/>; the menu itself replays it).</summary>
    GoToMenu,

    /// <summary>Let the caller leave a message: in <see cref="MenuAction.Extension"/>'s mailbox, or the auto attendant's own.</summary>
    Voicemail,

    /// <summary>Let the caller type an extension number and ring it.</summary>
    DialByExtension,

    /// <summary>Play this menu again.</summary>
    Repeat,

    /// <summary>Hang up.</summary>
    Disconnect,
}

/// <summary>One action of an auto attendant menu; which targets it carries depends on <see cref="Action"/>.</summary>
public sealed record MenuAction(
    MenuActionKind Action,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Extension = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Number = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MenuId = null)
{
    /// <summary>The keys a caller can press, in keypad order.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

    public static MenuAction Disconnect { get; } = new(MenuActionKind.Disconnect);
    public static MenuAction Repeat { get; } = new(MenuActionKind.Repeat);

    /// <summary>What is wrong with the action's shape (a target missing, or given to an action that takes none), by member name.</summary>
    /// <remarks>Whether the extension or menu exists is for the caller to check: it needs the database.</remarks>
    public IEnumerable<(string Member, string Reason)> Problems()
    {
        var name = Name(Action);
        switch (Action)
        {
            case MenuActionKind.TransferToExtension:
                if (Extension is null) yield return ("extension", $"is required for {name}");
                break;
            case MenuActionKind.Voicemail:
                break;
            default:
                if (Extension is not null) yield return ("extension", $"applies only to transferToExtension and voicemail, not {name}");
                break;
        }
        if (Extension is not null && PbxNumbers.CheckExtension(Extension) is { } bad) yield return ("extension", bad);

        if (Action == MenuActionKind.TransferToNumber)
        {
            if (Number is null) yield return ("number", $"is required for {name}");
            else if (CheckNumber(Number) is { } why) yield return ("number", why);
        }
        else if (Number is not null) yield return ("number", $"applies only to transferToNumber, not {name}");

        if (Action == MenuActionKind.GoToMenu && MenuId is null) yield return ("menuId", $"is required for {name}");
        else if (Action != MenuActionKind.GoToMenu && MenuId is not null) yield return ("menuId", $"applies only to goToMenu, not {name}");
    }

    /// <summary>The JSON name of an action kind, for example <c>transferToExtension</c>.</summary>
    public static string Name(MenuActionKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];

    /// <summary>A number to call outside the PBX: 3 to 15 digits, optionally after a '+'.</summary>
    public static string? CheckNumber(string number)
    {
        var digits = number.StartsWith('+') ? number[1..] : number;
        if (digits.Length == 0 || digits.Any(c => c is < '0' or > '9')) return "must be a phone number of digits, optionally starting with + (for example 12095550000)";
        return digits.Length is < 3 or > 15 ? $"must have 3 to 15 digits; it has {digits.Length}" : null;
    }
}
