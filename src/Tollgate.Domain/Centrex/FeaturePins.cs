namespace Tollgate.Domain.Centrex;

/// <summary>The PINs of IP Centrex features: a voicemail PIN, a conference room's participant and moderator PINs.</summary>
/// <remarks>
/// A PIN is typed on a phone keypad, so it is digits only: 4 to 10 for a mailbox, 4 to 8 for a conference room (read
/// out to participants). PINs that anyone would try first are refused: one digit repeated (0000) and a straight run
/// up or down (1234, 9876, 0123 …), whatever the length.
/// </remarks>
public static class FeaturePins
{
    public const int VoicemailMinDigits = 4;
    public const int VoicemailMaxDigits = 10;
    public const int ConferenceMinDigits = 4;
    public const int ConferenceMaxDigits = 8;

    /// <summary>Why <paramref name="pin"/> is not a good voicemail PIN, or null when it is one.</summary>
    public static string? CheckVoicemail(string pin) => Check(pin, VoicemailMinDigits, VoicemailMaxDigits);

    /// <summary>Why <paramref name="pin"/> is not a good conference room PIN, or null when it is one.</summary>
    public static string? CheckConference(string pin) => Check(pin, ConferenceMinDigits, ConferenceMaxDigits);

    private static string? Check(string pin, int min, int max)
    {
        if (pin.Length == 0 || pin.Any(c => c is < '0' or > '9')) return $"must be {min} to {max} digits";
        if (pin.Length < min || pin.Length > max) return $"must be {min} to {max} digits; it has {pin.Length}";
        if (pin.All(c => c == pin[0])) return "must not be one digit repeated";
        if (IsRun(pin, +1) || IsRun(pin, -1)) return "must not be a straight run of digits such as 1234";
        return null;
    }

    private static bool IsRun(string pin, int step)
    {
        for (var i = 1; i < pin.Length; i++)
            if (pin[i] - pin[i - 1] != step) return false;
        return true;
    }
}
