using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tollgate.Api.Tests.Auth;

/// <summary>One signed-in client per realm of one tenant: what a test needs to try "one token for every API".</summary>
/// <param name="Individual">A customer individual with the role the test asked for.</param>
/// <param name="Account">The account realm: <see cref="AccountId"/> signed in itself.</param>
public sealed record RealmClients(
    ApiClient Admin, ApiClient Reseller, ApiClient Customer, ApiClient Individual, ApiClient Account, long CustomerId, string AccountId,
    TestIndividual IndividualInfo)
{
    public IEnumerable<(string Realm, ApiClient Client)> All =>
        [("admin", Admin), ("reseller", Reseller), ("customer", Customer), ("customer", Individual), ("account", Account)];

    /// <summary>A reseller, its customer, an account of it with web sign-in, and an individual with <paramref name="individualPermissions"/>.</summary>
    public static async Task<RealmClients> CreateAsync(TollgateTestApp api, Mailbox mail, object individualPermissions)
    {
        var admin = await api.AdminAsync();
        var resellerLogin = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(resellerLogin);
        var reseller = await api.SignInAsync("reseller", resellerLogin, TestData.Password);
        var customerLogin = TestData.Unique("cus");
        var customerId = await reseller.CreateCustomerAsync(resellerId, customerLogin);
        var customer = await api.SignInAsync("customer", customerLogin, TestData.Password);
        var accountId = TestData.Unique("acc");
        await reseller.CreateAccountAsync(customerId, accountId, webSignIn: true);
        var account = await api.SignInAsync("account", accountId, TestData.Password);
        var role = await admin.CreateRoleAsync(individualPermissions);
        await admin.AllowRolesAsync(customerId, role);
        var info = await customer.CreateIndividualAsync(customerId, role);
        var individual = await api.ActivateAsync(mail, info);
        return new RealmClients(admin, reseller, customer, individual, account, customerId, accountId, info);
    }
}

/// <summary>Makes access tokens the way an attacker or a rotated api would: other keys, audiences, issuers, times.</summary>
public static class TokenKit
{
    /// <summary>A token's own claims, without those the signer sets (audience, issuer, times).</summary>
    public static Dictionary<string, object> ClaimsOf(string token) =>
        new JsonWebToken(token).Claims.Where(c => c.Type is not ("aud" or "iss" or "exp" or "iat" or "nbf")).ToDictionary(c => c.Type, c => (object)c.Value);

    public static string Sign(Dictionary<string, object> claims, SecurityKey key, DateTime issued, TimeSpan lifetime,
        string audience = "tollgate-api", string issuer = "tollgate") =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, IssuedAt = issued, NotBefore = issued, Expires = issued + lifetime, Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });

    /// <summary>The same token, sent to another host.</summary>
    public static ApiClient On(this TollgateTestApp host, string? token)
    {
        var client = host.Anonymous();
        client.AccessToken = token;
        return client;
    }
}
