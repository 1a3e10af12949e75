using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Access;

/// <summary>Roles with permissions per section, and the roles a customer may give its individuals.</summary>
public abstract class RolesApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Create_ShowsEverySection_UnnamedOnesRestricted()
    {
        var admin = await App.AdminAsync();
        var created = (await admin.PostAsync("/api/v1/roles", new
        {
            name = TestData.Unique("PBX admin"), type = "customerSelfCare", permissions = new { extensions = "modify", accounts = "read" },
        })).ShouldHave(HttpStatusCode.Created);
        created.Headers["Location"].ShouldBe($"/api/v1/roles/{created.Id}");
        var permissions = created["permissions"];
        permissions.GetProperty("extensions").GetString().ShouldBe("modify");
        permissions.GetProperty("accounts").GetString().ShouldBe("read");
        foreach (var section in new[] { "profile", "phones", "subscriptions", "invoices", "payments", "xdrs", "customerIndividuals", "allowedRoles" })
            permissions.GetProperty(section).GetString().ShouldBe("restrict", section);

        (await admin.PostAsync("/api/v1/roles", new { name = TestData.Unique("Support"), type = "administrator" })).ShouldHave(HttpStatusCode.Created)
            ["type"].GetString().ShouldBe("administrator");
        (await admin.PostAsync("/api/v1/roles", new { name = TestData.Unique("Agent"), type = "reseller" })).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Create_BadPermissions_NameEachSection()
    {
        var admin = await App.AdminAsync();
        var response = await admin.PostAsync("/api/v1/roles", new
        {
            name = TestData.Unique("Bad"),
            permissions = new Dictionary<string, string> { ["extensions"] = "modify", ["telepathy"] = "read", ["allowedRoles"] = "modify" },
        });
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        response.ErrorsFor("permissions.telepathy").Single().ShouldStartWith("is not a section");
        response.ErrorsFor("permissions.allowedRoles").ShouldBe(["can only be read or restrict"]);
        (await admin.PostAsync("/api/v1/roles", new { name = TestData.Unique("Bad"), permissions = new { invoices = "everything" } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("permissions.invoices").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/roles", new { name = TestData.Unique("Bad"), type = "janitor" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("type").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Name_IsUniqueWhateverItsCase()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Operations");
        var id = await admin.CreateRoleAsync(new { invoices = "read" }, name);
        (await admin.PostAsync("/api/v1/roles", new { name = name.ToUpperInvariant() })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        var other = await admin.CreateRoleAsync(new { }, TestData.Unique("Other"));
        (await admin.PatchAsync($"/api/v1/roles/{other}", new { name = $" {name.ToLowerInvariant()} " })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        (await admin.PatchAsync($"/api/v1/roles/{id}", new { name })).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task StaffOnly_ResellersRead_CustomersUseAllowedRoles()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("res");
        var resellerId = await admin.CreateResellerAsync(resellerLogin);
        var reseller = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        var selfCare = await admin.CreateRoleAsync(new { profile = "read" });
        var staff = await admin.CreateRoleAsync(new { }, type: "administrator");
        (await reseller.GetAsync($"/api/v1/roles/{selfCare}")).ShouldHave(HttpStatusCode.OK);
        (await reseller.GetAsync($"/api/v1/roles/{staff}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await reseller.PostAsync("/api/v1/roles", new { name = "Mine" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await reseller.GetAsync("/api/v1/roles?type=administrator&limit=1000")).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(0);

        var customerLogin = TestData.Unique("cus");
        var customer = await admin.CreateCustomerAsync(resellerId, customerLogin);
        var main = await App.SignInAsync("customer", customerLogin, TestData.Password);
        (await main.GetAsync("/api/v1/roles")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        await reseller.AllowRolesAsync(customer, selfCare);
        var allowed = (await main.GetAsync($"/api/v1/customers/{customer}/allowed-roles")).ShouldHave(HttpStatusCode.OK);
        allowed["roleIds"].EnumerateArray().Select(r => r.GetInt64()).ShouldBe([selfCare]);
        allowed["roles"][0].GetProperty("permissions").GetProperty("profile").GetString().ShouldBe("read");
        (await main.PutAsync($"/api/v1/customers/{customer}/allowed-roles", new { roleIds = new[] { selfCare } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task AllowedRoles_OnlySelfCareRolesThatExist_AndHeldOnesCannotBeRemoved()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var a = await admin.CreateRoleAsync(new { profile = "read" });
        var b = await admin.CreateRoleAsync(new { accounts = "read" });
        var staff = await admin.CreateRoleAsync(new { }, type: "reseller");
        var path = $"/api/v1/customers/{customer}/allowed-roles";

        (await admin.PutAsync(path, new { roleIds = new[] { a, staff } })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable)
            .ErrorsFor("roleIds[1]").ShouldNotBeEmpty();
        (await admin.PutAsync(path, new { roleIds = new[] { a, 999_999_999L } })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound)
            .ErrorsFor("roleIds[1]").ShouldNotBeEmpty();
        (await admin.GetAsync(path)).ShouldHave(HttpStatusCode.OK)["roleIds"].GetArrayLength().ShouldBe(0, "a refused request changes nothing");

        (await admin.PutAsync(path, new { roleIds = new[] { a, b, a } })).ShouldHave(HttpStatusCode.OK)["roleIds"].EnumerateArray()
            .Select(r => r.GetInt64()).ShouldBe([a, b]);
        await admin.CreateIndividualAsync(customer, a);
        var held = (await admin.PutAsync(path, new { roleIds = new[] { b } })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        held["detail"].GetString()!.ShouldContain("(1)");
        (await admin.PutAsync(path, new { roleIds = new[] { a } })).ShouldHave(HttpStatusCode.OK);

        (await admin.DeleteAsync($"/api/v1/roles/{a}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.PatchAsync($"/api/v1/roles/{a}", new { type = "reseller" })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await admin.DeleteAsync($"/api/v1/roles/{b}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/v1/roles/{b}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ChangedPermissions_ApplyToTheNextRequestOfEveryoneHoldingTheRole()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var role = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(customer, role);
        var individual = await App.ActivateAsync(fixture.Mail, await admin.CreateIndividualAsync(customer, role));

        (await individual.GetAsync("/api/v1/accounts")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/accounts/read");
        (await admin.PatchAsync($"/api/v1/roles/{role}", new { permissions = new { accounts = "read" } })).ShouldHave(HttpStatusCode.OK);
        (await individual.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);
        (await individual.GetAsync($"/api/v1/customers/{customer}")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/profile/read");
        (await individual.GetAsync($"/api/v1/customers/{customer}/allowed-roles"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/allowedRoles/read");
    }
}

public sealed class RolesApiTestsOnSqlite(SqliteApp app) : RolesApiTests(app), IClassFixture<SqliteApp>;

public sealed class RolesApiTestsOnPostgres(PostgresApp app) : RolesApiTests(app), IClassFixture<PostgresApp>;
