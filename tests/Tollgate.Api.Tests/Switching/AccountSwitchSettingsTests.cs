using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data.Centrex;
using Tollgate.Domain.Switching;

namespace Tollgate.Api.Tests.Switching;

/// <summary>The switch's fields on accounts: the SIP password (given or generated, read by staff and customer) and the service policy.</summary>
public abstract class AccountSwitchSettingsTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record Parties(ApiClient Admin, ApiClient Reseller, ApiClient Customer, long CustomerId);

    private async Task<Parties> PartiesAsync()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("r");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        var customerLogin = TestData.Unique("c");
        var customer = await admin.CreateCustomerAsync(reseller, customerLogin);
        return new Parties(admin, await App.SignInAsync("reseller", resellerLogin, TestData.Password),
            await App.SignInAsync("customer", customerLogin, TestData.Password), customer);
    }

    private async Task<string> StoredAsync(long accountKey)
    {
        await using var db = App.Database();
        return await db.SipCredentials.Where(s => s.AccountId == accountKey).Select(s => s.Password).SingleAsync();
    }

    [Fact]
    public async Task NewAccount_GetsAGeneratedSipPassword_ReadByStaffAndCustomerButNotByTheAccount()
    {
        var p = await PartiesAsync();
        var accountId = TestData.Unique("line");
        var created = (await p.Reseller.PostAsync("/api/v1/accounts", new { accountId, customerId = p.CustomerId, password = TestData.Password }))
            .ShouldHave(HttpStatusCode.Created);
        var generated = created["sipPassword"].GetString()!;
        generated.Length.ShouldBe(SipPasswords.GeneratedLength);
        SipPasswords.Problem(generated).ShouldBeNull();
        (await StoredAsync(created.Id)).ShouldBe(generated);

        foreach (var reader in new[] { p.Admin, p.Reseller, p.Customer })
            (await reader.GetAsync($"/api/v1/accounts/{created.Id}")).ShouldHave(HttpStatusCode.OK)["sipPassword"].GetString().ShouldBe(generated);

        var line = await App.SignInAsync("account", accountId, TestData.Password);
        (await line.GetAsync($"/api/v1/accounts/{created.Id}")).ShouldHave(HttpStatusCode.OK).Json.TryGetProperty("sipPassword", out _).ShouldBeFalse();
        (await p.Admin.GetAsync($"/api/v1/accounts?accountId={accountId}")).ShouldHave(HttpStatusCode.OK).Text.ShouldNotContain(generated, Case.Sensitive,
            "lists leave it out");

        var second = (await p.Admin.PostAsync("/api/v1/accounts", new { accountId = TestData.Unique("line"), customerId = p.CustomerId }))
            .ShouldHave(HttpStatusCode.Created);
        second["sipPassword"].GetString().ShouldNotBe(generated);
    }

    [Fact]
    public async Task GivenSipPassword_IsKept_AndABadOneIsRefusedNamingTheFieldWithNothingCreated()
    {
        var p = await PartiesAsync();
        var created = (await p.Admin.PostAsync("/api/v1/accounts", new { accountId = TestData.Unique("line"), customerId = p.CustomerId, sipPassword = "Phone-Secret-42" }))
            .ShouldHave(HttpStatusCode.Created);
        created["sipPassword"].GetString().ShouldBe("Phone-Secret-42");
        (await StoredAsync(created.Id)).ShouldBe("Phone-Secret-42");

        var badId = TestData.Unique("line");
        var tooShort = await p.Admin.PostAsync("/api/v1/accounts", new { accountId = badId, customerId = p.CustomerId, sipPassword = "short" });
        tooShort.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        tooShort.ErrorsFor("sipPassword").Single().ShouldContain("8 to 64");
        var quoted = await p.Admin.PostAsync("/api/v1/accounts", new { accountId = badId, customerId = p.CustomerId, sipPassword = "with \"quote\" and space" });
        quoted.ErrorsFor("sipPassword").Single().ShouldContain("printable ASCII");
        (await p.Admin.GetAsync($"/api/v1/accounts?accountId={badId}")).ShouldHave(HttpStatusCode.OK).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task SipPassword_IsChangedByStaff_NotByTheAccount_AndNeverAppearsInTheAuditTrail()
    {
        var p = await PartiesAsync();
        var accountId = TestData.Unique("line");
        var account = (await p.Admin.PostAsync("/api/v1/accounts", new { accountId, customerId = p.CustomerId, password = TestData.Password }))
            .ShouldHave(HttpStatusCode.Created);
        var first = account["sipPassword"].GetString()!;

        (await p.Admin.PatchAsync($"/api/v1/accounts/{account.Id}", new { sipPassword = "Admin-Chosen-1" })).ShouldHave(HttpStatusCode.OK)
            ["sipPassword"].GetString().ShouldBe("Admin-Chosen-1");
        (await p.Reseller.PatchAsync($"/api/v1/accounts/{account.Id}", new { sipPassword = "Reseller-Chosen-2" })).ShouldHave(HttpStatusCode.OK);
        (await StoredAsync(account.Id)).ShouldBe("Reseller-Chosen-2");

        // A customer manages the phones of its own PBX (extensions); this line is the provider's to configure.
        (await p.Customer.PatchAsync($"/api/v1/accounts/{account.Id}", new { sipPassword = "Customer-Chosen-3" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        var line = await App.SignInAsync("account", accountId, TestData.Password);
        (await line.PatchAsync($"/api/v1/accounts/{account.Id}", new { sipPassword = "Account-Chosen-4" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        var nulled = await p.Admin.PatchAsync($"/api/v1/accounts/{account.Id}", new { sipPassword = (string?)null });
        nulled.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        nulled.ErrorsFor("sipPassword").ShouldNotBeEmpty();
        (await StoredAsync(account.Id)).ShouldBe("Reseller-Chosen-2", "refused changes leave it as it was");

        var regenerated = (await p.Reseller.PostAsync($"/api/v1/accounts/{account.Id}/sip-password")).ShouldHave(HttpStatusCode.OK)["password"].GetString()!;
        (await p.Customer.GetAsync($"/api/v1/accounts/{account.Id}")).ShouldHave(HttpStatusCode.OK)["sipPassword"].GetString().ShouldBe(regenerated);

        var audit = (await p.Admin.GetAsync($"/api/v1/customers/{p.CustomerId}/audit?limit=1000")).ShouldHave(HttpStatusCode.OK).Text;
        audit.ShouldContain("sipCredential", Case.Sensitive, "the changes are recorded");
        foreach (var secret in new[] { first, "Admin-Chosen-1", "Reseller-Chosen-2", regenerated }) audit.ShouldNotContain(secret);
    }

    [Fact]
    public async Task AccountPolicy_IsSetAndClearedByAdministratorsOnly()
    {
        var p = await PartiesAsync();
        var policy = (await p.Admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("p"), keepAliveInterval = 60 }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var account = (await p.Admin.PostAsync("/api/v1/accounts", new { accountId = TestData.Unique("line"), customerId = p.CustomerId, servicePolicyId = policy }))
            .ShouldHave(HttpStatusCode.Created);
        account["servicePolicyId"].GetInt64().ShouldBe(policy);

        foreach (var other in new[] { p.Reseller, p.Customer })
        {
            var refused = await other.PatchAsync($"/api/v1/accounts/{account.Id}", new { servicePolicyId = (long?)null, name = "Still here" });
            refused.ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            refused.ErrorsFor("servicePolicyId").ShouldNotBeEmpty();
        }
        var unchanged = (await p.Admin.GetAsync($"/api/v1/accounts/{account.Id}")).ShouldHave(HttpStatusCode.OK);
        unchanged["servicePolicyId"].GetInt64().ShouldBe(policy);
        unchanged["name"].ValueKind.ShouldBe(JsonValueKind.Null, "the refused request changed nothing");

        (await p.Admin.PatchAsync($"/api/v1/accounts/{account.Id}", new { servicePolicyId = (long?)null })).ShouldHave(HttpStatusCode.OK)
            ["servicePolicyId"].ValueKind.ShouldBe(JsonValueKind.Null);
        var unknown = await p.Admin.PatchAsync($"/api/v1/accounts/{account.Id}", new { servicePolicyId = 987654321 });
        unknown.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        unknown.ErrorsFor("servicePolicyId").ShouldNotBeEmpty();
    }
}

public sealed class AccountSwitchSettingsTestsOnSqlite(SqliteApp app) : AccountSwitchSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class AccountSwitchSettingsTestsOnPostgres(PostgresApp app) : AccountSwitchSettingsTests(app), IClassFixture<PostgresApp>;
