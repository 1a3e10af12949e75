using System.Net;
using System.Net.Sockets;
using SmtpServer.Protocol;
using Tollgate.Api.Outbox;
using Tollgate.Data;
using Tollgate.Data.Outbox;

namespace Tollgate.Api.Tests.Outbox;

/// <summary>The outbox delivers over real SMTP, retries on the injected clock, and never loses a message.</summary>
public abstract class OutboxDeliveryTests(SmtpAppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static async Task<string> QueueAsync(TollgateTestApp app)
    {
        var to = $"{TestData.Unique("to")}@example.test";
        await using var db = app.Service<TollgateDbFactory>().CreateSystem();
        app.Service<IOutbox>().Enqueue(db, new OutgoingEmail(to, "Test Person", "Outbox test", "Hello.\nThis is a test.\n"));
        await db.SaveChangesAsync();
        return to;
    }

    [Fact]
    public async Task TemporaryRefusal_IsRetriedAfterOneThenTwoMinutes_AndDelivered()
    {
        var refusedBefore = fixture.Smtp.Refused;
        fixture.Smtp.RefuseNext(2, (SmtpReplyCode)450, "mailbox busy, try later");
        var to = await QueueAsync(App);

        var first = await App.WaitForOutboxAsync(to, m => m.Attempts == 1, "refused once", workerAsleep: true);
        first.Status.ShouldBe(OutboxStatus.Pending);
        first.LastError!.ShouldContain("450");
        first.NextAttemptAt.ShouldBe(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await App.WaitForOutboxAsync(to, m => m.Attempts == 2, "refused twice", workerAsleep: true);
        second.NextAttemptAt.ShouldBe(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), "the wait doubles");

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var message = await fixture.Smtp.WaitForAsync(to);
        message.Subject.ShouldBe("Outbox test");
        message.Text().ShouldContain("This is a test.");
        var sent = await App.WaitForOutboxAsync(to, m => m.Status == OutboxStatus.Sent, "sent");
        sent.Attempts.ShouldBe(3);
        sent.LastError.ShouldBeNull();
        (fixture.Smtp.Refused - refusedBefore).ShouldBe(2);
    }

    [Fact]
    public async Task PermanentRefusal_IsMarkedFailedAndKept_NotRetried()
    {
        fixture.Smtp.RefuseNext(1, (SmtpReplyCode)550, "no such mailbox");
        var to = await QueueAsync(App);
        var failed = await App.WaitForOutboxAsync(to, m => m.Status == OutboxStatus.Failed, "failed", workerAsleep: true);
        failed.Attempts.ShouldBe(1);
        failed.LastError!.ShouldContain("550");
        failed.Body.ShouldContain("This is a test.", Case.Sensitive, "a failed message keeps what it was to say");

        App.Clock.Advance(TimeSpan.FromHours(2));
        (await App.Service<OutboxWorker>().DeliverDueAsync(CancellationToken.None)).ShouldBeNull("nothing is left pending");
        (await App.WaitForOutboxAsync(to, _ => true, "read")).Attempts.ShouldBe(1);
        fixture.Smtp.Received.ShouldNotContain(m => m.To.ToString().Contains(to));
    }

    [Fact]
    public async Task UnreachableServer_KeepsTheMessageUntilItIsBack_AndGivesUpOnlyAfter72Hours()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var app = await TollgateTestApp.StartAsync(fixture.Kind, new Dictionary<string, string?>
        {
            ["Tollgate:Smtp:Host"] = "127.0.0.1", ["Tollgate:Smtp:Port"] = port.ToString(), ["Tollgate:Smtp:UseTls"] = "false",
        });

        var early = await QueueAsync(app);
        (await app.WaitForOutboxAsync(early, m => m.Attempts == 1, "tried once", workerAsleep: true)).LastError!.ShouldContain("cannot reach");
        await using (var smtp = TestSmtpServer.Start(port))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            (await smtp.WaitForAsync(early)).Subject.ShouldBe("Outbox test");
            await app.WaitForOutboxAsync(early, m => m.Status == OutboxStatus.Sent, "sent", workerAsleep: true);
        }

        var late = await QueueAsync(app);
        await app.WaitForOutboxAsync(late, m => m.Attempts == 1, "tried once", workerAsleep: true);
        app.Clock.Advance(TimeSpan.FromHours(71));
        var stillTrying = await app.WaitForOutboxAsync(late, m => m.Attempts == 2, "tried twice", workerAsleep: true);
        stillTrying.Status.ShouldBe(OutboxStatus.Pending);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var given = await app.WaitForOutboxAsync(late, m => m.Status == OutboxStatus.Failed, "failed", workerAsleep: true);
        given.Attempts.ShouldBe(3);
        given.Body.ShouldContain("This is a test.");
    }

    [Fact]
    public void BackOff_DoublesFromOneMinuteUpToAnHour()
    {
        Enumerable.Range(1, 9).Select(n => OutboxWorker.BackOff(n).TotalMinutes).ShouldBe([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}

public sealed class OutboxDeliveryTestsOnSqlite(SqliteSmtpApp app) : OutboxDeliveryTests(app), IClassFixture<SqliteSmtpApp>;

public sealed class OutboxDeliveryTestsOnPostgres(PostgresSmtpApp app) : OutboxDeliveryTests(app), IClassFixture<PostgresSmtpApp>;
