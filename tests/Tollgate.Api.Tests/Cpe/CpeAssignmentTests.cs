using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Features.Cpe;
using Tollgate.Api.Problems;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>An account's phone port: who may assign which device, busy ports, moving, freeing, and races for the same port.</summary>
public abstract class CpeAssignmentTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record World(ApiClient Admin, long Model, long Customer, ApiClient CustomerClient, long Account1, long Account2);

    private async Task<World> BuildAsync(int ports = 2)
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync(ports: ports);
        var login = TestData.Unique("cust");
        var customer = await admin.CreateCustomerAsync(login: login);
        return new World(admin, model, customer, await App.SignInAsync("customer", login, TestData.Password),
            await admin.CreateAccountAsync(customer), await admin.CreateAccountAsync(customer));
    }

    [Fact]
    public async Task Port_DefaultsToTheFirstFree_AndABusyPortIs409()
    {
        var w = await BuildAsync();
        var device = await w.Admin.CreateDeviceAsync(w.Model, customerId: w.Customer);
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = device.Id, port = 2 }))
            .ShouldHave(HttpStatusCode.OK)["port"].GetInt32().ShouldBe(2);
        var busy = await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account2}/cpe", new { deviceId = device.Id, port = 2 });
        busy.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.PortBusy).ErrorsFor("port").ShouldBe(["port 2 is already assigned to another account"]);
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account2}/cpe", new { deviceId = device.Id }))
            .ShouldHave(HttpStatusCode.OK)["port"].GetInt32().ShouldBe(1);

        var third = await w.Admin.CreateAccountAsync(w.Customer);
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{third}/cpe", new { deviceId = device.Id }))
            .ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.PortBusy).ErrorsFor("port").ShouldBe(["all 2 ports are assigned"]);
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{third}/cpe", new { deviceId = device.Id, port = 3 }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("port").ShouldNotBeEmpty();
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{third}/cpe", new { deviceId = device.Id, port = 0 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("port").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Assigning_AnotherDevice_MovesTheAccount_AndTheSameOneAgainChangesNothing()
    {
        var w = await BuildAsync();
        var first = await w.Admin.CreateDeviceAsync(w.Model, customerId: w.Customer);
        var second = await w.Admin.CreateDeviceAsync(w.Model, customerId: w.Customer);
        var assigned = (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = first.Id })).ShouldHave(HttpStatusCode.OK);
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = first.Id })).ShouldHave(HttpStatusCode.OK)["assignedAt"]
            .GetDateTime().ShouldBe(assigned["assignedAt"].GetDateTime());
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = second.Id, port = 2 })).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{first.Id}"))["freePorts"].GetInt32().ShouldBe(2);
        var now = (await w.Admin.GetAsync($"/api/v1/cpe/devices/{second.Id}")).ShouldHave(HttpStatusCode.OK);
        now["ports"][0].GetProperty("port").GetInt32().ShouldBe(2);
        now["ports"][0].GetProperty("accountId").GetInt64().ShouldBe(w.Account1);
    }

    [Fact]
    public async Task Customer_UsesOnlyItsOwnDevices_ForItsOwnAccounts()
    {
        var w = await BuildAsync();
        var inStock = await w.Admin.CreateDeviceAsync(w.Model);
        var others = await w.Admin.CreateCustomerAsync();
        var theirs = await w.Admin.CreateDeviceAsync(w.Model, customerId: others);
        var theirAccount = await w.Admin.CreateAccountAsync(others);
        var mine = await w.Admin.CreateDeviceAsync(w.Model, customerId: w.Customer);

        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = inStock.Id }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("deviceId").ShouldNotBeEmpty();
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = theirs.Id }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.CustomerClient.PutAsync($"/api/v1/accounts/{theirAccount}/cpe", new { deviceId = mine.Id }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.CustomerClient.DeleteAsync($"/api/v1/accounts/{theirAccount}/cpe")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{inStock.Id}"))["customerId"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Staff_MayUseStockWhichThenBelongsToTheCustomer_NeverAnotherCustomersDevice()
    {
        var w = await BuildAsync();
        var inStock = await w.Admin.CreateDeviceAsync(w.Model);
        var others = await w.Admin.CreateCustomerAsync();
        var theirs = await w.Admin.CreateDeviceAsync(w.Model, customerId: others);

        (await w.Admin.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = inStock.Id })).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{inStock.Id}"))["customerId"].GetInt64().ShouldBe(w.Customer);
        var refused = await w.Admin.PutAsync($"/api/v1/accounts/{w.Account2}/cpe", new { deviceId = theirs.Id });
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.DeviceUnavailable);
        refused["code"].GetString().ShouldBe("allocated-to-another-customer");
        (await w.Admin.GetAsync($"/api/v1/accounts/{w.Account2}/cpe")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Reseller_MayUseItsStockAndSharedStock_ForItsCustomersAccounts()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync();
        var login = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(login);
        var reseller = await App.SignInAsync("reseller", login, TestData.Password);
        var customer = await reseller.CreateCustomerAsync();
        var account = await reseller.CreateAccountAsync(customer);
        var second = await reseller.CreateAccountAsync(customer);
        var adminOnly = await admin.CreateDeviceAsync(model);
        var shared = await admin.CreateDeviceAsync(model, shared: true);
        var foreignAccount = await admin.CreateAccountAsync(await admin.CreateCustomerAsync());

        (await reseller.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = adminOnly.Id })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await reseller.PutAsync($"/api/v1/accounts/{foreignAccount}/cpe", new { deviceId = shared.Id })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await reseller.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = shared.Id })).ShouldHave(HttpStatusCode.OK);
        var own = await reseller.CreateDeviceAsync(model);
        (await reseller.PutAsync($"/api/v1/accounts/{second}/cpe", new { deviceId = own.Id })).ShouldHave(HttpStatusCode.OK);
        (await admin.GetAsync($"/api/v1/cpe/devices/{own.Id}"))["managedBy"].GetInt64().ShouldBe(resellerId);
    }

    [Fact]
    public async Task ClosingAnAccount_FreesItsPort()
    {
        var w = await BuildAsync();
        var device = await w.Admin.CreateDeviceAsync(w.Model, customerId: w.Customer);
        (await w.Admin.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = device.Id })).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.PostAsync($"/api/v1/accounts/{w.Account1}/close")).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{device.Id}"))["freePorts"].GetInt32().ShouldBe(2);
        (await w.Admin.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = device.Id })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
    }

    [Fact]
    public async Task TwoRequestsForTheSameFreePort_ExactlyOneWins()
    {
        for (var round = 0; round < 8; round++)
        {
            var w = await BuildAsync(ports: 1);
            var device = await w.Admin.CreateDeviceAsync(w.Model, customerId: w.Customer);
            var second = await App.SignInAsync("customer", (await w.Admin.GetAsync($"/api/v1/customers/{w.Customer}"))["login"].GetString()!, TestData.Password);
            var answers = await Task.WhenAll(
                w.CustomerClient.PutAsync($"/api/v1/accounts/{w.Account1}/cpe", new { deviceId = device.Id, port = 1 }),
                second.PutAsync($"/api/v1/accounts/{w.Account2}/cpe", new { deviceId = device.Id, port = 1 }));
            answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", answers.Select(a => a.Text)));
            answers.Single(a => a.Status != HttpStatusCode.OK).ShouldBeProblem(HttpStatusCode.Conflict, CpeProblems.PortBusy);
            await using var db = App.Database();
            (await db.CpePorts.CountAsync(p => p.DeviceId == device.Id)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task TwoCustomersGrabbingTheSameDeviceFromStock_ExactlyOneGetsIt()
    {
        for (var round = 0; round < 8; round++)
        {
            var admin = await App.AdminAsync();
            var model = await admin.CreateModelAsync(ports: 1);
            var abc = await admin.CreateCustomerAsync();
            var xyz = await admin.CreateCustomerAsync();
            var abcLine = await admin.CreateAccountAsync(abc);
            var xyzLine = await admin.CreateAccountAsync(xyz);
            var device = await admin.CreateDeviceAsync(model);
            var other = await App.AdminAsync();
            var answers = await Task.WhenAll(
                admin.PutAsync($"/api/v1/accounts/{abcLine}/cpe", new { deviceId = device.Id }),
                other.PutAsync($"/api/v1/accounts/{xyzLine}/cpe", new { deviceId = device.Id }));
            answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1, string.Join(" | ", answers.Select(a => a.Text)));
            var loser = answers.Single(a => a.Status != HttpStatusCode.OK);
            loser.Status.ShouldBe(HttpStatusCode.Conflict, loser.Text);
            loser.ProblemType.ShouldBe(CpeProblems.DeviceUnavailable, "the winner's customer now holds the device");
            var stored = (await admin.GetAsync($"/api/v1/cpe/devices/{device.Id}")).ShouldHave(HttpStatusCode.OK);
            stored["ports"].GetArrayLength().ShouldBe(1);
            stored["customerId"].GetInt64().ShouldBeOneOf(abc, xyz);
        }
    }

    [Fact]
    public void CustomerRealmEndpoints_DeclareThePhonesSection_ReadForGetAndModifyOtherwise()
    {
        var endpoints = App.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/v1/cpe", StringComparison.Ordinal) || raw.EndsWith("/cpe", StringComparison.Ordinal)))
            .ToList();
        endpoints.Count.ShouldBeGreaterThan(15);
        foreach (var endpoint in endpoints)
        {
            var access = endpoint.Metadata.GetMetadata<EndpointAccess>().ShouldNotBeNull();
            if (!access.Realms.HasFlag(Realms.Customer)) continue;
            access.Section.ShouldBe(Section.Phones, endpoint.DisplayName);
            var get = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.SequenceEqual(["GET"]);
            access.Operation.ShouldBe(get ? Operation.Read : Operation.Modify, endpoint.DisplayName);
        }
    }
}

public sealed class CpeAssignmentTestsOnSqlite(SqliteApp app) : CpeAssignmentTests(app), IClassFixture<SqliteApp>;

public sealed class CpeAssignmentTestsOnPostgres(PostgresApp app) : CpeAssignmentTests(app), IClassFixture<PostgresApp>;
