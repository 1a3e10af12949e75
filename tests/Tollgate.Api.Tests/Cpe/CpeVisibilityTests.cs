using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>Who sees which device: administrators all; a reseller its stock, shared stock and its customers' devices; a customer its own.</summary>
public abstract class CpeVisibilityTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record World(
        ApiClient Admin, ApiClient ResellerA, ApiClient CustomerA1, long Model, long CustomerA1Id, long CustomerA2Id, long CustomerB1Id,
        long AdminOnly, long AdminShared, long ResellerAOwn, long ResellerBOwn, long AllocatedA1, long AllocatedA2, long AllocatedB1,
        long SharedAllocatedB1, long AdminOnlyAllocatedA1);

    private async Task<World> BuildAsync()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var resellerALogin = TestData.Unique("ra");
        var resellerA = await admin.CreateResellerAsync(resellerALogin);
        var resellerB = await admin.CreateResellerAsync();
        var customerA1Login = TestData.Unique("ca1");
        var customerA1 = await admin.CreateCustomerAsync(resellerA, customerA1Login);
        var customerA2 = await admin.CreateCustomerAsync(resellerA);
        var customerB1 = await admin.CreateCustomerAsync(resellerB);
        return new World(admin, await App.SignInAsync("reseller", resellerALogin, TestData.Password),
            await App.SignInAsync("customer", customerA1Login, TestData.Password), model, customerA1, customerA2, customerB1,
            (await admin.CreateDeviceAsync(model)).Id,
            (await admin.CreateDeviceAsync(model, shared: true)).Id,
            (await admin.CreateDeviceAsync(model, managedBy: resellerA)).Id,
            (await admin.CreateDeviceAsync(model, managedBy: resellerB)).Id,
            (await admin.CreateDeviceAsync(model, managedBy: resellerA, customerId: customerA1)).Id,
            (await admin.CreateDeviceAsync(model, shared: true, customerId: customerA2)).Id,
            (await admin.CreateDeviceAsync(model, managedBy: resellerB, customerId: customerB1)).Id,
            (await admin.CreateDeviceAsync(model, shared: true, customerId: customerB1)).Id,
            (await admin.CreateDeviceAsync(model, customerId: customerA1)).Id);
    }

    [Fact]
    public async Task Administrator_SeesEveryDevice()
    {
        var w = await BuildAsync();
        (await w.Admin.GetAsync($"/api/v1/cpe/devices?modelId={w.Model}"))["total"].GetInt32().ShouldBe(9);
    }

    [Fact]
    public async Task Reseller_SeesItsStock_SharedStock_AndItsCustomersDevices_NothingElse()
    {
        var w = await BuildAsync();
        (await w.ResellerA.GetAsync($"/api/v1/cpe/devices?modelId={w.Model}")).Ids()
            .ShouldBe([w.AdminShared, w.ResellerAOwn, w.AllocatedA1, w.AllocatedA2, w.AdminOnlyAllocatedA1], ignoreOrder: true);
        foreach (var hidden in new[] { w.AdminOnly, w.ResellerBOwn, w.AllocatedB1, w.SharedAllocatedB1 })
            (await w.ResellerA.GetAsync($"/api/v1/cpe/devices/{hidden}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Customer_SeesOnlyTheDevicesAllocatedToIt()
    {
        var w = await BuildAsync();
        (await w.CustomerA1.GetAsync("/api/v1/cpe/devices?limit=1000")).Ids().ShouldBe([w.AllocatedA1, w.AdminOnlyAllocatedA1], ignoreOrder: true);
        (await w.CustomerA1.GetAsync($"/api/v1/cpe/devices/{w.AllocatedA2}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.CustomerA1.GetAsync($"/api/v1/cpe/devices?customerId={w.CustomerA2Id}"))["total"].GetInt32().ShouldBe(0);
        (await w.CustomerA1.GetAsync($"/api/v1/cpe/models/{w.Model}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Customer_MayNotChangeTheInventory()
    {
        var w = await BuildAsync();
        (await w.CustomerA1.PostAsync("/api/v1/cpe/devices", new { name = "X", modelId = w.Model, mac = CpeTestData.NewMac() }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1.PatchAsync($"/api/v1/cpe/devices/{w.AllocatedA1}", new { name = "Mine" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1.PostAsync("/api/v1/cpe/devices/release", new { deviceIds = new[] { w.AllocatedA1 } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.CustomerA1.GetAsync("/api/v1/cpe/profiles")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task Account_CannotReachTheInventory()
    {
        var w = await BuildAsync();
        var accountId = TestData.Unique("acc");
        await w.Admin.CreateAccountAsync(w.CustomerA1Id, accountId, webSignIn: true);
        var account = await App.SignInAsync("account", accountId, TestData.Password);
        (await account.GetAsync("/api/v1/cpe/devices")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task Profiles_FollowTheirDevices_ForCustomers()
    {
        var w = await BuildAsync();
        var profile = (await w.Admin.PostAsync("/api/v1/cpe/profiles", new { name = TestData.Unique("P"), modelId = w.Model })).Id;
        await w.Admin.PatchAsync($"/api/v1/cpe/devices/{w.AdminOnlyAllocatedA1}", new { profileId = profile });
        var device = (await w.CustomerA1.GetAsync($"/api/v1/cpe/devices/{w.AdminOnlyAllocatedA1}")).ShouldHave(HttpStatusCode.OK);
        device["profileId"].GetInt64().ShouldBe(profile);
        device["profile"].GetString().ShouldNotBeNull("a customer sees the name of its own device's profile");
        (await w.ResellerA.GetAsync($"/api/v1/cpe/profiles/{profile}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}

public sealed class CpeVisibilityTestsOnSqlite(SqliteApp app) : CpeVisibilityTests(app), IClassFixture<SqliteApp>;

public sealed class CpeVisibilityTestsOnPostgres(PostgresApp app) : CpeVisibilityTests(app), IClassFixture<PostgresApp>;
