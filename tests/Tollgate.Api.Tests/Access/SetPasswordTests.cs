using MimeKit;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Access;

/// <summary>Credentials e-mails without an SMTP server (.eml files in DATA/mail) and their single-use, 72-hour links.</summary>
public abstract class SetPasswordTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task<(ApiClient Admin, long Customer, TestIndividual Individual)> IndividualAsync()
    {
        var admin = await App.AdminAsync();
        var customer = await admin.CreateCustomerAsync(name: TestData.Unique("Eml Co"));
        var role = await admin.CreateRoleAsync(new { profile = "read" });
        await admin.AllowRolesAsync(customer, role);
        return (admin, customer, await admin.CreateIndividualAsync(customer, role, firstName: "Erin"));
    }

    private Task<ApiResponse> SetAsync(string token, string password = AccessTestData.IndividualPassword) =>
        App.Anonymous().PostAsync("/api/v1/auth/set-password", new { token, password });

    [Fact]
    public async Task WithoutSmtp_TheEmailIsAnEmlFileInTheMailFolder()
    {
        var (_, _, individual) = await IndividualAsync();
        var message = await fixture.Mail.WaitForAsync(individual.Email);

        var file = Directory.GetFiles(App.MailDirectory, "*.eml").Single(f => MimeMessage.Load(f).MessageId == message.MessageId);
        Path.GetFileName(file).ShouldStartWith(App.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'"));
        var raw = await File.ReadAllTextAsync(file);
        foreach (var header in new[] { "From:", "To:", "Subject:", "Date:", "Message-Id:", "MIME-Version: 1.0" }) raw.ShouldContain(header);
        raw.All(c => c < 128).ShouldBeTrue("the file is 7-bit clean RFC 5322");
        message.To.Mailboxes.Single().Address.ShouldBe(individual.Email);
        message.Text().ShouldContain($"Login:   {individual.Login}");
        Directory.GetFiles(App.MailDirectory, ".*.tmp").ShouldBeEmpty("a message appears whole, under its final name");
    }

    [Fact]
    public async Task Link_WorksOnce()
    {
        var (_, _, individual) = await IndividualAsync();
        var token = Mailbox.TokenIn(await fixture.Mail.WaitForAsync(individual.Email));
        var done = (await SetAsync(token)).ShouldHave(HttpStatusCode.OK);
        done["realm"].GetString().ShouldBe("customer");
        done["login"].GetString().ShouldBe(individual.Login);
        await App.SignInAsync("customer", individual.Login, AccessTestData.IndividualPassword);

        var again = (await SetAsync(token, "another-password-2")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.InvalidSetPasswordToken);
        again.ErrorsFor("token").Single().ShouldContain("already used");
        await App.SignInAsync("customer", individual.Login, AccessTestData.IndividualPassword);
        (await SetAsync("no-such-token")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.InvalidSetPasswordToken);
    }

    [Fact]
    public async Task Link_ExpiresAfter72Hours()
    {
        var (_, _, late) = await IndividualAsync();
        var (_, _, inTime) = await IndividualAsync();
        var lateToken = Mailbox.TokenIn(await fixture.Mail.WaitForAsync(late.Email));
        var inTimeToken = Mailbox.TokenIn(await fixture.Mail.WaitForAsync(inTime.Email));

        App.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromSeconds(1));
        (await SetAsync(inTimeToken)).ShouldHave(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        (await SetAsync(lateToken)).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.InvalidSetPasswordToken)
            .ErrorsFor("token").Single().ShouldContain("expired");
    }

    [Fact]
    public async Task WeakPassword_IsRefusedAndTheLinkStillWorks()
    {
        var (_, _, individual) = await IndividualAsync();
        var token = Mailbox.TokenIn(await fixture.Mail.WaitForAsync(individual.Email));
        (await SetAsync(token, "short")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("password").ShouldContain("must be at least 10 characters long");
        (await SetAsync(token, individual.Login.ToUpperInvariant())).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("password").ShouldContain("must not be the login");
        (await SetAsync(token)).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NewLink_RetiresTheUnusedOldOne_AndSettingAPasswordEndsOpenSessions()
    {
        var (admin, customer, individual) = await IndividualAsync();
        var client = await App.ActivateAsync(fixture.Mail, individual);
        var resend = $"/api/v1/customers/{customer}/individuals/{individual.Id}/credentials-email";
        var seen = new HashSet<string> { Mailbox.TokenIn(await fixture.Mail.WaitForAsync(individual.Email)) };

        async Task<MimeMessage> NextLinkAsync()
        {
            (await admin.PostAsync(resend)).ShouldHave(HttpStatusCode.Accepted)["sentTo"].GetString().ShouldBe(individual.Email);
            var message = await fixture.Mail.WaitForAsync(
                m => m.To.Mailboxes.Any(a => a.Address == individual.Email) && !seen.Contains(Mailbox.TokenIn(m)), "with a new link");
            seen.Add(Mailbox.TokenIn(message));
            return message;
        }

        var unused = await NextLinkAsync();
        unused.Text().ShouldContain("here is a new link");
        var newest = await NextLinkAsync();
        (await SetAsync(Mailbox.TokenIn(unused), "older-link-password")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.InvalidSetPasswordToken)
            .ErrorsFor("token").Single().ShouldContain("replaced by a newer one");
        (await SetAsync(Mailbox.TokenIn(newest), "newest-link-password")).ShouldHave(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
        await App.SignInAsync("customer", individual.Login, "newest-link-password");
    }

    [Fact]
    public async Task SetPasswordPage_IsServedWithoutCacheOrReferrer()
    {
        var page = (await App.Anonymous().GetAsync("/set-password?token=abc")).ShouldHave(HttpStatusCode.OK);
        page.MediaType.ShouldBe("text/html");
        page.Headers["Cache-Control"].ShouldBe("no-store");
        page.Headers["Referrer-Policy"].ShouldBe("no-referrer");
        page.Text.ShouldContain("/api/v1/auth/set-password");
    }
}

public sealed class SetPasswordTestsOnSqlite(SqliteApp app) : SetPasswordTests(app), IClassFixture<SqliteApp>;

public sealed class SetPasswordTestsOnPostgres(PostgresApp app) : SetPasswordTests(app), IClassFixture<PostgresApp>;
