using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.CallControl;

/// <summary>The callControl permission governs the API; the event stream ends with the session that opened it.</summary>
public abstract class CallAccessTests(SwitchAppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Individuals_AreGovernedByTheirRolesCallControlPermission()
    {
        var world = await CallWorld.CustomerAsync(App);
        var line = await world.LineAsync("801");
        var none = await world.Admin.CreateRoleAsync(new { extensions = "modify" });
        var reader = await world.Admin.CreateRoleAsync(new { callControl = "read" });
        var operatorRole = await world.Admin.CreateRoleAsync(new { callControl = "modify" });
        await world.Admin.AllowRolesAsync(world.Customer, none, reader, operatorRole);
        var withoutIt = await App.ActivateAsync(fixture.Mail, await world.Admin.CreateIndividualAsync(world.Customer, none));
        var readOnly = await App.ActivateAsync(fixture.Mail, await world.Admin.CreateIndividualAsync(world.Customer, reader));
        var full = await App.ActivateAsync(fixture.Mail, await world.Admin.CreateIndividualAsync(world.Customer, operatorRole));
        var dial = new { from = line.AccountId, to = "802" };

        (await withoutIt.GetAsync("/api/v1/calls")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/read");
        (await withoutIt.GetAsync("/api/v1/calls/events")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/read");
        (await withoutIt.PostAsync("/api/v1/calls", dial)).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");

        (await readOnly.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK);
        await using (await EventStreamReader.OpenAsync(readOnly))
        {
        }

        (await readOnly.PostAsync("/api/v1/calls", dial)).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");
        (await readOnly.DeleteAsync("/api/v1/calls/x")).ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");
        (await readOnly.PostAsync("/api/v1/calls/x/transfer", new { to = "802" }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/callControl/modify");

        // Past the permission check, billing finds no line 802.
        (await full.PostAsync("/api/v1/calls", dial))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, Tollgate.Switch.Api.CallControlProblems.DestinationUnreachable);
        (await full.DeleteAsync("/api/v1/calls/x")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await App.Anonymous().GetAsync("/api/v1/calls")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task EventStream_EndsWhenTheSessionIsSignedOut()
    {
        var world = await CallWorld.CustomerAsync(App);
        await using var events = await EventStreamReader.OpenAsync(world.Self);
        (await world.Self.PostAsync("/api/v1/auth/logout")).ShouldHave(HttpStatusCode.NoContent);

        // The stream notices at its next heartbeat, which the clock brings.
        App.Clock.Advance(TimeSpan.FromSeconds(Tollgate.Switch.Api.CallEventStream.HeartbeatSeconds));
        await events.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        events.Comments.ShouldContain(c => c.Contains("session ended", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EventStream_EndsWhenTheAccessTokenExpires_AndSendsHeartbeatsMeanwhile()
    {
        var world = await CallWorld.CustomerAsync(App);
        await using var events = await EventStreamReader.OpenAsync(world.Self);

        App.Clock.Advance(TimeSpan.FromSeconds(Tollgate.Switch.Api.CallEventStream.HeartbeatSeconds));
        await events.WaitForCommentAsync("keep-alive");
        events.Closed.IsCompleted.ShouldBeFalse();

        App.Clock.Advance(TimeSpan.FromMinutes(15));
        await events.Closed.WaitAsync(TimeSpan.FromSeconds(30));
        events.Comments.ShouldContain(c => c.Contains("token expired", StringComparison.Ordinal));
    }
}

public sealed class CallAccessTestsOnSqlite(SwitchSqliteApp app) : CallAccessTests(app), IClassFixture<SwitchSqliteApp>;

public sealed class CallAccessTestsOnPostgres(SwitchPostgresApp app) : CallAccessTests(app), IClassFixture<SwitchPostgresApp>;
