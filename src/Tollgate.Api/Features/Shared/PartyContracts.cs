using Tollgate.Api.Json;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Shared;

/// <summary>The body that creates a reseller or a customer: who it is, how it signs in, how it is billed.</summary>
/// <remarks><c>billingPeriod</c> defaults to monthly; <c>login</c> and <c>password</c> are optional (no web sign-in without them).</remarks>
public abstract record NewParty : IValidatable
{
    public required string Name { get; init; }
    public string? Login { get; init; }
    public string? Password { get; init; }
    public string? Email { get; init; }
    public required string Currency { get; init; }
    public BillingPeriodKind BillingPeriod { get; init; } = BillingPeriodKind.Monthly;
    public required string TimeZone { get; init; }

    public virtual void Validate(ValidationErrors errors)
    {
        FieldRules.Name(errors, "name", Name);
        FieldRules.Login(errors, "login", Login);
        FieldRules.Password(errors, "password", Password, Login);
        FieldRules.PasswordNeedsLogin(errors, Login, Password);
        FieldRules.Email(errors, "email", Email);
        FieldRules.Currency(errors, "currency", Currency);
        FieldRules.TimeZone(errors, "timeZone", TimeZone);
    }
}

/// <summary>The PATCH body of a reseller or customer: members present are changed, absent ones kept, null clears.</summary>
/// <remarks>The currency cannot change once charges may exist in it.</remarks>
public abstract record PartyPatch : IValidatable
{
    public Optional<string> Name { get; init; }
    public Optional<string?> Login { get; init; }
    public Optional<string> Password { get; init; }
    public Optional<string?> Email { get; init; }
    public Optional<string> Currency { get; init; }
    public Optional<BillingPeriodKind> BillingPeriod { get; init; }
    public Optional<string> TimeZone { get; init; }

    public virtual void Validate(ValidationErrors errors)
    {
        if (Name.HasValue) FieldRules.Name(errors, "name", Name.Value ?? "");
        if (Login.HasValue) FieldRules.Login(errors, "login", Login.Value);
        if (Password.HasValue) FieldRules.Password(errors, "password", Password.Value ?? "", Login.HasValue ? Login.Value : null);
        if (Email.HasValue) FieldRules.Email(errors, "email", Email.Value);
        if (Currency.HasValue) errors.Add("currency", "cannot be changed once created");
        if (TimeZone.HasValue) FieldRules.TimeZone(errors, "timeZone", TimeZone.Value ?? "");
    }

    /// <summary>The members that are set, by JSON name (to check which a realm may change).</summary>
    public IEnumerable<string> Present()
    {
        if (Name.HasValue) yield return "name";
        if (Login.HasValue) yield return "login";
        if (Password.HasValue) yield return "password";
        if (Email.HasValue) yield return "email";
        if (BillingPeriod.HasValue) yield return "billingPeriod";
        if (TimeZone.HasValue) yield return "timeZone";
    }
}
