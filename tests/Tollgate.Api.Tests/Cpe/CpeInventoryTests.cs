using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>Models, profiles and devices: the catalog, MAC handling, lookups and who may change what.</summary>
public abstract class CpeInventoryTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Theory]
    [InlineData("00:11:22:AB:cd:EF")]
    [InlineData("00-11-22-ab-cd-ef")]
    [InlineData("001122abcdef")]
    [InlineData("0011.22ab.cdef")]
    public async Task Device_MacInAnyUsualNotation_IsStoredCanonically_AndFoundByAnyNotation(string notation)
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var unique = CpeTestData.NewMac();
        // Same shape as the notation under test, on a MAC no other test uses.
        var digits = unique.Replace(":", "");
        var written = notation.Contains(':') ? unique.ToLowerInvariant()
            : notation.Contains('-') ? unique.Replace(':', '-')
            : notation.Contains('.') ? $"{digits[..4]}.{digits[4..8]}.{digits[8..]}"
            : digits.ToLowerInvariant();
        var created = (await admin.PostAsync("/api/v1/cpe/devices", new { name = "Phone", modelId = model, mac = written })).ShouldHave(HttpStatusCode.Created);
        created["mac"].GetString().ShouldBe(unique);
        created["totalPorts"].GetInt32().ShouldBe(2);
        created["freePorts"].GetInt32().ShouldBe(2);
        foreach (var lookup in new[] { unique, unique.Replace(':', '-').ToLowerInvariant(), digits, $"{digits[..4]}.{digits[4..8]}.{digits[8..]}" })
            (await admin.GetAsync($"/api/v1/cpe/devices?mac={lookup}")).Ids().ShouldBe([created.Id]);
    }

    [Fact]
    public async Task Device_BadMac_Is400NamingTheField_AndDuplicateMac_Is409()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var bad = await admin.PostAsync("/api/v1/cpe/devices", new { name = "Phone", modelId = model, mac = "00:11:22:FF:13" });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("mac").ShouldBe(["is not a MAC address: it has 10 hexadecimal digits; a MAC address has 12"]);
        (await admin.GetAsync("/api/v1/cpe/devices?mac=zz")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("mac").Single().ShouldContain("'z' is not a hexadecimal digit");

        var (_, mac) = await admin.CreateDeviceAsync(model);
        var duplicate = await admin.PostAsync("/api/v1/cpe/devices", new { name = "Twin", modelId = model, mac = mac.Replace(":", "") });
        duplicate.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("mac").ShouldNotBeEmpty();
        (await admin.GetAsync($"/api/v1/cpe/devices?mac={mac}"))["total"].GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Device_List_FiltersByCustomerUnallocatedAndModel()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var otherModel = await admin.CreateModelAsync();
        var customer = await admin.CreateCustomerAsync();
        var inStock = await admin.CreateDeviceAsync(model);
        var allocated = await admin.CreateDeviceAsync(model, customerId: customer);
        var other = await admin.CreateDeviceAsync(otherModel);

        (await admin.GetAsync($"/api/v1/cpe/devices?customerId={customer}")).Ids().ShouldBe([allocated.Id]);
        (await admin.GetAsync($"/api/v1/cpe/devices?modelId={model}&unallocated=true")).Ids().ShouldBe([inStock.Id]);
        (await admin.GetAsync($"/api/v1/cpe/devices?modelId={model}&unallocated=false")).Ids().ShouldBe([allocated.Id]);
        (await admin.GetAsync($"/api/v1/cpe/devices?modelId={otherModel}")).Ids().ShouldBe([other.Id]);
        var page = (await admin.GetAsync($"/api/v1/cpe/devices?modelId={model}&limit=1&offset=1")).ShouldHave(HttpStatusCode.OK);
        (page["total"].GetInt32(), page.Items.Count).ShouldBe((2, 1));
        (await admin.GetAsync("/api/v1/cpe/devices?unallocated=perhaps")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Fact]
    public async Task Model_NamesAreUniqueIgnoringCase_AndPortsCannotShrinkBelowAnAssignedPort()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Grandstream");
        var model = await admin.CreateModelAsync(name, ports: 4);
        (await admin.PostAsync("/api/v1/cpe/models", new { name = name.ToUpperInvariant(), ports = 1 }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("name").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/cpe/models", new { name = "Zero", ports = 0 })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("ports").ShouldBe(["must be from 1 to 64"]);

        var customer = await admin.CreateCustomerAsync();
        var device = await admin.CreateDeviceAsync(model, customerId: customer);
        var account = await admin.CreateAccountAsync(customer);
        (await admin.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = device.Id, port = 3 })).ShouldHave(HttpStatusCode.OK);
        (await admin.PatchAsync($"/api/v1/cpe/models/{model}", new { ports = 2 })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.PatchAsync($"/api/v1/cpe/models/{model}", new { ports = 3 })).ShouldHave(HttpStatusCode.OK)["ports"].GetInt32().ShouldBe(3);
        (await admin.DeleteAsync($"/api/v1/cpe/models/{model}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        var unused = await admin.CreateModelAsync();
        (await admin.DeleteAsync($"/api/v1/cpe/models/{unused}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/v1/cpe/models/{unused}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Profile_MustBeForTheDevicesModel_AndFitItsManager()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var otherModel = await admin.CreateModelAsync();
        var reseller = await admin.CreateResellerAsync();
        var forOther = (await admin.PostAsync("/api/v1/cpe/profiles", new { name = TestData.Unique("P"), modelId = otherModel })).ShouldHave(HttpStatusCode.Created).Id;
        var adminOnly = (await admin.PostAsync("/api/v1/cpe/profiles", new { name = TestData.Unique("P"), modelId = model })).ShouldHave(HttpStatusCode.Created).Id;
        var shared = (await admin.PostAsync("/api/v1/cpe/profiles", new { name = TestData.Unique("P"), modelId = model, sharedWithResellers = true }))
            .ShouldHave(HttpStatusCode.Created);
        shared["model"].GetString().ShouldNotBeNullOrEmpty();

        (await admin.PostAsync("/api/v1/cpe/devices", new { name = "P", modelId = model, mac = CpeTestData.NewMac(), profileId = forOther }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("profileId").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/cpe/devices", new { name = "P", modelId = model, mac = CpeTestData.NewMac(), profileId = adminOnly, managedBy = reseller }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("profileId").ShouldNotBeEmpty();
        var ok = await admin.CreateDeviceAsync(model, managedBy: reseller, profileId: shared.Id);
        (await admin.GetAsync($"/api/v1/cpe/devices/{ok.Id}"))["profile"].GetString().ShouldBe(shared["name"].GetString());
        (await admin.PostAsync("/api/v1/cpe/devices", new { name = "P", modelId = model, mac = CpeTestData.NewMac(), managedBy = reseller, sharedWithResellers = true }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("sharedWithResellers").ShouldNotBeEmpty();

        // A used profile cannot be deleted, nor stop being shared while a reseller's device uses it.
        (await admin.DeleteAsync($"/api/v1/cpe/profiles/{shared.Id}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.PatchAsync($"/api/v1/cpe/profiles/{shared.Id}", new { sharedWithResellers = false })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.DeleteAsync($"/api/v1/cpe/profiles/{forOther}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Reseller_ManagesItsOwnDevicesAndProfiles_UsesSharedOnes_AndCannotChangeTheAdministrators()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var login = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(login);
        var reseller = await App.SignInAsync("reseller", login, TestData.Password);
        var sharedProfile = (await admin.PostAsync("/api/v1/cpe/profiles", new { name = TestData.Unique("S"), modelId = model, sharedWithResellers = true })).Id;
        var adminProfile = (await admin.PostAsync("/api/v1/cpe/profiles", new { name = TestData.Unique("A"), modelId = model })).Id;

        var ownProfile = (await reseller.PostAsync("/api/v1/cpe/profiles", new { name = "Mine", modelId = model })).ShouldHave(HttpStatusCode.Created);
        ownProfile["managedBy"].GetInt64().ShouldBe(resellerId);
        (await reseller.PostAsync("/api/v1/cpe/profiles", new { name = "Shared", modelId = model, sharedWithResellers = true }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        (await reseller.GetAsync($"/api/v1/cpe/profiles?modelId={model}")).Ids().ShouldBe([sharedProfile, ownProfile.Id], ignoreOrder: true);
        (await reseller.GetAsync($"/api/v1/cpe/profiles/{adminProfile}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await reseller.PatchAsync($"/api/v1/cpe/profiles/{sharedProfile}", new { name = "Renamed" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        var own = (await reseller.PostAsync("/api/v1/cpe/devices", new { name = "R", modelId = model, mac = CpeTestData.NewMac(), profileId = sharedProfile }))
            .ShouldHave(HttpStatusCode.Created);
        own["managedBy"].GetInt64().ShouldBe(resellerId);
        (await reseller.PatchAsync($"/api/v1/cpe/devices/{own.Id}", new { name = "Renamed", inventoryId = "INV-7" })).ShouldHave(HttpStatusCode.OK)["name"].GetString()
            .ShouldBe("Renamed");
        (await reseller.PatchAsync($"/api/v1/cpe/devices/{own.Id}", new { managedBy = (long?)null })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        var sharedDevice = await admin.CreateDeviceAsync(model, shared: true);
        (await reseller.PatchAsync($"/api/v1/cpe/devices/{sharedDevice.Id}", new { name = "Mine now" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await reseller.DeleteAsync($"/api/v1/cpe/devices/{sharedDevice.Id}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await reseller.DeleteAsync($"/api/v1/cpe/devices/{own.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await reseller.PostAsync("/api/v1/cpe/models", new { name = "Mine", ports = 1 })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task Patch_WithNullForAValueThatCannotBeNull_IsNamed()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var device = await admin.CreateDeviceAsync(model);
        (await admin.SendRawAsync(HttpMethod.Patch, $"/api/v1/cpe/models/{model}", """{"ports": null}"""))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("ports").ShouldBe(["must not be null"]);
        var bad = await admin.SendRawAsync(HttpMethod.Patch, $"/api/v1/cpe/devices/{device.Id}", """{"modelId": null, "sharedWithResellers": null, "mac": null}""");
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("modelId").ShouldBe(["must not be null"]);
        bad.ErrorsFor("sharedWithResellers").ShouldBe(["must not be null"]);
        bad.ErrorsFor("mac").ShouldBe(["is not a MAC address: it is empty"]);
    }

    [Fact]
    public async Task Device_WithAnAssignedPort_CannotBeDeletedOrGiveAModelWithTooFewPorts()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync(ports: 2);
        var small = await admin.CreateModelAsync(ports: 1);
        var customer = await admin.CreateCustomerAsync();
        var device = await admin.CreateDeviceAsync(model, customerId: customer);
        var account = await admin.CreateAccountAsync(customer);
        (await admin.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = device.Id, port = 2 })).ShouldHave(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/cpe/devices/{device.Id}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.PatchAsync($"/api/v1/cpe/devices/{device.Id}", new { modelId = small })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.GetAsync($"/api/v1/cpe/devices/{device.Id}"))["modelId"].GetInt64().ShouldBe(model);
    }
}

public sealed class CpeInventoryTestsOnSqlite(SqliteApp app) : CpeInventoryTests(app), IClassFixture<SqliteApp>;

public sealed class CpeInventoryTestsOnPostgres(PostgresApp app) : CpeInventoryTests(app), IClassFixture<PostgresApp>;
