using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data;
using Tollgate.Data.Audit;
using Tollgate.Domain.Access;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Tests.Audit;

/// <summary>Every change through the API is recorded: who, when, what, old and new values with secrets masked; never rewritten.</summary>
public abstract class AuditTrailTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static JsonElement Change(JsonElement entry, string field) => entry.GetProperty("changes").GetProperty(field);

    private async Task<long> AdminIdAsync()
    {
        await using var db = App.Database();
        return await db.Administrators.Where(a => a.Credential.Login == TollgateTestApp.AdminLogin).Select(a => a.Id).SingleAsync();
    }

    [Fact]
    public async Task Change_RecordsWhoWhenWhatAndOldAndNewValues()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        (await admin.PatchAsync($"/api/v1/customers/{customer}", new { email = "first@abc.example" })).ShouldHave(HttpStatusCode.OK);
        (await admin.PatchAsync($"/api/v1/customers/{customer}", new { email = "second@abc.example" })).ShouldHave(HttpStatusCode.OK);

        var audit = (await admin.GetAsync($"/api/v1/customers/{customer}/audit")).ShouldHave(HttpStatusCode.OK);
        audit.Items.Select(e => e.GetProperty("action").GetString()).ShouldBe(["updated", "updated", "created"]);
        var latest = audit.Items[0];
        latest.GetProperty("entity").GetString().ShouldBe("customer");
        latest.GetProperty("entityId").GetString().ShouldBe(customer.ToString());
        latest.GetProperty("customerId").GetInt64().ShouldBe(customer);
        latest.GetProperty("at").GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        latest.GetProperty("actor").GetProperty("type").GetString().ShouldBe("administrator");
        latest.GetProperty("actor").GetProperty("id").GetInt64().ShouldBe(await AdminIdAsync());
        latest.GetProperty("actor").GetProperty("login").GetString().ShouldBe(TollgateTestApp.AdminLogin);
        Change(latest, "email").GetProperty("old").GetString().ShouldBe("first@abc.example");
        Change(latest, "email").GetProperty("new").GetString().ShouldBe("second@abc.example");
        latest.GetProperty("changes").EnumerateObject().Select(p => p.Name).ShouldBe(["email"], "only what changed");
        Change(audit.Items[2], "currency").GetProperty("new").GetString().ShouldBe("USD");
    }

    [Fact]
    public async Task Secrets_AreMaskedEverywhereInTheTrail()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("cus");
        var customer = await admin.CreateCustomerAsync(login: login);
        (await admin.PatchAsync($"/api/v1/customers/{customer}", new { password = "a-brand-new-password" })).ShouldHave(HttpStatusCode.OK);
        var role = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(customer, role);
        var individual = await admin.CreateIndividualAsync(customer, role);
        await App.SetPasswordFromEmailAsync(fixture.Mail, individual);

        var audit = (await admin.GetAsync($"/api/v1/customers/{customer}/audit?entity=credential&limit=100")).ShouldHave(HttpStatusCode.OK);
        var changed = audit.Items.Single(e => e.GetProperty("action").GetString() == "updated" && e.GetProperty("actor").GetProperty("type").GetString() == "administrator");
        Change(changed, "passwordHash").GetProperty("old").GetString().ShouldBe("***");
        Change(changed, "passwordHash").GetProperty("new").GetString().ShouldBe("***");

        // The individual set its own password through the link: the change is its own, and masked too.
        var own = audit.Items.Single(e => e.GetProperty("actor").GetProperty("type").GetString() == "individual");
        own.GetProperty("actor").GetProperty("id").GetInt64().ShouldBe(individual.Id);
        own.GetProperty("actor").GetProperty("login").GetString().ShouldBe(individual.Login);
        Change(own, "passwordHash").GetProperty("old").ValueKind.ShouldBe(JsonValueKind.Null);
        Change(own, "passwordHash").GetProperty("new").GetString().ShouldBe("***");

        var links = (await admin.GetAsync($"/api/v1/customers/{customer}/audit?entity=setPasswordToken")).ShouldHave(HttpStatusCode.OK);
        links.Items.Select(e => e.GetProperty("action").GetString()).ShouldBe(["updated", "created"], "the link was sent, then used");
        Change(links.Items[1], "tokenHash").GetProperty("new").GetString().ShouldBe("***");
        Change(links.Items[0], "usedAt").GetProperty("new").GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);

        var everything = (await admin.GetAsync($"/api/v1/customers/{customer}/audit?limit=1000")).ShouldHave(HttpStatusCode.OK).Text;
        everything.ShouldNotContain("pbkdf2");
        everything.ShouldNotContain("a-brand-new-password");
        everything.ShouldNotContain(AccessTestData.IndividualPassword);
    }

    [Fact]
    public async Task NewObjectSavedTwiceInOneTransaction_IsOneCreatedEntryWithItsFinalValues()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var role = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(customer, role);
        var individual = await admin.CreateIndividualAsync(customer, role);

        var credential = (await admin.GetAsync($"/api/v1/customers/{customer}/audit?entity=credential")).ShouldHave(HttpStatusCode.OK).Items.Single();
        credential.GetProperty("action").GetString().ShouldBe("created");
        Change(credential, "ownerId").GetProperty("new").GetInt64().ShouldBe(individual.Id);
        Change(credential, "owner").GetProperty("new").GetString().ShouldBe("individual");
        Change(credential, "login").GetProperty("new").GetString().ShouldBe(individual.Login);
        credential.GetProperty("changes").TryGetProperty("loginKey", out _).ShouldBeFalse("derived copies are left out");
    }

    [Fact]
    public async Task RolledBackTransaction_LeavesNoEntry_AndCommittedOneLeavesItsEntries()
    {
        var databases = App.Service<TollgateDbFactory>();
        var actor = new AuditActor("system", null, "audit-test");
        var name = TestData.Unique("Rolled back");
        await using (var db = databases.Create(TenantScope.System, actor))
        {
            await using var tx = await db.BeginWriteAsync();
            db.Customers.Add(new Data.Parties.Customer { Name = name, Currency = "USD", TimeZone = "UTC" });
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        var kept = TestData.Unique("Kept");
        await using (var db = databases.Create(TenantScope.System, actor))
        {
            db.Customers.Add(new Data.Parties.Customer { Name = kept, Currency = "USD", TimeZone = "UTC" });
            await db.SaveChangesAsync();
        }
        await using var check = App.Database();
        var entries = await check.Set<AuditEntry>().Where(e => e.ActorLogin == "audit-test").ToListAsync();
        entries.ShouldHaveSingleItem().Changes.ShouldContain(kept);
    }

    [Fact]
    public async Task Entries_CannotBeChangedOrDeleted_EvenBySql()
    {
        var admin = await App.AdminAsync();
        await admin.CreateCustomerAsync();
        await using var db = App.Database();
        var entry = await db.Set<AuditEntry>().OrderBy(e => e.Id).FirstAsync();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor_login = 'someone else'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
        (await db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == entry.Id)).ActorLogin.ShouldBe(entry.ActorLogin);
    }

    [Fact]
    public async Task Filters_ByDayInTheCustomersZone_InstantActorAndPage()
    {
        const string zone = "Pacific/Kiritimati";
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("res");
        var customer = await admin.CreateCustomerAsync(await admin.CreateResellerAsync(resellerLogin), timeZone: zone);
        var reseller = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        var day1 = TimeZones.DateAt(App.Clock.GetUtcNow(), zone).AddDays(1);
        var path = $"/api/v1/customers/{customer}";

        App.Clock.SetUtcNow(TimeZones.StartOf(day1, zone).AddHours(23)); // late on day 1 there, still the day before in UTC
        admin = await App.AdminAsync();
        (await admin.PatchAsync(path, new { name = TestData.Unique("Day one") })).ShouldHave(HttpStatusCode.OK);
        App.Clock.SetUtcNow(TimeZones.StartOf(day1.AddDays(1), zone).AddMinutes(5));
        reseller = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        (await reseller.PatchAsync(path, new { email = "day2@abc.example" })).ShouldHave(HttpStatusCode.OK);
        var day2At = App.Clock.GetUtcNow();
        App.Clock.Advance(TimeSpan.FromDays(1));
        admin = await App.AdminAsync();
        (await admin.PatchAsync(path, new { email = "day3@abc.example" })).ShouldHave(HttpStatusCode.OK);

        string[] Fields(ApiResponse r) => r.Items.Select(e => e.GetProperty("changes").EnumerateObject().First().Name).ToArray();
        var onDay1 = (await admin.GetAsync($"{path}/audit?from={day1:yyyy-MM-dd}&to={day1:yyyy-MM-dd}")).ShouldHave(HttpStatusCode.OK);
        Fields(onDay1).ShouldBe(["name"]);
        var fromDay2 = (await admin.GetAsync($"{path}/audit?from={day1.AddDays(1):yyyy-MM-dd}")).ShouldHave(HttpStatusCode.OK);
        fromDay2.Items.Count.ShouldBe(2);
        var instant = Uri.EscapeDataString(day2At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        (await admin.GetAsync($"{path}/audit?to={instant}")).ShouldHave(HttpStatusCode.OK).Items
            .ShouldNotContain(e => e.GetProperty("actor").GetProperty("type").GetString() == "reseller", "'to' as an instant is exclusive");

        var byReseller = (await admin.GetAsync($"{path}/audit?actor={resellerLogin.ToUpperInvariant()}")).ShouldHave(HttpStatusCode.OK);
        byReseller.Items.ShouldHaveSingleItem().GetProperty("actor").GetProperty("type").GetString().ShouldBe("reseller");
        var byAdmin = (await admin.GetAsync($"{path}/audit?actor=administrator:{await AdminIdAsync()}")).ShouldHave(HttpStatusCode.OK);
        byAdmin["total"].GetInt32().ShouldBe(3, "created, day one, day three");

        var page = (await admin.GetAsync($"{path}/audit?limit=1&offset=1")).ShouldHave(HttpStatusCode.OK);
        page["total"].GetInt32().ShouldBe(4);
        Change(page.Items.Single(), "email").GetProperty("new").GetString().ShouldBe("day2@abc.example");

        // The calendar's first and last days are filters like any other (the day after the last one does not exist).
        (await admin.GetAsync($"{path}/audit?from=0001-01-01&to=9999-12-31")).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(4);
        (await admin.GetAsync($"/api/v1/audit?customerId={customer}&from=0001-01-01&to=9999-12-31")).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(4);

        var bad = (await admin.GetAsync($"{path}/audit?from=yesterday&to=2026-13-01")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("from").ShouldNotBeEmpty();
        bad.ErrorsFor("to").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task CustomerTrail_IsForAdministratorsAndTheCustomersResellerOnly()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("res");
        var otherLogin = TestData.Unique("other");
        var customerLogin = TestData.Unique("cus");
        var customer = await admin.CreateCustomerAsync(await admin.CreateResellerAsync(resellerLogin), customerLogin);
        await admin.CreateResellerAsync(otherLogin);
        var accountId = TestData.Unique("acc");
        await admin.CreateAccountAsync(customer, accountId, webSignIn: true);
        var path = $"/api/v1/customers/{customer}/audit";

        (await (await App.SignInAsync("reseller", resellerLogin, TestData.Password)).GetAsync(path)).ShouldHave(HttpStatusCode.OK);
        (await (await App.SignInAsync("reseller", otherLogin, TestData.Password)).GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await (await App.SignInAsync("customer", customerLogin, TestData.Password)).GetAsync(path)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await (await App.SignInAsync("account", accountId, TestData.Password)).GetAsync(path)).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await (await App.SignInAsync("reseller", resellerLogin, TestData.Password)).GetAsync("/api/v1/audit")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task ProviderWideChanges_AreInTheWholeTrail()
    {
        var admin = await App.AdminAsync();
        var role = await admin.CreateRoleAsync(new { invoices = "read" });
        (await admin.PatchAsync($"/api/v1/roles/{role}", new { permissions = new { invoices = "read", payments = "modify" } })).ShouldHave(HttpStatusCode.OK);

        var trail = (await admin.GetAsync($"/api/v1/audit?entity=role&entityId={role}")).ShouldHave(HttpStatusCode.OK);
        trail.Items.Select(e => e.GetProperty("action").GetString()).ShouldBe(["updated", "created"]);
        trail.Items.ShouldAllBe(e => e.GetProperty("customerId").ValueKind == JsonValueKind.Null);
        var permissions = Change(trail.Items[0], "permissions");
        permissions.GetProperty("old").GetRawText().ShouldBe("""{"invoices":"read"}""");
        permissions.GetProperty("new").GetRawText().ShouldBe("""{"invoices":"read","payments":"modify"}""");
    }
}

public sealed class AuditTrailTestsOnSqlite(SqliteApp app) : AuditTrailTests(app), IClassFixture<SqliteApp>;

public sealed class AuditTrailTestsOnPostgres(PostgresApp app) : AuditTrailTests(app), IClassFixture<PostgresApp>;
