using System.Net;

namespace Tollgate.Testing;

/// <summary>Creates resellers, customers and accounts through the API with unique names, for tests to build on.</summary>
public static class TestData
{
    public const string Password = "party-password-1";

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static async Task<long> CreateResellerAsync(this ApiClient admin, string? login = null, string currency = "USD",
        string timeZone = "UTC", string billingPeriod = "monthly", string? name = null)
    {
        var response = await admin.PostAsync("/api/v1/resellers", new
        {
            name = name ?? Unique("Reseller"), login, password = login is null ? null : Password, currency, timeZone, billingPeriod,
        });
        return response.ShouldHave(HttpStatusCode.Created).Id;
    }

    public static async Task<long> CreateCustomerAsync(this ApiClient caller, long? resellerId = null, string? login = null,
        string currency = "USD", string timeZone = "UTC", string billingPeriod = "monthly", string? name = null)
    {
        var response = await caller.PostAsync("/api/v1/customers", new
        {
            name = name ?? Unique("Customer"), resellerId, login, password = login is null ? null : Password, currency, timeZone,
            billingPeriod,
        });
        return response.ShouldHave(HttpStatusCode.Created).Id;
    }

    public static async Task<long> CreateAccountAsync(this ApiClient caller, long customerId, string? accountId = null, bool webSignIn = false)
    {
        var response = await caller.PostAsync("/api/v1/accounts", new
        {
            accountId = accountId ?? Unique("acc"), customerId, password = webSignIn ? Password : null,
        });
        return response.ShouldHave(HttpStatusCode.Created).Id;
    }
}
