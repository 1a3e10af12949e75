using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Domain.Time;

namespace Tollgate.Api.Tests.Access;

/// <summary>The issue's story end to end: ABC Company's Bob, Steve and Adam, with real SMTP delivery of their credentials.</summary>
public abstract class AbcFlowTests(SmtpAppFixture fixture)
{
    private const string Zone = "America/Los_Angeles";

    private TollgateTestApp App => fixture.App;

    private Mailbox Mail => fixture.Mail;

    [Fact]
    public async Task AbcCompany_BobSetsUpSteveAndAdam_EachGetsExactlyTheirRole()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("shuttle");
        var resellerId = await admin.CreateResellerAsync(resellerLogin);
        var abcLogin = TestData.Unique("abc");
        var abc = await admin.CreateCustomerAsync(resellerId, abcLogin, timeZone: Zone, name: TestData.Unique("ABC Company"));
        var customerAdmin = await admin.CreateRoleAsync(new
        {
            profile = "modify", accounts = "modify", extensions = "modify", phones = "modify", subscriptions = "modify",
            invoices = "modify", payments = "modify", xdrs = "modify", customerIndividuals = "modify", allowedRoles = "read",
        }, TestData.Unique("Customer admin"));
        var pbxAdmin = await admin.CreateRoleAsync(new { profile = "read", accounts = "modify", extensions = "modify", phones = "modify" },
            TestData.Unique("PBX admin"));
        var operations = await admin.CreateRoleAsync(new { profile = "read", invoices = "read", payments = "modify", xdrs = "read" },
            TestData.Unique("Operations manager"));
        await admin.AllowRolesAsync(abc, customerAdmin, pbxAdmin, operations);

        // The administrator creates Bob; his e-mail arrives over SMTP with his login and a link, never a password.
        var bob = await admin.CreateIndividualAsync(abc, customerAdmin, login: TestData.Unique("bob"), firstName: "Bob");
        var bobMail = await Mail.WaitForAsync(bob.Email);
        bobMail.From.Mailboxes.Single().Address.ShouldBe("noreply@abc-telecom.example");
        (bobMail.Subject ?? "").ShouldContain("ABC Company");
        bobMail.Text().ShouldContain($"Login:   {bob.Login}");
        bobMail.Text().ShouldContain("Realm:   customer");
        bobMail.Text().ShouldContain("Hello Bob");
        await using (var db = App.Database())
            (await db.Credentials.SingleAsync(c => c.LoginKey == bob.Login.ToLower())).PasswordHash.ShouldBeNull("no password exists before Bob sets one");

        // Bob follows the link: the page is there, and the token sets his password.
        var link = Mailbox.LinkIn(bobMail);
        var page = (await App.Anonymous().GetAsync(link.PathAndQuery)).ShouldHave(HttpStatusCode.OK);
        page.Text.ShouldContain("Set your password");
        await App.SetPasswordFromEmailAsync(Mail, bob);
        var bobClient = await App.SignInAsync("customer", bob.Login, AccessTestData.IndividualPassword);
        var me = (await bobClient.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK);
        me["owner"].GetString().ShouldBe("individual");
        me["customerId"].GetInt64().ShouldBe(abc);

        // Bob creates Steve (PBX admin) and Adam (operations manager, who starts in 19 days).
        var adamStarts = TimeZones.DateAt(App.Clock.GetUtcNow(), Zone).AddDays(19);
        var steve = await bobClient.CreateIndividualAsync(abc, pbxAdmin, login: TestData.Unique("steve"), firstName: "Steve");
        var adam = await bobClient.CreateIndividualAsync(abc, operations, Zone, adamStarts.ToString("yyyy-MM-dd"),
            login: TestData.Unique("adam"), firstName: "Adam");

