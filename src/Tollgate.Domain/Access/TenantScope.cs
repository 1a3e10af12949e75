namespace Tollgate.Domain.Access;

/// <summary>What part of the installation a caller may see: the one place tenant isolation is decided.</summary>
/// <remarks>
/// The data layer turns a scope into query filters on every tenant-owned table, so an object outside the scope is
/// simply not found (404), exactly as if it did not exist. <see cref="System"/> is for background jobs and sign-in,
/// which must see everything; <see cref="Nobody"/> is the safe default when no caller is known.
/// </remarks>
public sealed record TenantScope
{
    private TenantScope(ScopeKind kind, long? resellerId, long? customerId, long? accountId)
    {
        Kind = kind;
        ResellerId = resellerId;
        CustomerId = customerId;
        AccountId = accountId;
    }

    public ScopeKind Kind { get; }
    public long? ResellerId { get; }
    public long? CustomerId { get; }
    public long? AccountId { get; }

    /// <summary>Sees everything: background jobs, migrations, the sign-in lookup.</summary>
    public static TenantScope System { get; } = new(ScopeKind.All, null, null, null);

    /// <summary>Sees nothing: the default for a context nobody scoped.</summary>
    public static TenantScope Nobody { get; } = new(ScopeKind.Nothing, null, null, null);

    public static TenantScope Administrator { get; } = new(ScopeKind.All, null, null, null);

    public static TenantScope OfReseller(long resellerId) => new(ScopeKind.Reseller, resellerId, null, null);

    public static TenantScope OfCustomer(long customerId, long? resellerId) =>
        new(ScopeKind.Customer, resellerId, customerId, null);

    public static TenantScope OfAccount(long accountId, long customerId, long? resellerId) =>
        new(ScopeKind.Account, resellerId, customerId, accountId);
}

/// <summary>The shape of a <see cref="TenantScope"/>.</summary>
public enum ScopeKind
{
    Nothing,
    All,
    Reseller,
    Customer,
    Account,
}
