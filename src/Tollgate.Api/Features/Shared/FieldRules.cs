using System.Net.Mail;
using Tollgate.Api.Json;
using Tollgate.Domain.Access;
using Tollgate.Domain.Money;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Features.Shared;

/// <summary>Checks for the fields many bodies share (names, logins, passwords, e-mail, currency, time zone).</summary>
public static class FieldRules
{
    public static void Name(ValidationErrors errors, string field, string? value, int max = 200)
    {
        if (value is null) return;
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, "must not be blank");
        else if (value.Length > max) errors.Add(field, $"must be at most {max} characters long");
    }

    public static void Login(ValidationErrors errors, string field, string? value)
    {
        if (value is null) return;
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, "must not be blank");
        else if (value.Length > 120) errors.Add(field, "must be at most 120 characters long");
        else if (value.Any(char.IsWhiteSpace) || value.Any(char.IsControl)) errors.Add(field, "must not contain spaces or control characters");
    }

    public static void Password(ValidationErrors errors, string field, string? password, string? login)
    {
        if (password is null) return;
        foreach (var reason in PasswordPolicy.Check(password, login)) errors.Add(field, reason);
    }

    public static void Email(ValidationErrors errors, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > 254 || !MailAddress.TryCreate(value, out var address) || address.Address != value.Trim() || !value.Contains('@'))
            errors.Add(field, "must be an e-mail address such as bob@example.com");
    }

    public static void Currency(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !Domain.Money.Currency.IsKnown(value))
            errors.Add(field, "must be an ISO 4217 currency code such as USD or EUR");
    }

    public static void TimeZone(ValidationErrors errors, string field, string? value)
    {
        if (value is not null && !TimeZones.IsKnown(value))
            errors.Add(field, "must be an IANA time zone such as America/Vancouver or UTC");
    }

    /// <summary>A password without a login cannot be used to sign in, so it is refused rather than silently kept.</summary>
    public static void PasswordNeedsLogin(ValidationErrors errors, string? login, string? password)
    {
        if (password is not null && login is null) errors.Add("login", "is required when a password is given");
    }

    /// <summary>The canonical upper-case form of a currency code already checked by <see cref="Currency"/>.</summary>
    public static string NormalizeCurrency(string code) => Domain.Money.Currency.Of(code).Code;
}
