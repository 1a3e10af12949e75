using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Billing;

namespace Tollgate.Api.Tests.Switching;

public abstract class ServicePoliciesApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Policy_IsCreatedReadListedChangedAndDeleted()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Cisco phones");
        var created = (await admin.PostAsync("/api/v1/service-policies", new
        {
            name, forbidUpdateMethod = true, keepAliveInterval = 120, sipEndpointPattern = " Cisco% , Sipura%,Grandstream% ", matchPriority = 10,
        })).ShouldHave(HttpStatusCode.Created);
        created["sipEndpointPattern"].GetString().ShouldBe("Cisco%,Sipura%,Grandstream%", "stored as the switch reads it");
        created["forbidUpdateMethod"].GetBoolean().ShouldBeTrue();
        created["keepAliveInterval"].GetInt32().ShouldBe(120);
        created["matchPriority"].GetInt32().ShouldBe(10);
        created.Headers["Location"].ShouldBe($"/api/v1/service-policies/{created.Id}");

        (await admin.GetAsync($"/api/v1/service-policies/{created.Id}")).ShouldHave(HttpStatusCode.OK)["name"].GetString().ShouldBe(name);
        var listed = (await admin.GetAsync($"/api/v1/service-policies?name={Uri.EscapeDataString(name)}")).ShouldHave(HttpStatusCode.OK);
        listed.Items.Select(p => p.GetProperty("id").GetInt64()).ShouldBe([created.Id]);

        var changed = (await admin.PatchAsync($"/api/v1/service-policies/{created.Id}", new { keepAliveInterval = (int?)null, sipEndpointPattern = (string?)null }))
            .ShouldHave(HttpStatusCode.OK);
        changed["keepAliveInterval"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null, "null: the installation's interval");
        changed["sipEndpointPattern"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        changed["forbidUpdateMethod"].GetBoolean().ShouldBeTrue("members not in the body stay as they were");

        (await admin.DeleteAsync($"/api/v1/service-policies/{created.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/v1/service-policies/{created.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Create_BadFields_NamesEveryFieldAndStoresNothing()
    {
        var admin = await App.AdminAsync();
        var response = await admin.PostAsync("/api/v1/service-policies", new
        {
            name = " ", keepAliveInterval = 0, sipEndpointPattern = "Cisco%,,Yealink%", matchPriority = -1,
        });
        response.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        response.ErrorsFor("name").ShouldNotBeEmpty();
        response.ErrorsFor("keepAliveInterval").Single().ShouldContain("from 1 to 86400");
        response.ErrorsFor("sipEndpointPattern").Single().ShouldContain("entry 2 is empty");
        response.ErrorsFor("matchPriority").ShouldNotBeEmpty();

        var missing = await admin.PostAsync("/api/v1/service-policies", new { forbidUpdateMethod = true });
        missing.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        missing.ErrorsFor("name").ShouldNotBeEmpty();

        var wrongType = await admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p"), forbidUpdateMethod = "yes" });
        wrongType.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        wrongType.ErrorsFor("forbidUpdateMethod").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Create_NameTaken_IsConflictNamingTheField()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Policy");
        (await admin.PostAsync("/api/v1/service-policies", new { name })).ShouldHave(HttpStatusCode.Created);
        var again = await admin.PostAsync("/api/v1/service-policies", new { name });
        again.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        again.ErrorsFor("name").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Policies_AreForAdministratorsOnly()
    {
        var admin = await App.AdminAsync();
        var policy = (await admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p") })).ShouldHave(HttpStatusCode.Created).Id;
        var resellerLogin = TestData.Unique("r");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        var customerLogin = TestData.Unique("c");
        await admin.CreateCustomerAsync(reseller, customerLogin);
        var resellerClient = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        var customerClient = await App.SignInAsync("customer", customerLogin, TestData.Password);

        foreach (var client in new[] { resellerClient, customerClient })
        {
            (await client.GetAsync("/api/v1/service-policies")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            (await client.GetAsync($"/api/v1/service-policies/{policy}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            (await client.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p") }))
                .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            (await client.DeleteAsync($"/api/v1/service-policies/{policy}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        }

        (await App.Anonymous().GetAsync("/api/v1/service-policies")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
        (await admin.GetAsync($"/api/v1/service-policies/{policy}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AssignedPolicy_CannotBeDeletedNorGetAPattern_AndAPatternPolicyCannotBeAssigned()
    {
        var admin = await App.AdminAsync();
        var assigned = (await admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p"), forbidUpdateMethod = true }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var byPattern = (await admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p"), sipEndpointPattern = "Linksys/SPA941-5.1.8" }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var product = await admin.CreateProductAsync();
        (await admin.PatchAsync($"/api/v1/products/{product}", new { servicePolicyId = assigned })).ShouldHave(HttpStatusCode.OK)
            ["servicePolicyId"].GetInt64().ShouldBe(assigned);

        (await admin.DeleteAsync($"/api/v1/service-policies/{assigned}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict)
            .Json.GetProperty("detail").GetString()!.ShouldContain("1 product(s)");
        var pattern = await admin.PatchAsync($"/api/v1/service-policies/{assigned}", new { sipEndpointPattern = "Cisco%" });
        pattern.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        pattern.ErrorsFor("sipEndpointPattern").ShouldNotBeEmpty();
        (await admin.GetAsync($"/api/v1/service-policies/{assigned}")).ShouldHave(HttpStatusCode.OK)["sipEndpointPattern"].ValueKind
            .ShouldBe(System.Text.Json.JsonValueKind.Null, "the refused change left the policy as it was");

        var assignPattern = await admin.PatchAsync($"/api/v1/products/{product}", new { servicePolicyId = byPattern });
        assignPattern.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable);
        assignPattern.ErrorsFor("servicePolicyId").Single().ShouldContain("applies by User-Agent");
        (await admin.GetAsync($"/api/v1/products/{product}")).ShouldHave(HttpStatusCode.OK)["servicePolicyId"].GetInt64().ShouldBe(assigned);

        (await admin.PatchAsync($"/api/v1/products/{product}", new { servicePolicyId = (long?)null })).ShouldHave(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/v1/service-policies/{assigned}")).ShouldHave(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task ProductPolicy_IsSetByAdministratorsOnly_AndAnUnknownPolicyIsNotFound()
    {
        var admin = await App.AdminAsync();
        var policy = (await admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p") })).ShouldHave(HttpStatusCode.Created).Id;
        var created = (await admin.PostAsync("/api/v1/products", new { name = TestData.Unique("Voice"), kind = "main", servicePolicyId = policy }))
            .ShouldHave(HttpStatusCode.Created);
        created["servicePolicyId"].GetInt64().ShouldBe(policy);

        var unknown = await admin.PostAsync("/api/v1/products", new { name = TestData.Unique("Voice"), kind = "main", servicePolicyId = 987654321 });
        unknown.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        unknown.ErrorsFor("servicePolicyId").ShouldNotBeEmpty();

        var resellerLogin = TestData.Unique("r");
        await admin.CreateResellerAsync(resellerLogin);
        var reseller = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        var refused = await reseller.PostAsync("/api/v1/products", new { name = TestData.Unique("Own"), kind = "main", servicePolicyId = policy });
        refused.ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        refused.ErrorsFor("servicePolicyId").ShouldNotBeEmpty();
        (await reseller.PostAsync("/api/v1/products", new { name = TestData.Unique("Own"), kind = "main" })).ShouldHave(HttpStatusCode.Created)
            ["servicePolicyId"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}

public sealed class ServicePoliciesApiTestsOnSqlite(SqliteApp app) : ServicePoliciesApiTests(app), IClassFixture<SqliteApp>;

public sealed class ServicePoliciesApiTestsOnPostgres(PostgresApp app) : ServicePoliciesApiTests(app), IClassFixture<PostgresApp>;
