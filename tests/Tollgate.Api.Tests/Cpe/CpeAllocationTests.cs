using System.Text.Json;
using Tollgate.Api.Features.Cpe;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>Allocating devices to customers and releasing them: all or nothing, with a reason for each device refused.</summary>
public abstract class CpeAllocationTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Allocate_AnyOffendingDevice_ChangesNothing_AndListsEachWithItsReason()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var customer = await admin.CreateCustomerAsync();
        var other = await admin.CreateCustomerAsync();
        var free1 = await admin.CreateDeviceAsync(model);
        var free2 = await admin.CreateDeviceAsync(model);
        var taken = await admin.CreateDeviceAsync(model, customerId: other);

        var refused = await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { free1.Id, taken.Id, free2.Id, 999_999_999L }, customerId = customer });
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.AllocationRefused);
        refused.ErrorsFor("deviceIds[1]").ShouldBe([$"device {taken.Id}: it is allocated to another customer ({other})"]);
        refused.ErrorsFor("deviceIds[3]").ShouldBe(["device 999999999: there is no device 999999999"]);
        refused.ErrorsFor("deviceIds[0]").ShouldBeEmpty();
        var listed = refused["devices"].EnumerateArray().ToList();
        listed.Select(d => d.GetProperty("deviceId").GetInt64()).ShouldBe([taken.Id, 999_999_999L]);
        listed.Select(d => d.GetProperty("code").GetString()).ShouldBe(["allocated-to-another-customer", "not-found"]);

        (await admin.GetAsync($"/api/v1/cpe/devices?customerId={customer}"))["total"].GetInt32().ShouldBe(0, "nothing was allocated");
        (await admin.GetAsync($"/api/v1/cpe/devices/{taken.Id}"))["customerId"].GetInt64().ShouldBe(other);

        var ok = (await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { free1.Id, free2.Id }, customerId = customer })).ShouldHave(HttpStatusCode.OK);
        ok["changed"].GetInt32().ShouldBe(2);
        var again = (await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { free1.Id }, customerId = customer })).ShouldHave(HttpStatusCode.OK);
        again["changed"].GetInt32().ShouldBe(0, "allocating to the same customer again changes nothing and is no error");
        var device = (await admin.GetAsync($"/api/v1/cpe/devices/{free1.Id}")).ShouldHave(HttpStatusCode.OK);
        device["customerId"].GetInt64().ShouldBe(customer);
        device["allocatedAt"].GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Allocate_BadRequests_AreNamed()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var empty = await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = Array.Empty<long>(), customerId = customer });
        empty.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("deviceIds").ShouldBe(["must list at least one device"]);
        var repeated = await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { 5L, 5L }, customerId = customer });
        repeated.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("deviceIds").ShouldBe(["lists device 5 more than once"]);
        (await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { 5L }, customerId = 999_999_999L }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("customerId").ShouldNotBeEmpty();
        var closed = await admin.CreateCustomerAsync();
        await admin.PostAsync($"/api/v1/customers/{closed}/close");
        (await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { 5L }, customerId = closed }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable);
    }

    [Fact]
    public async Task Reseller_AllocatesItsOwnAndSharedStock_ToItsOwnCustomersOnly()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var login = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(login);
        var reseller = await App.SignInAsync("reseller", login, TestData.Password);
        var mine = await reseller.CreateCustomerAsync();
        var foreign = await admin.CreateCustomerAsync(await admin.CreateResellerAsync());
        var own = await admin.CreateDeviceAsync(model, managedBy: resellerId);
        var shared = await admin.CreateDeviceAsync(model, shared: true);
        var adminOnly = await admin.CreateDeviceAsync(model);

        (await reseller.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { own.Id }, customerId = foreign }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("customerId").ShouldNotBeEmpty();
        var refused = await reseller.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { own.Id, adminOnly.Id }, customerId = mine });
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.AllocationRefused);
        refused.ErrorsFor("deviceIds[1]").ShouldBe([$"device {adminOnly.Id}: there is no device {adminOnly.Id}"], "the administrator's own stock is invisible to a reseller");
        (await reseller.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { own.Id, shared.Id }, customerId = mine })).ShouldHave(HttpStatusCode.OK);

        // The administrator cannot give a reseller's own device to someone else's customer either.
        var direct = await admin.CreateCustomerAsync();
        var reserved = await admin.CreateDeviceAsync(model, managedBy: resellerId);
        var byAdmin = await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = new[] { reserved.Id }, customerId = direct });
        byAdmin.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.AllocationRefused);
        byAdmin["devices"][0].GetProperty("code").GetString().ShouldBe("reserved-for-reseller");
    }

    [Fact]
    public async Task Release_RefusesDevicesWithAssignedPorts_AllOrNothing()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var customer = await admin.CreateCustomerAsync();
        var idle = await admin.CreateDeviceAsync(model, customerId: customer);
        var busy = await admin.CreateDeviceAsync(model, customerId: customer);
        var accountId = TestData.Unique("line");
        var account = await admin.CreateAccountAsync(customer, accountId);
        (await admin.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = busy.Id })).ShouldHave(HttpStatusCode.OK);

        var refused = await admin.PostAsync("/api/v1/cpe/devices/release", new { deviceIds = new[] { idle.Id, busy.Id } });
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.AllocationRefused);
        refused.ErrorsFor("deviceIds[1]").ShouldBe([$"device {busy.Id}: it is assigned to account {accountId}; unassign it first"]);
        (await admin.GetAsync($"/api/v1/cpe/devices/{idle.Id}"))["customerId"].GetInt64().ShouldBe(customer, "nothing was released");

        (await admin.DeleteAsync($"/api/v1/accounts/{account}/cpe")).ShouldHave(HttpStatusCode.NoContent);
        var released = (await admin.PostAsync("/api/v1/cpe/devices/release", new { deviceIds = new[] { idle.Id, busy.Id } })).ShouldHave(HttpStatusCode.OK);
        released["changed"].GetInt32().ShouldBe(2);
        (await admin.GetAsync($"/api/v1/cpe/devices/{idle.Id}"))["customerId"].ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Reseller_CannotReleaseTheAdministratorsOwnDeviceFromItsCustomer()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var login = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(login);
        var reseller = await App.SignInAsync("reseller", login, TestData.Password);
        var customer = await admin.CreateCustomerAsync(resellerId);
        var adminOnly = await admin.CreateDeviceAsync(model, customerId: customer);
        var refused = await reseller.PostAsync("/api/v1/cpe/devices/release", new { deviceIds = new[] { adminOnly.Id } });
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.AllocationRefused);
        refused["devices"][0].GetProperty("code").GetString().ShouldBe("managed-by-administrator");
    }
}

public sealed class CpeAllocationTestsOnSqlite(SqliteApp app) : CpeAllocationTests(app), IClassFixture<SqliteApp>;

public sealed class CpeAllocationTestsOnPostgres(PostgresApp app) : CpeAllocationTests(app), IClassFixture<PostgresApp>;
