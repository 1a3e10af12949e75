namespace Tollgate.Billing;

/// <summary>Why a billing operation was refused: an expected failure, returned as a value.</summary>
/// <remarks>The API turns each kind into its RFC 9457 problem; <see cref="Field"/> names the request member concerned.</remarks>
public sealed record BillingError(BillingErrorKind Kind, string Detail, string? Field = null)
{
    /// <summary>A referenced object does not exist or is outside the caller's scope.</summary>
    public static BillingError NotFound(string field, string what, long id) => new(BillingErrorKind.NotFound, $"There is no {what} {id}.", field);

    /// <summary>Well-formed, but not possible in the current state (422).</summary>
    public static BillingError Unprocessable(string detail, string? field = null) => new(BillingErrorKind.Unprocessable, detail, field);

    /// <summary>The same thing exists already (409).</summary>
    public static BillingError Duplicate(string detail, string? field = null) => new(BillingErrorKind.Duplicate, detail, field);

    /// <summary>The object's state forbids the change (409).</summary>
    public static BillingError Conflict(string detail) => new(BillingErrorKind.Conflict, detail);

    /// <summary>The caller may see the object but not change it this way (403).</summary>
    public static BillingError Forbidden(string detail) => new(BillingErrorKind.Forbidden, detail);
}

/// <summary>The kinds of <see cref="BillingError"/>.</summary>
public enum BillingErrorKind
{
    NotFound,
    Unprocessable,
    Duplicate,
    Conflict,
    Forbidden,
}
