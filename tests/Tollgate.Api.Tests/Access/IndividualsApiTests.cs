using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Access;

/// <summary>Customer individuals: who may create and change them, what they may grant, and what they can reach.</summary>
public abstract class IndividualsApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private sealed record World(
        ApiClient Admin, ApiClient Reseller, long CustomerA, string CustomerALogin, long CustomerB, long OtherResellersCustomer,
        long Full, long Pbx, long Manager, long Viewer, TestIndividual Bob, ApiClient BobClient, TestIndividual Mona, ApiClient MonaClient,
        TestIndividual Beth);

    /// <summary>
    /// Customer A (of a reseller) allows four roles: full, pbx (accounts), manager (manages individuals, reads the profile)
    /// and viewer (reads the profile). Bob has full, Mona is a manager. Customer B of the same reseller has Beth.
    /// </summary>
    private async Task<World> BuildAsync()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("res");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        var aLogin = TestData.Unique("custa");
        var a = await admin.CreateCustomerAsync(reseller, aLogin);
        var b = await admin.CreateCustomerAsync(reseller);
        var other = await admin.CreateCustomerAsync(await admin.CreateResellerAsync());
        var full = await admin.CreateRoleAsync(new { profile = "modify", accounts = "modify", customerIndividuals = "modify", allowedRoles = "read" });
        var pbx = await admin.CreateRoleAsync(new { profile = "read", accounts = "modify" });
        var manager = await admin.CreateRoleAsync(new { profile = "read", customerIndividuals = "modify" });
        var viewer = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(a, full, pbx, manager, viewer);
        await admin.AllowRolesAsync(b, viewer);
        var bob = await admin.CreateIndividualAsync(a, full, firstName: "Bob");
        var mona = await admin.CreateIndividualAsync(a, manager, firstName: "Mona");
        var beth = await admin.CreateIndividualAsync(b, viewer, firstName: "Beth");
        return new World(admin, await App.SignInAsync("reseller", resellerLogin, TestData.Password), a, aLogin, b, other,
            full, pbx, manager, viewer, bob, await App.ActivateAsync(fixture.Mail, bob), mona, await App.ActivateAsync(fixture.Mail, mona), beth);
    }

    private async Task<int> CountAsync(long customerId)
    {
        await using var db = App.Database();
        return await db.Set<Data.Access.Individual>().CountAsync(i => i.CustomerId == customerId);
    }

    [Fact]
    public async Task Create_InvalidBody_NamesEveryFieldAtOnce()
    {
        var w = await BuildAsync();
        var missing = (await w.Admin.PostAsync($"/api/v1/customers/{w.CustomerA}/individuals", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        foreach (var field in new[] { "login", "email", "firstName", "roleId" }) missing.ErrorsFor(field).ShouldBe(["is required"]);

        var bad = await w.Admin.PostAsync($"/api/v1/customers/{w.CustomerA}/individuals", new
        {
            login = "has space", email = "not-an-address", firstName = " ", roleId = w.Viewer, timeZone = "Mars/Olympus",
            activationDate = "2026-06-10", expirationDate = "2026-06-01",
        });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        foreach (var field in new[] { "login", "email", "firstName", "timeZone", "expirationDate" }) bad.ErrorsFor(field).ShouldNotBeEmpty(field);

        // A password is never given here: the individual chooses it through the e-mailed link.
        (await w.Admin.PostAsync($"/api/v1/customers/{w.CustomerA}/individuals", new
        {
            login = TestData.Unique("p"), email = "p@example.test", firstName = "P", roleId = w.Viewer, password = "chosen-by-admin-1",
        })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("password").ShouldBe(["is not a known field"]);
        (await CountAsync(w.CustomerA)).ShouldBe(2);
    }

    [Fact]
    public async Task Create_LoginTakenAnywhereInTheCustomerRealm_Is409AndCreatesNothing()
    {
        var w = await BuildAsync();
        foreach (var taken in new[] { w.CustomerALogin.ToUpperInvariant(), w.Beth.Login })
        {
            var response = await w.Admin.PostAsync($"/api/v1/customers/{w.CustomerA}/individuals",
                new { login = taken, email = "dup@example.test", firstName = "Dup", roleId = w.Viewer });
            response.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("login").ShouldNotBeEmpty();
        }
        (await CountAsync(w.CustomerA)).ShouldBe(2);

        // Another realm's login is no conflict: an account may be called the same.
        var accountId = TestData.Unique("line");
        await w.Admin.CreateAccountAsync(w.CustomerA, accountId, webSignIn: true);
        await w.Admin.CreateIndividualAsync(w.CustomerA, w.Viewer, login: accountId);
    }

    [Fact]
    public async Task Create_RoleNotAllowedForTheCustomer_Is422AndSendsNothing()
    {
        var w = await BuildAsync();
        foreach (var roleId in new[] { w.Full, 999_999_999L })
        {
            var login = TestData.Unique("nope");
            (await w.Admin.PostAsync($"/api/v1/customers/{w.CustomerB}/individuals",
                    new { login, email = $"{login}@example.test", firstName = "No", roleId }))
                .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.RoleNotAllowed).ErrorsFor("roleId").ShouldNotBeEmpty();
            await using var db = App.Database();
            (await db.Set<Data.Outbox.OutboxMessage>().AnyAsync(m => m.Recipient == $"{login}@example.test")).ShouldBeFalse();
        }
        (await CountAsync(w.CustomerB)).ShouldBe(1);
    }

    [Fact]
    public async Task Individual_GrantingMoreThanItsOwnRole_IsRefused()
    {
        var w = await BuildAsync();
        foreach (var (roleId, exceeding) in new[] { (w.Full, "accounts"), (w.Pbx, "accounts") })
        {
            var login = TestData.Unique("esc");
            var refused = await w.MonaClient.PostAsync($"/api/v1/customers/{w.CustomerA}/individuals",
                new { login, email = $"{login}@example.test", firstName = "E", roleId });
            refused.ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation)["detail"].GetString()!.ShouldContain(exceeding);
        }
        (await CountAsync(w.CustomerA)).ShouldBe(2);
        await w.MonaClient.CreateIndividualAsync(w.CustomerA, w.Viewer);

        // Nor give someone such a role later.
        var viewer = await w.MonaClient.CreateIndividualAsync(w.CustomerA, w.Viewer);
        (await w.MonaClient.PatchAsync($"/api/v1/customers/{w.CustomerA}/individuals/{viewer.Id}", new { roleId = w.Full }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.MonaClient.PatchAsync($"/api/v1/customers/{w.CustomerA}/individuals/{viewer.Id}", new { roleId = w.Manager }))
            .ShouldHave(HttpStatusCode.OK)["roleId"].GetInt64().ShouldBe(w.Manager);
    }

    [Fact]
    public async Task Individual_ChangingItsOwnRoleDatesOrZone_IsRefused()
    {
        var w = await BuildAsync();
        var self = $"/api/v1/customers/{w.CustomerA}/individuals/{w.Bob.Id}";
        (await w.BobClient.PatchAsync(self, new { roleId = w.Viewer })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.BobClient.PatchAsync(self, new { expirationDate = "2099-12-31" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.BobClient.PatchAsync(self, new { timeZone = "Pacific/Kiritimati" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.BobClient.DeleteAsync(self)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        // Repeating its own unchanged role while renaming itself is fine, and keeps its session.
        (await w.BobClient.PatchAsync(self, new { firstName = "Robert", roleId = w.Full })).ShouldHave(HttpStatusCode.OK)["firstName"].GetString().ShouldBe("Robert");
        (await w.BobClient.GetAsync(self)).ShouldHave(HttpStatusCode.OK)["roleId"].GetInt64().ShouldBe(w.Full);
    }

    [Fact]
    public async Task Individual_ManagingSomeoneWithMorePower_IsRefused()
    {
        var w = await BuildAsync();
        var bob = $"/api/v1/customers/{w.CustomerA}/individuals/{w.Bob.Id}";
        // Changing Bob's e-mail and sending him a new link would hand Mona his account.
        (await w.MonaClient.PatchAsync(bob, new { email = "mona@example.test" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.MonaClient.PostAsync($"{bob}/credentials-email")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.MonaClient.DeleteAsync(bob)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.PrivilegeEscalation);
        (await w.BobClient.GetAsync(bob)).ShouldHave(HttpStatusCode.OK)["email"].GetString().ShouldBe(w.Bob.Email);

        // Bob (more power) manages Mona.
        (await w.BobClient.PatchAsync($"/api/v1/customers/{w.CustomerA}/individuals/{w.Mona.Id}", new { lastName = "Lisa" }))
            .ShouldHave(HttpStatusCode.OK)["lastName"].GetString().ShouldBe("Lisa");
    }

    [Fact]
    public async Task Individual_ReachingAnotherCustomersIndividuals_Gets404()
    {
        var w = await BuildAsync();
        var beth = $"/api/v1/customers/{w.CustomerB}/individuals/{w.Beth.Id}";
        (await w.BobClient.GetAsync($"/api/v1/customers/{w.CustomerB}/individuals")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.BobClient.GetAsync(beth)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.BobClient.GetAsync($"/api/v1/customers/{w.CustomerA}/individuals/{w.Beth.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.BobClient.PatchAsync(beth, new { email = "taken@example.test" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.BobClient.DeleteAsync(beth)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.BobClient.PostAsync($"{beth}/credentials-email")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.BobClient.PostAsync($"/api/v1/customers/{w.CustomerB}/individuals",
            new { login = TestData.Unique("x"), email = "x@example.test", firstName = "X", roleId = w.Viewer })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Admin.GetAsync(beth)).ShouldHave(HttpStatusCode.OK)["email"].GetString().ShouldBe(w.Beth.Email);
        (await CountAsync(w.CustomerB)).ShouldBe(1);

        // A reseller reaches its own customers' individuals, not another reseller's customers.
        (await w.Reseller.GetAsync(beth)).ShouldHave(HttpStatusCode.OK);
        (await w.Reseller.GetAsync($"/api/v1/customers/{w.OtherResellersCustomer}/individuals")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Reseller.PostAsync($"/api/v1/customers/{w.OtherResellersCustomer}/individuals",
            new { login = TestData.Unique("x"), email = "x@example.test", firstName = "X", roleId = w.Viewer })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ResellerAndMainLogin_ManageIndividuals_AndTheMainLoginKeepsWorking()
    {
        var w = await BuildAsync();
        var byReseller = await w.Reseller.CreateIndividualAsync(w.CustomerA, w.Pbx);
        var main = await App.SignInAsync("customer", w.CustomerALogin, TestData.Password);
        var byMain = await main.CreateIndividualAsync(w.CustomerA, w.Full);
        (await main.GetAsync($"/api/v1/customers/{w.CustomerA}")).ShouldHave(HttpStatusCode.OK);
        (await main.DeleteAsync($"/api/v1/customers/{w.CustomerA}/individuals/{byReseller.Id}")).ShouldHave(HttpStatusCode.NoContent);
        var logins = (await main.GetAsync($"/api/v1/customers/{w.CustomerA}/individuals")).ShouldHave(HttpStatusCode.OK)
            .Items.Select(i => i.GetProperty("login").GetString()).ToList();
        logins.ShouldBe([w.Bob.Login, w.Mona.Login, byMain.Login]);
    }

    [Fact]
    public async Task List_FiltersByLoginAndRole()
    {
        var w = await BuildAsync();
        var byRole = (await w.Admin.GetAsync($"/api/v1/customers/{w.CustomerA}/individuals?roleId={w.Manager}")).ShouldHave(HttpStatusCode.OK);
        byRole.Items.Select(i => i.GetProperty("id").GetInt64()).ShouldBe([w.Mona.Id]);
        byRole.Items[0].GetProperty("passwordSet").GetBoolean().ShouldBeTrue();
        var byLogin = (await w.Admin.GetAsync($"/api/v1/customers/{w.CustomerA}/individuals?login={w.Bob.Login.ToUpperInvariant()}")).ShouldHave(HttpStatusCode.OK);
        byLogin.Items.Select(i => i.GetProperty("id").GetInt64()).ShouldBe([w.Bob.Id]);
        byLogin["total"].GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Update_RenamesTheLogin_WhichMustStayUnique()
    {
        var w = await BuildAsync();
        var mona = $"/api/v1/customers/{w.CustomerA}/individuals/{w.Mona.Id}";
        (await w.Admin.PatchAsync(mona, new { login = w.Bob.Login })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        var renamed = TestData.Unique("mona");
        (await w.Admin.PatchAsync(mona, new { login = renamed })).ShouldHave(HttpStatusCode.OK)["login"].GetString().ShouldBe(renamed);
        await App.SignInAsync("customer", renamed, AccessTestData.IndividualPassword);

        foreach (var field in new[] { "login", "email", "firstName", "roleId", "timeZone" })
        {
            var body = new Dictionary<string, object?> { [field] = null };
            (await w.Admin.PatchAsync(mona, body)).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor(field).ShouldNotBeEmpty(field);
        }
    }
}

public sealed class IndividualsApiTestsOnSqlite(SqliteApp app) : IndividualsApiTests(app), IClassFixture<SqliteApp>;

public sealed class IndividualsApiTestsOnPostgres(PostgresApp app) : IndividualsApiTests(app), IClassFixture<PostgresApp>;
