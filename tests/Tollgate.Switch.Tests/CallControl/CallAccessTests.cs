using Tollgate.Api.Problems;
using Tollgate.Switch.Api;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>The callControl permission governs the API; the event stream ends with the session that opened it.</summary>
[Collection(SippCollection.Name)]
public abstract class CallAccessTests(SwitchFixture f)
{
    [Fact]
    public async Task Individuals_AreGovernedByTheirRolesCallControlPermission()
    {
        var board = await f.SwitchboardAsync();
        var line = await f.LineAsync(board);
        var none = await board.Admin.CreateRoleAsync(new { extensions = "modify" });
        var reader = await board.Admin.CreateRoleAsync(new { callControl = "read" });
        var operatorRole = await board.Admin.CreateRoleAsync(new { callControl = "modify" });
        await board.Admin.AllowRolesAsync(board.Customer, none, reader, operatorRole);
        using var mail = new MailFolder(f.App.MailDirectory);
        var withoutIt = await f.App.ActivateAsync(mail, await board.Admin.CreateIndividualAsync(board.Customer, none));
        var readOnly = await f.App.ActivateAsync(mail, await board.Admin.CreateIndividualAsync(board.Customer, reader));
        var full = await f.App.ActivateAsync(mail, await board.Admin.CreateIndividualAsync(board.Customer, operatorRole));
        var dial = new { from = line.AccountId, to = "no-such-line" };

        (await withoutIt.GetAsync("/api/v1/calls")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/read");
        (await withoutIt.GetAsync("/api/v1/calls/events")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/read");
        (await withoutIt.PostAsync("/api/v1/calls", dial)).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");

        (await readOnly.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK);
        await using (await EventStreamReader.OpenAsync(readOnly))
        {
        }

        (await readOnly.PostAsync("/api/v1/calls", dial)).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");
        (await readOnly.DeleteAsync("/api/v1/calls/x")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");
        (await readOnly.PostAsync("/api/v1/calls/x/transfer", new { to = "x" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");

        // Past the permission check: billing finds no such destination, and there is no call x.
        (await full.PostAsync("/api/v1/calls", dial)).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CallControlProblems.DestinationUnreachable);
        (await full.DeleteAsync("/api/v1/calls/x")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await f.App.Anonymous().GetAsync("/api/v1/calls")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task EventStream_EndsWhenTheSessionIsSignedOut()
    {
        var board = await f.SwitchboardAsync();
        await using var events = await EventStreamReader.OpenAsync(board.Self);
        (await board.Self.PostAsync("/api/v1/auth/logout")).ShouldHave(HttpStatusCode.NoContent);

        // The stream notices at its next heartbeat, which the clock brings.
        f.Advance(TimeSpan.FromSeconds(CallEventStream.HeartbeatSeconds));
        await events.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        events.Comments.ShouldContain(c => c.Contains("session ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventStream_EndsWhenTheAccessTokenExpires_AndSendsHeartbeatsMeanwhile()
    {
        var board = await f.SwitchboardAsync();
        await using var events = await EventStreamReader.OpenAsync(board.Self);

        f.Advance(TimeSpan.FromSeconds(CallEventStream.HeartbeatSeconds));
        await events.WaitForCommentAsync("keep-alive");
        events.Closed.IsCompleted.ShouldBeFalse();

        f.Advance(TimeSpan.FromMinutes(15));
        await events.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        events.Comments.ShouldContain(c => c.Contains("token expired", StringComparison.Ordinal));
    }
}

public sealed class CallAccessTestsOnSqlite(SqliteSwitch f) : CallAccessTests(f), IClassFixture<SqliteSwitch>;

public sealed class CallAccessTestsOnPostgres(PostgresSwitch f) : CallAccessTests(f), IClassFixture<PostgresSwitch>;
