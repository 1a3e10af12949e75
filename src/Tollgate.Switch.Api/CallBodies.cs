using Tollgate.Api.Json;
using Tollgate.Switch.Control;

namespace Tollgate.Switch.Api;

/// <summary><c>POST /api/v1/calls</c>: ring <see cref="From"/>'s phone, then call <see cref="To"/> for it.</summary>
public sealed record OriginateBody : IValidatable
{
    /// <summary>The <c>accountId</c> of an account in the caller's scope, with a registered phone.</summary>
    public required string From { get; init; }

    /// <summary>What that phone would dial: an extension, an account, an alias (DID) or a number.</summary>
    public required string To { get; init; }

    public void Validate(ValidationErrors errors)
    {
        Destinations.CheckAccountId(errors, "from", From);
        Destinations.Check(errors, "to", To);
    }
}

/// <summary><c>POST /api/v1/calls/{id}/transfer</c>: connect a party of the call to <see cref="To"/> instead.</summary>
public sealed record TransferBody : IValidatable
{
    /// <summary>The new destination, as a phone would dial it.</summary>
    public required string To { get; init; }

    /// <summary>Which party is transferred (<c>caller</c> or <c>callee</c>); by default the remote party (see docs/call-control.md).</summary>
    public CallSide? Party { get; init; }

    public void Validate(ValidationErrors errors) => Destinations.Check(errors, "to", To);
}

/// <summary>What a dialled destination or an account id may look like: what fits in the user part of a SIP URI unescaped.</summary>
public static class Destinations
{
    public const int MaxLength = 64;

    public static void Check(ValidationErrors errors, string field, string? value) =>
        Rule(errors, field, value, c => c is '+' or '*' or '.' or '-' or '_',
            "may contain only letters, digits and + * . - _ (an extension, an account id or a number such as +12095550000)");

    /// <summary>An account id, as the accounts API allows it: letters, digits and <c>. - _ + @</c>.</summary>
    public static void CheckAccountId(ValidationErrors errors, string field, string? value) =>
        Rule(errors, field, value, c => c is '.' or '-' or '_' or '+' or '@', "may contain only letters, digits and . - _ + @ (an account id such as ph46170x466)");

    private static void Rule(ValidationErrors errors, string field, string? value, Func<char, bool> punctuation, string reason)
    {
        if (value is null) return;
        if (value.Length == 0) errors.Add(field, "must not be empty");
        else if (value.Length > MaxLength) errors.Add(field, $"must be at most {MaxLength} characters long");
        else if (!value.All(c => char.IsAsciiLetterOrDigit(c) || punctuation(c))) errors.Add(field, reason);
    }
}