        // Steve changes extensions but is refused invoices and the portal users.
        var steveClient = await App.ActivateAsync(Mail, steve);
        (await steveClient.PatchAsync(SectionProbes.Extensions, new { })).ShouldHave(HttpStatusCode.OK);
        (await steveClient.GetAsync(SectionProbes.Invoices)).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/invoices/read");
        (await steveClient.GetAsync($"/api/v1/customers/{abc}/individuals"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/customerIndividuals/read");

        // Adam's e-mail says from which day his credentials work; he may set his password now but not sign in.
        var adamMail = await Mail.WaitForAsync(adam.Email);
        adamMail.Text().ShouldContain($"Your credentials work from {adamStarts.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} ({Zone})");
        await App.SetPasswordFromEmailAsync(Mail, adam);
        var early = await App.Anonymous().PostAsync("/api/v1/auth/login",
            new { realm = "customer", login = adam.Login, password = AccessTestData.IndividualPassword });
        early.ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.CredentialsNotYetActive);
        early["activationDate"].GetString().ShouldBe(adamStarts.ToString("yyyy-MM-dd"));
        early["timeZone"].GetString().ShouldBe(Zone);

        // On his first day (midnight in Los Angeles) Adam signs in, reads invoices, and cannot touch extensions.
        App.Clock.SetUtcNow(TimeZones.StartOf(adamStarts, Zone));
        var adamClient = await App.SignInAsync("customer", adam.Login, AccessTestData.IndividualPassword);
        (await adamClient.GetAsync(SectionProbes.Invoices)).ShouldHave(HttpStatusCode.OK);
        (await adamClient.PatchAsync(SectionProbes.Extensions, new { }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/extensions/modify");

        // The audit shows that Bob created both, to the provider and to ABC's reseller.
        admin = await App.AdminAsync();
        var audit = (await admin.GetAsync($"/api/v1/customers/{abc}/audit?actor={bob.Login}&entity=individual")).ShouldHave(HttpStatusCode.OK);
        audit.Items.Select(e => e.GetProperty("entityId").GetString()).ShouldBe([adam.Id.ToString(), steve.Id.ToString()]);
        foreach (var entry in audit.Items)
        {
            entry.GetProperty("action").GetString().ShouldBe("created");
            entry.GetProperty("actor").GetProperty("type").GetString().ShouldBe("individual");
            entry.GetProperty("actor").GetProperty("id").GetInt64().ShouldBe(bob.Id);
            entry.GetProperty("actor").GetProperty("login").GetString().ShouldBe(bob.Login);
        }
        var steveEntry = audit.Items.Single(e => e.GetProperty("entityId").GetString() == steve.Id.ToString());
        steveEntry.GetProperty("changes").GetProperty("roleId").GetProperty("new").GetInt64().ShouldBe(pbxAdmin);
        var reseller = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        (await reseller.GetAsync($"/api/v1/customers/{abc}/audit?actor={bob.Login}&entity=individual")).ShouldHave(HttpStatusCode.OK)
            ["total"].GetInt32().ShouldBe(2);

        // ABC's own main login keeps working beside its individuals, and sees all three.
        var main = await App.SignInAsync("customer", abcLogin, TestData.Password);
        var individuals = (await main.GetAsync($"/api/v1/customers/{abc}/individuals")).ShouldHave(HttpStatusCode.OK);
        individuals.Items.Select(i => i.GetProperty("login").GetString()).ShouldBe([bob.Login, steve.Login, adam.Login]);
        individuals.Items.Select(i => i.GetProperty("status").GetString()).ShouldAllBe(s => s == "active");
    }

    [Fact]
    public async Task CredentialsEmail_ThroughSmtp_IsAProperRfc5322Message()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync(name: TestData.Unique("Mail Co"));
        var role = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(customer, role);
        var individual = await admin.CreateIndividualAsync(customer, role, firstName: "Zoë");

        var message = await Mail.WaitForAsync(individual.Email);
        message.MessageId.ShouldStartWith("tollgate.outbox.");
        message.Date.ShouldBe(App.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));
        message.To.Mailboxes.Single().Name.ShouldBe("Zoë");
        message.Text().ShouldContain("Hello Zoë");
        var expires = App.Clock.GetUtcNow().AddHours(72);
        message.Text().ShouldContain($"until {expires.UtcDateTime:yyyy-MM-dd HH:mm} (UTC)");

        // Once delivered, the outbox keeps the message but not the single-use link in it.
        var row = await App.WaitForOutboxAsync(individual.Email, m => m.Status == Data.Outbox.OutboxStatus.Sent, "sent");
        row.Attempts.ShouldBe(1);
        row.Body.ShouldNotContain(Mailbox.TokenIn(message));
        JsonSerializer.Serialize(row).ShouldNotContain("token=");
    }
}

public sealed class AbcFlowTestsOnSqlite(AbcSqliteApp app) : AbcFlowTests(app), IClassFixture<AbcSqliteApp>;

public sealed class AbcFlowTestsOnPostgres(AbcPostgresApp app) : AbcFlowTests(app), IClassFixture<AbcPostgresApp>;
