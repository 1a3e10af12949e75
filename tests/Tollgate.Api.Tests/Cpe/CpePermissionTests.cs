using Microsoft.Extensions.DependencyInjection;
using Tollgate.Api.Access;
using Tollgate.Api.Problems;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>The phone endpoints follow the customer's role permissions on the <c>phones</c> section.</summary>
/// <remarks>
/// Customer individuals with roles come with another feature; until then a permission source that grants
/// <c>phones: read</c> only stands in for such a role, applied to the customer's own login.
/// </remarks>
public abstract class CpePermissionTests(DbKind kind)
{
    private sealed class PhonesReadOnly : IPermissionSource
    {
        public ValueTask<Permission> GetAsync(Caller caller, Section section, CancellationToken ct) =>
            ValueTask.FromResult(section == Section.Phones ? Permission.Read : Permission.Modify);
    }

    [Fact]
    public async Task RoleWithPhonesRead_MayListPhones_ButNotAssignThem()
    {
        await using var app = await TollgateTestApp.StartAsync(kind, services: s => s.AddSingleton<IPermissionSource, PhonesReadOnly>());
        var admin = await app.AdminAsync();
        var model = await admin.CreateModelAsync();
        var login = TestData.Unique("pbx");
        var customer = await admin.CreateCustomerAsync(login: login);
        var device = await admin.CreateDeviceAsync(model, customerId: customer);
        var account = await admin.CreateAccountAsync(customer);
        var pbx = await app.SignInAsync("customer", login, TestData.Password);

        (await pbx.GetAsync("/api/v1/cpe/devices")).ShouldHave(HttpStatusCode.OK).Ids().ShouldBe([device.Id]);
        var refused = await pbx.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = device.Id });
        refused.ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/phones/modify");
        (await pbx.DeleteAsync($"/api/v1/accounts/{account}/cpe")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/phones/modify");
        (await admin.GetAsync($"/api/v1/cpe/devices/{device.Id}"))["freePorts"].GetInt32().ShouldBe(2);
    }
}

public sealed class CpePermissionTestsOnSqlite() : CpePermissionTests(DbKind.Sqlite);

public sealed class CpePermissionTestsOnPostgres() : CpePermissionTests(DbKind.Postgres);
