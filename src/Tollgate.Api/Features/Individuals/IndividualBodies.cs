using Tollgate.Api.Features.Shared;
using Tollgate.Api.Json;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Individuals;

/// <summary>A new customer individual. The password is never given here: the individual sets it with the e-mailed link.</summary>
public sealed record CreateIndividual : IValidatable
{
    /// <summary>The sign-in login, unique in the customer realm (customers' main logins included).</summary>
    public required string Login { get; init; }

    /// <summary>Where the credentials e-mail goes.</summary>
    public required string Email { get; init; }

    public required string FirstName { get; init; }
    public string? LastName { get; init; }

    /// <summary>One of the customer's allowed roles.</summary>
    public required long RoleId { get; init; }

    /// <summary>The IANA zone of the dates; the customer's zone when absent.</summary>
    public string? TimeZone { get; init; }

    public DateOnly? ActivationDate { get; init; }
    public DateOnly? ExpirationDate { get; init; }

    public void Validate(ValidationErrors errors)
    {
        FieldRules.Login(errors, "login", Login);
        FieldRules.Email(errors, "email", Email);
        FieldRules.Name(errors, "firstName", FirstName, 100);
        FieldRules.Name(errors, "lastName", LastName, 100);
        FieldRules.TimeZone(errors, "timeZone", TimeZone);
        IndividualRules.Dates(errors, ActivationDate, ExpirationDate);
    }
}

/// <summary>A change of an individual: members present are changed; null clears the optional ones.</summary>
public sealed record UpdateIndividual : IValidatable
{
    public Optional<string> Login { get; init; }
    public Optional<string> Email { get; init; }
    public Optional<string> FirstName { get; init; }
    public Optional<string?> LastName { get; init; }
    public Optional<long> RoleId { get; init; }
    public Optional<string> TimeZone { get; init; }
    public Optional<DateOnly?> ActivationDate { get; init; }
    public Optional<DateOnly?> ExpirationDate { get; init; }

    public void Validate(ValidationErrors errors)
    {
        if (Login.HasValue) FieldRules.Login(errors, "login", Login.Value ?? "");
        if (Email.HasValue) FieldRules.Email(errors, "email", Email.Value ?? "");
        if (FirstName.HasValue) FieldRules.Name(errors, "firstName", FirstName.Value ?? "", 100);
        if (LastName.HasValue) FieldRules.Name(errors, "lastName", LastName.Value, 100);
        if (TimeZone.HasValue) FieldRules.TimeZone(errors, "timeZone", TimeZone.Value ?? "");
        if (ActivationDate.HasValue && ExpirationDate.HasValue) IndividualRules.Dates(errors, ActivationDate.Value, ExpirationDate.Value);
    }
}

/// <summary>An individual as the API shows it; <c>status</c> is where today falls between its dates.</summary>
public sealed record IndividualResponse(
    long Id, long CustomerId, string Login, string Email, string FirstName, string? LastName, long RoleId, string RoleName,
    string TimeZone, DateOnly? ActivationDate, DateOnly? ExpirationDate, ValidityState Status, bool PasswordSet, DateTime CreatedAt);

/// <summary>What a credentials e-mail was sent with.</summary>
public sealed record CredentialsEmailResponse(string SentTo, DateTime LinkExpiresAt);

/// <summary>Rules on individuals' fields that do not depend on stored data.</summary>
public static class IndividualRules
{
    public static void Dates(ValidationErrors errors, DateOnly? activation, DateOnly? expiration)
    {
        if (activation is { } from && expiration is { } through && through < from)
            errors.Add("expirationDate", $"must not be before the activation date {from:yyyy-MM-dd} (both days are included)");
    }
}
