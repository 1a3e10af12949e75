namespace Tollgate.Billing;

/// <summary>The value of an operation that may be refused with a <see cref="BillingError"/>.</summary>
public readonly record struct Outcome<T>(T? Value, BillingError? Error)
{
    public bool Failed => Error is not null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(BillingError error) => new(default, error);
}
