using System.Security.Claims;
using Tollgate.Data.Access;
using Tollgate.Data.Audit;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Access;

/// <summary>Who is calling: read once from a validated access token and used for every decision of the request.</summary>
public sealed record Caller(
    Realm Realm,
    CredentialOwner Owner,
    long OwnerId,
    Guid SessionId,
    string Login,
    long? ResellerId,
    long? CustomerId,
    long? AccountId)
{
    /// <summary>The part of the installation this caller may see.</summary>
    public TenantScope Scope => Realm switch
    {
        Realm.Admin => TenantScope.Administrator,
        Realm.Reseller => TenantScope.OfReseller(ResellerId!.Value),
        Realm.Customer => TenantScope.OfCustomer(CustomerId!.Value, ResellerId),
        Realm.Account => TenantScope.OfAccount(AccountId!.Value, CustomerId!.Value, ResellerId),
        _ => TenantScope.Nobody,
    };

    /// <summary>A customer individual (an employee with a role) rather than the customer's own main login.</summary>
    public bool IsIndividual => Owner == CredentialOwner.Individual;

    /// <summary>How the caller is named in the audit trail and logs.</summary>
    public string Describe() => $"{Owner.ToString().ToLowerInvariant()} {OwnerId} ({Login})";

    /// <summary>The caller as the author of the changes it makes (see <see cref="Data.TollgateDb.Actor"/>).</summary>
    public AuditActor Actor => new(Owner.ToString().ToLowerInvariant(), OwnerId, Login);

    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!RealmExtensions.TryParse(principal.FindFirstValue(TokenClaims.Realm), out var realm)) return null;
        if (!Enum.TryParse<CredentialOwner>(principal.FindFirstValue(TokenClaims.Owner), ignoreCase: true, out var owner)) return null;
        if (!long.TryParse(principal.FindFirstValue(TokenClaims.OwnerId), out var ownerId)) return null;
        if (!Guid.TryParse(principal.FindFirstValue(TokenClaims.Session), out var session)) return null;
        var caller = new Caller(realm, owner, ownerId, session, principal.FindFirstValue(TokenClaims.Login) ?? "",
            Long(principal, TokenClaims.Reseller), Long(principal, TokenClaims.Customer), Long(principal, TokenClaims.Account));
        // A token that lacks the tenant ids its realm needs is malformed, not a wider scope.
        return realm switch
        {
            Realm.Reseller when caller.ResellerId is null => null,
            Realm.Customer when caller.CustomerId is null => null,
            Realm.Account when caller.AccountId is null || caller.CustomerId is null => null,
            _ => caller,
        };
    }

    private static long? Long(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirstValue(type), out var value) ? value : null;
}

/// <summary>The claims Tollgate puts in its access tokens.</summary>
public static class TokenClaims
{
    public const string Realm = "realm";
    public const string Owner = "owner";
    public const string OwnerId = "oid";
    public const string Session = "sid";
    public const string Login = "login";
    public const string Reseller = "reseller_id";
    public const string Customer = "customer_id";
    public const string Account = "account_id";
}

/// <summary>Holds the <see cref="Caller"/> of the current request; set by the authentication step.</summary>
public sealed class CallerAccessor
{
    public Caller? Caller { get; set; }

    public TenantScope Scope => Caller?.Scope ?? TenantScope.Nobody;

    /// <summary>The caller of an endpoint that requires sign-in (the access filter guarantees one).</summary>
    public Caller Required => Caller ?? throw new InvalidOperationException("This endpoint requires a signed-in caller.");
}
