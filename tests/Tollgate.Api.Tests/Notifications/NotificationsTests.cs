using Tollgate.Api.Features.Notifications;
using Tollgate.Api.Problems;
using Tollgate.Data.Access;

namespace Tollgate.Api.Tests.Notifications;

/// <summary>Each user's own notifications: listed newest first, read/unread, never another user's.</summary>
public abstract class NotificationsTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task NotifyAsync(Recipient to, string title)
    {
        await using var db = App.Database();
        await App.Service<INotifier>().NotifyAsync(db, to, new NotificationMessage("test.note", title, $"{title} text", "/api/v1/somewhere"), CancellationToken.None);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Notifications_AreListedNewestFirst_AndMarkedReadOrUnread()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("cust");
        var customer = await admin.CreateCustomerAsync(login: login);
        var client = await App.SignInAsync("customer", login, TestData.Password);
        var me = new Recipient(CredentialOwner.Customer, customer, null, customer, null);
        await NotifyAsync(me, "first");
        await NotifyAsync(me, "second");

        var all = (await client.GetAsync("/api/v1/notifications")).ShouldHave(HttpStatusCode.OK);
        all.Items.Select(n => n.GetProperty("title").GetString()).ShouldBe(["second", "first"]);
        all.Items.ShouldAllBe(n => !n.GetProperty("read").GetBoolean());
        var first = all.Items[1].GetProperty("id").GetInt64();

        var marked = (await client.PatchAsync($"/api/v1/notifications/{first}", new { read = true })).ShouldHave(HttpStatusCode.OK);
        marked["read"].GetBoolean().ShouldBeTrue();
        marked["readAt"].GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);
        (await client.GetAsync("/api/v1/notifications?unread=true"))["total"].GetInt32().ShouldBe(1);
        (await client.GetAsync("/api/v1/notifications?unread=false")).Items.Single().GetProperty("id").GetInt64().ShouldBe(first);

        (await client.PatchAsync($"/api/v1/notifications/{first}", new { read = false })).ShouldHave(HttpStatusCode.OK)["read"].GetBoolean().ShouldBeFalse();
        (await client.PostAsync("/api/v1/notifications/read-all")).ShouldHave(HttpStatusCode.OK)["marked"].GetInt32().ShouldBe(2);
        (await client.GetAsync("/api/v1/notifications?unread=true"))["total"].GetInt32().ShouldBe(0);
        (await client.PatchAsync($"/api/v1/notifications/{first}", new { })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("read").ShouldBe(["is required"]);
    }

    [Fact]
    public async Task Notifications_OfAnotherUser_AreNotFound()
    {
        var admin = await App.AdminAsync();
        var mineLogin = TestData.Unique("mine");
        await admin.CreateCustomerAsync(login: mineLogin);
        var theirsLogin = TestData.Unique("theirs");
        var reseller = await admin.CreateResellerAsync(theirsLogin);
        await NotifyAsync(new Recipient(CredentialOwner.Reseller, reseller, reseller, null, null), "for the reseller");
        var client = await App.SignInAsync("customer", mineLogin, TestData.Password);
        var resellerClient = await App.SignInAsync("reseller", theirsLogin, TestData.Password);
        var theirs = (await resellerClient.GetAsync("/api/v1/notifications")).Items.Single().GetProperty("id").GetInt64();

        (await client.GetAsync($"/api/v1/notifications/{theirs}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await client.PatchAsync($"/api/v1/notifications/{theirs}", new { read = true })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await client.GetAsync("/api/v1/notifications"))["total"].GetInt32().ShouldBe(0);
        (await client.PostAsync("/api/v1/notifications/read-all"))["marked"].GetInt32().ShouldBe(0);
        (await resellerClient.GetAsync($"/api/v1/notifications/{theirs}")).ShouldHave(HttpStatusCode.OK)["read"].GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Notifications_NeedASignIn()
    {
        (await App.Anonymous().GetAsync("/api/v1/notifications")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }
}

public sealed class NotificationsTestsOnSqlite(SqliteApp app) : NotificationsTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationsTestsOnPostgres(PostgresApp app) : NotificationsTests(app), IClassFixture<PostgresApp>;
