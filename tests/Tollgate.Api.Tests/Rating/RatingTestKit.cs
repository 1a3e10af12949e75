using System.Text.Json;
using Tollgate.Api.Tests.Billing;
using Tollgate.Data.Calls;

namespace Tollgate.Api.Tests.Rating;

/// <summary>Drives tariffs, rates and CDR imports through the API, and stores switch CDRs, for rating scenarios.</summary>
public static class RatingTestKit
{
    public sealed record Rate(
        string Prefix, decimal PricePerMinute, decimal? ConnectFee = null, int? FirstInterval = null, int? NextInterval = null, int? GraceSeconds = null,
        string? EffectiveFrom = null, string? EffectiveTo = null);

    public sealed record Call(string CallId, string AccountId, string Callee, string ConnectTime, string DisconnectTime);

    public static async Task<long> CreateTariffAsync(this ApiClient client, string currency = "USD", string timeZone = "UTC", bool shared = false,
        long? managedBy = null, params Rate[] rates)
    {
        var id = (await client.PostAsync("/api/v1/tariffs", new { name = TestData.Unique("Tariff"), currency, timeZone, sharedWithResellers = shared, managedBy }))
            .ShouldHave(HttpStatusCode.Created).Id;
        foreach (var rate in rates) await client.AddRateAsync(id, rate);
        return id;
    }

    public static async Task<long> AddRateAsync(this ApiClient client, long tariffId, Rate rate) =>
        (await client.PostAsync($"/api/v1/tariffs/{tariffId}/rates", new
        {
            prefix = rate.Prefix, pricePerMinute = rate.PricePerMinute, connectFee = rate.ConnectFee, firstInterval = rate.FirstInterval,
            nextInterval = rate.NextInterval, graceSeconds = rate.GraceSeconds, effectiveFrom = rate.EffectiveFrom, effectiveTo = rate.EffectiveTo,
        })).ShouldHave(HttpStatusCode.Created).Id;

    /// <summary>A main product (no subscriptions unless given) whose accounts' calls are rated at <paramref name="tariffId"/>.</summary>
    public static async Task<long> CreateRatedProductAsync(this ApiClient admin, long? tariffId, long[]? account = null, long[]? reseller = null,
        bool shared = true)
    {
        var product = await admin.CreateProductAsync(account, reseller, shared: shared);
        if (tariffId is not null) (await admin.PatchAsync($"/api/v1/products/{product}", new { tariffId })).ShouldHave(HttpStatusCode.OK);
        return product;
    }

    public static async Task SetWholesaleTariffAsync(this ApiClient admin, long resellerId, long? tariffId) =>
        (await admin.PatchAsync($"/api/v1/resellers/{resellerId}", new { tariffId })).ShouldHave(HttpStatusCode.OK);

    public static Task<ApiResponse> ImportAsync(this ApiClient client, params Call[] calls) =>
        client.PostAsync("/api/v1/cdrs/import", calls.Select(c => new
        {
            callId = c.CallId, accountId = c.AccountId, callee = c.Callee, connectTime = c.ConnectTime, disconnectTime = c.DisconnectTime,
        }).ToArray());

    public static Task<ApiResponse> ImportCsvAsync(this ApiClient client, string csv) =>
        client.SendRawAsync(HttpMethod.Post, "/api/v1/cdrs/import", csv, "text/csv");

    /// <summary>A call of <paramref name="seconds"/> from <paramref name="start"/> (ISO, UTC).</summary>
    public static Call Lasting(string accountId, string callee, string start, int seconds, string? callId = null)
    {
        var from = BillingTestKit.Utc(start);
        return new Call(callId ?? TestData.Unique("call"), accountId, callee, from.ToString("O"), from.AddSeconds(seconds).ToString("O"));
    }

    /// <summary>The usage charges of a CDR, as the administrator sees them.</summary>
    public static async Task<IReadOnlyList<JsonElement>> UsageChargesAsync(this ApiClient client, long cdrId) =>
        await client.ListAsync($"/api/v1/xdrs?kind=usage&cdrId={cdrId}");

    /// <summary>The id of the CDR stored for a call id.</summary>
    public static async Task<long> CdrIdAsync(this TollgateTestApp app, string callId)
    {
        await using var db = app.Database();
        return db.Set<Cdr>().Single(c => c.CallId == callId).Id;
    }

    /// <summary>Stores a CDR as the switch does at the end of a call (rating is then asked to settle it).</summary>
    public static async Task<long> StoreSwitchCdrAsync(this TollgateTestApp app, string callId, long accountKey, long customerId, long? resellerId,
        string called, DateTime connect, int seconds, long? outgoingConnectionId = null, long? calleeAccountKey = null)
    {
        await using var db = app.Database();
        var cdr = new Cdr
        {
            CallId = callId, Source = CdrSource.Switch, AccountId = accountKey, CustomerId = customerId, ResellerId = resellerId,
            CallerAccountId = accountKey, CalleeAccountId = calleeAccountKey, OutgoingConnectionId = outgoingConnectionId, CallingNumber = "100",
            CalledNumber = called, SetupAt = connect.AddSeconds(-3), ConnectAt = connect, DisconnectAt = connect.AddSeconds(seconds),
            BilledEnd = connect.AddSeconds(seconds), BilledSeconds = seconds, FinalSipStatus = 200, DisconnectReason = "normal",
            DisconnectSide = "caller", CallerKeepAlive = "update", CalleeKeepAlive = "update", CreatedAt = connect.AddSeconds(seconds),
        };
        db.Add(cdr);
        await db.SaveChangesAsync();
        return cdr.Id;
    }

    public static decimal Amount(this IReadOnlyList<JsonElement> charges, string payer) => charges.Single(c => c.Str("payer") == payer).Decimal("amount");
}
