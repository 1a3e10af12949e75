namespace Tollgate.Domain.Access;

/// <summary>The kind of party a caller signs in as; it decides which objects the caller can reach.</summary>
public enum Realm
{
    /// <summary>The provider's staff: sees every tenant.</summary>
    Admin,

    /// <summary>A reseller: sees itself, its customers and their accounts.</summary>
    Reseller,

    /// <summary>A customer (main login or one of its individuals): sees itself and its accounts.</summary>
    Customer,

    /// <summary>An account (a subscriber line): sees only itself.</summary>
    Account,
}

/// <summary>A set of realms, used by endpoints to say who may call them.</summary>
[Flags]
public enum Realms
{
    None = 0,
    Admin = 1 << Realm.Admin,
    Reseller = 1 << Realm.Reseller,
    Customer = 1 << Realm.Customer,
    Account = 1 << Realm.Account,

    /// <summary>The provider and its resellers.</summary>
    Staff = Admin | Reseller,

    /// <summary>Everybody who can sign in.</summary>
    All = Admin | Reseller | Customer | Account,
}

/// <summary>Conversions between <see cref="Realm"/> and <see cref="Realms"/>.</summary>
public static class RealmExtensions
{
    public static Realms AsSet(this Realm realm) => (Realms)(1 << (int)realm);

    public static bool Contains(this Realms set, Realm realm) => (set & realm.AsSet()) != 0;

    /// <summary>The wire name of a realm, as used in sign-in bodies and token claims.</summary>
    public static string WireName(this Realm realm) => realm switch
    {
        Realm.Admin => "admin",
        Realm.Reseller => "reseller",
        Realm.Customer => "customer",
        Realm.Account => "account",
        _ => throw new ArgumentOutOfRangeException(nameof(realm)),
    };

    public static bool TryParse(string? wire, out Realm realm)
    {
        switch (wire)
        {
            case "admin": realm = Realm.Admin; return true;
            case "reseller": realm = Realm.Reseller; return true;
            case "customer": realm = Realm.Customer; return true;
            case "account": realm = Realm.Account; return true;
            default: realm = default; return false;
        }
    }
}
