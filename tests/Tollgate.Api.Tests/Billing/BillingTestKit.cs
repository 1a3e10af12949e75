using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Tollgate.Api.Tests.Billing;

/// <summary>Starts apps for billing scenarios and drives the billing API the way a provider's portal would.</summary>
public static class BillingTestKit
{
    public const string Provider = "Panda Telecom";

    /// <summary>An app with its own clock set to <paramref name="at"/>; the scheduled job is off unless asked for.</summary>
    public static Task<TollgateTestApp> StartAsync(DbKind kind, DateTimeOffset? at = null, bool job = false, int batchSize = 500, int workers = 2,
        Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Tollgate:Billing:JobInterval"] = job ? "00:15:00" : "00:00:00",
            ["Tollgate:Billing:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Tollgate:Billing:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Tollgate:Billing:ProviderName"] = Provider,
            ["Tollgate:Billing:ProviderAddress"] = "A113 – 2099 Lougheed Hwy\nPort Coquitlam, BC",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return TollgateTestApp.StartAsync(kind, settings: values, services: services, clock: new FakeTimeProvider(at ?? TollgateTestApp.Start));
    }

    /// <summary>Moves the clock forward to an instant and signs the administrator in again (tokens expire as time passes).</summary>
    public static async Task<ApiClient> MoveToAsync(this TollgateTestApp app, string instant)
    {
        app.Clock.SetUtcNow(Utc(instant));
        return await app.AdminAsync();
    }

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static async Task<long> CreatePlanAsync(this ApiClient client, string kind, decimal fee, string activationMode = "startDate",
        string chargeMode = "inAdvance", int prepaidMonths = 1, bool moreThanOnce = false, bool shared = false, long? managedBy = null,
        string currency = "USD", string? name = null) =>
        (await client.PostAsync("/api/v1/subscriptions", new
        {
            name = name ?? TestData.Unique("Plan"), kind, fee, currency, activationMode, chargeMode, prepaidMonths,
            canBeAppliedMoreThanOnce = moreThanOnce, sharedWithResellers = shared, managedBy,
        })).ShouldHave(HttpStatusCode.Created).Id;

    public static async Task<long> CreateProductAsync(this ApiClient client, long[]? account = null, long[]? reseller = null, string kind = "main",
        bool shared = false, long? managedBy = null, bool anyMain = false, string? name = null) =>
        (await client.PostAsync("/api/v1/products", new
        {
            name = name ?? TestData.Unique("Product"), kind, sharedWithResellers = shared, managedBy, accountSubscriptionIds = account ?? [],
            resellerSubscriptionIds = reseller ?? [], allowedWithAnyMainProduct = anyMain, features = new { callRecording = true },
        })).ShouldHave(HttpStatusCode.Created).Id;

    public static async Task<long> CreateAccountWithProductAsync(this ApiClient client, long customerId, long? productId, string? activationDate = null,
        long[]? addons = null, string? accountId = null) =>
        (await client.PostAsync("/api/v1/accounts", new
        {
            accountId = accountId ?? TestData.Unique("acc"), customerId, productId, addonProductIds = addons ?? [], activationDate,
        })).ShouldHave(HttpStatusCode.Created).Id;

    /// <summary>Runs billing through a date and returns the run's summary.</summary>
    public static async Task<ApiResponse> RunBillingAsync(this ApiClient admin, string? through) =>
        (await admin.PostAsync("/api/v1/billing/runs", through is null ? new { } : new { through })).ShouldHave(HttpStatusCode.OK);

    public static async Task<IReadOnlyList<JsonElement>> ListAsync(this ApiClient client, string path)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return (await client.GetAsync($"{path}{separator}limit=1000")).ShouldHave(HttpStatusCode.OK).Items;
    }

    public static async Task<IReadOnlyList<JsonElement>> InvoicesAsync(this ApiClient client, string payer, long id) =>
        await client.ListAsync($"/api/v1/invoices?{payer}Id={id}");

    public static async Task<IReadOnlyList<JsonElement>> XdrsAsync(this ApiClient client, string payer, long id) =>
        await client.ListAsync($"/api/v1/xdrs?{payer}Id={id}");

    public static decimal Decimal(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static long Long(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
}
