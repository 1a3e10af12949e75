using System.Text.Json;
using Tollgate.Api.Tests.Billing;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>An IP Centrex customer for a test: staff and customer clients, and the ABC example's three products.</summary>
/// <param name="Admin">The provider's administrator.</param>
/// <param name="Staff">Who manages the customer: the administrator, or its reseller.</param>
/// <param name="Customer">The customer's id.</param>
/// <param name="Self">The customer's main login.</param>
/// <param name="Login">The customer's login.</param>
/// <param name="AutoAttendant">Main product "Auto attendant" (an account plan active from the start date).</param>
/// <param name="HostedPbx">Main product "Hosted IP PBX" (an account plan active from the start date).</param>
/// <param name="Recording">Add-on "Call recording", allowed with any main product (an account plan active from first usage).</param>
public sealed record PbxWorld(ApiClient Admin, ApiClient Staff, long Customer, ApiClient Self, string Login, long AutoAttendant, long HostedPbx, long Recording);

/// <summary>Builds IP Centrex customers and drives the extension API the way a self-care portal would.</summary>
public static class CentrexTestKit
{
    /// <summary>A customer (of a reseller when <paramref name="viaReseller"/>) with the ABC products; no agreement yet.</summary>
    public static async Task<PbxWorld> BuildAsync(TollgateTestApp app, bool viaReseller = false, string timeZone = "America/Los_Angeles")
    {
        var admin = await app.AdminAsync();
        var staff = admin;
        long? resellerId = null;
        if (viaReseller)
        {
            var resellerLogin = TestData.Unique("res");
            resellerId = await admin.CreateResellerAsync(resellerLogin);
            staff = await app.SignInAsync("reseller", resellerLogin, TestData.Password);
        }
        var login = TestData.Unique("pbx");
        var customer = await staff.CreateCustomerAsync(viaReseller ? resellerId : null, login, timeZone: timeZone);
        var attendantPlan = await admin.CreatePlanAsync("account", 10m, shared: true, name: TestData.Unique("Auto attendant"));
        var pbxPlan = await admin.CreatePlanAsync("account", 15m, shared: true, name: TestData.Unique("Hosted IP PBX"));
        var recordingPlan = await admin.CreatePlanAsync("account", 20m, activationMode: "firstUsage", shared: true, name: TestData.Unique("Call recording"));
        var attendant = await admin.CreateProductAsync([attendantPlan], shared: true, name: TestData.Unique("Auto attendant"));
        var pbx = await admin.CreateProductAsync([pbxPlan], shared: true, name: TestData.Unique("Hosted IP PBX"));
        var recording = await admin.CreateProductAsync([recordingPlan], kind: "addon", shared: true, anyMain: true, name: TestData.Unique("Call recording"));
        return new PbxWorld(admin, staff, customer, await app.SignInAsync("customer", login, TestData.Password), login, attendant, pbx, recording);
    }

    /// <summary>The ABC agreement: Auto attendant ×1, Hosted IP PBX ×0 (unlimited), Call recording ×300.</summary>
    public static async Task<ApiResponse> PutAbcAgreementAsync(this PbxWorld w) =>
        (await w.Staff.PutAsync($"/api/v1/customers/{w.Customer}/agreement", new
        {
            mainProducts = new[] { new { productId = w.AutoAttendant, quantity = 1 }, new { productId = w.HostedPbx, quantity = 0 } },
            addonProducts = new[] { new { productId = w.Recording, quantity = 300 } },
        })).ShouldHave(HttpStatusCode.OK);

    public static Task<ApiResponse> PutAgreementAsync(this PbxWorld w, object[] mainProducts, object[]? addonProducts = null) =>
        w.Staff.PutAsync($"/api/v1/customers/{w.Customer}/agreement", new { mainProducts, addonProducts = addonProducts ?? [] });

    public static Task<ApiResponse> CreateExtensionAsync(this ApiClient client, long customer, string extension, long productId,
        long[]? addons = null, string? name = null, long? deviceId = null, int? port = null) =>
        client.PostAsync($"/api/v1/customers/{customer}/extensions",
            new { extension, name, productId, addonProductIds = addons ?? [], deviceId, port });

    public static Task<ApiResponse> CreateAutoAttendantAsync(this ApiClient client, long customer, string name, long productId, string? extension = null) =>
        client.PostAsync($"/api/v1/customers/{customer}/auto-attendants", new { name, productId, extension });

    /// <summary>The account key (for <c>/api/v1/accounts/{id}</c>) of an extension answer.</summary>
    public static long AccountKey(this ApiResponse extension) => extension["account"].GetProperty("id").GetInt64();

    public static string AccountName(this ApiResponse extension) => extension["account"].GetProperty("accountId").GetString()!;

    /// <summary>One product line of an agreement answer.</summary>
    public static JsonElement Line(this ApiResponse agreement, string list, long productId) =>
        agreement[list].EnumerateArray().Single(l => l.GetProperty("productId").GetInt64() == productId);
}
