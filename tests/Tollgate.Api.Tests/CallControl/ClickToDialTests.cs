using Tollgate.Api.Tests.Centrex;

namespace Tollgate.Api.Tests.CallControl;

/// <summary>Click-to-dial and disconnect through the API, with sipp playing both phones over real loopback sockets.</summary>
[Collection(SippCalls.Name)]
public abstract class ClickToDialTests(SwitchAppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task ClickToDial_BothPhonesAnswer_TheyAreConnectedAndTheCallIsBilledToFrom()
    {
        var world = await CallWorld.CustomerAsync(App);
        var from = await world.LineAsync("201");
        var to = await world.LineAsync("202");
        await using var phoneA = SippPhone.Start("phone-a", reinvites: 1);
        await using var phoneB = SippPhone.Start("phone-b");
        await fixture.RegisterAsync(from, phoneA);
        await fixture.RegisterAsync(to, phoneB);
        await using var events = await EventStreamReader.OpenAsync(world.Self);

        var started = (await world.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = to.Extension })).ShouldHave(HttpStatusCode.Accepted);
        var id = started["id"].GetString()!;
        started.Headers["Location"].ShouldBe($"/api/v1/calls/{id}");
        started["kind"].GetString().ShouldBe("clickToDial");
        started["state"].GetString().ShouldBe("ringing");
        started["ringing"].GetString().ShouldBe("caller");
        started["caller"].GetProperty("accountId").GetString().ShouldBe(from.AccountId);
        started["callee"].GetProperty("accountId").GetString().ShouldBe(to.AccountId);
        started["callee"].GetProperty("number").GetString().ShouldBe("202");
        started["billedAccountId"].GetString().ShouldBe(from.AccountId);

        var first = await events.NextOfAsync(id);
        (first.State, first.Json.GetProperty("call").GetProperty("ringing").GetString()).ShouldBe(("ringing", "caller"));
        var second = await events.NextOfAsync(id);
        (second.State, second.Json.GetProperty("call").GetProperty("ringing").GetString()).ShouldBe(("ringing", "callee"));
        var answered = await events.NextOfAsync(id);
        answered.State.ShouldBe("answered");
        answered.Json.GetProperty("call").GetProperty("answeredAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);

        var live = (await world.Self.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK);
        live["state"].GetString().ShouldBe("answered");
        var list = (await world.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK);
        list.Items.ShouldContain(c => c.GetProperty("id").GetString() == id);

        (await world.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        var ended = await events.NextOfAsync(id);
        (ended.State, ended.Json.GetProperty("reason").GetString(), ended.Json.GetProperty("side").GetString())
            .ShouldBe(("ended", "call-control", "switch"));

        var a = await phoneA.ExitAsync();
        var b = await phoneB.ExitAsync();
        a.ExitCode.ShouldBe(0, a.Output);
        b.ExitCode.ShouldBe(0, b.Output);
        a.StartLines().ShouldBe(["INVITE", "180", "200", "ACK", "INVITE", "200", "ACK", "BYE", "200"], a.Messages);
        b.StartLines().ShouldBe(["INVITE", "180", "200", "ACK", "BYE", "200"], b.Messages);
        // Flow IV: the first phone is offered the switch's hold SDP, the second the first phone's SDP, and the first phone then the second's.
        a.Invites()[0].ShouldContain("o=tollgate ");
        a.Invites()[0].ShouldContain("m=audio 9 RTP/AVP");
        b.Invites()[0].ShouldContain("o=phone-a ");
        a.Invites()[1].ShouldContain("o=phone-b ");
        b.Invites()[0].ShouldContain($"From: <sip:{from.AccountId}@");

        (await world.Self.GetAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, Tollgate.Api.Problems.ProblemTypes.NotFound);
        var cdrs = (await world.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK);
        var cdr = cdrs.Items.Single(c => c.GetProperty("callId").GetString() == id);
        cdr.GetProperty("account").GetString().ShouldBe(from.AccountId);
        cdr.GetProperty("callerAccount").GetString().ShouldBe(from.AccountId);
        cdr.GetProperty("calleeAccount").GetString().ShouldBe(to.AccountId);
        cdr.GetProperty("calledNumber").GetString().ShouldBe("202");
        cdr.GetProperty("connectAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
        cdr.GetProperty("disconnectReason").GetString().ShouldBe("call-control");
    }

    [Fact]
    public async Task Disconnect_WhileTheFromPhoneRings_CancelsItAndRecordsCallControl()
    {
        var world = await CallWorld.CustomerAsync(App);
        var from = await world.LineAsync("301");
        var to = await world.LineAsync("302");
        await using var phoneA = SippPhone.Start("phone-a", answer: false);
        await fixture.RegisterAsync(from, phoneA);
        await SipRegistration.RegisterAsync(fixture.Sip, to.AccountId, to.SipPassword, "<sip:never-called@127.0.0.1:9>");
        await using var events = await EventStreamReader.OpenAsync(world.Self);

        var id = (await world.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = to.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        (await events.NextOfAsync(id)).State.ShouldBe("ringing");
        var ringing = (await world.Self.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK);
        (ringing["state"].GetString(), ringing["ringing"].GetString()).ShouldBe(("ringing", "caller"));

        (await world.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        var ended = await events.NextOfAsync(id);
        (ended.State, ended.Json.GetProperty("reason").GetString()).ShouldBe(("ended", "call-control"));
        ended.Json.GetProperty("call").GetProperty("answeredAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var a = await phoneA.ExitAsync();
        a.ExitCode.ShouldBe(0, a.Output);
        a.StartLines().ShouldBe(["INVITE", "180", "CANCEL", "200", "487", "ACK"], a.Messages);
        var cdr = (await world.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK)
            .Items.Single(c => c.GetProperty("callId").GetString() == id);
        cdr.GetProperty("connectAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        cdr.GetProperty("billedSeconds").GetInt32().ShouldBe(0);
        cdr.GetProperty("disconnectReason").GetString().ShouldBe("call-control");
    }

    [Fact]
    public async Task ClickToDial_RefusedOrUnreachable_AnswersAtOnceAndRingsNobody()
    {
        var world = await CallWorld.CustomerAsync(App);
        var from = await world.LineAsync("401");
        var unregistered = await world.LineAsync("402");

        // The from account has no registered phone: nothing to ring.
        var notRegistered = await world.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = "402" });
        notRegistered.ShouldBeProblem(HttpStatusCode.Conflict, Tollgate.Switch.Api.CallControlProblems.NotRegistered);
        notRegistered.ErrorsFor("from").ShouldNotBeEmpty();

        await using var phoneA = SippPhone.Start("phone-a");
        await fixture.RegisterAsync(from, phoneA);
        var nowhere = await world.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = "nobody-here" });
        nowhere.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, Tollgate.Switch.Api.CallControlProblems.DestinationUnreachable);
        nowhere.ErrorsFor("to").ShouldNotBeEmpty();
        nowhere["sipStatus"].GetInt32().ShouldBe(404);

        var offline = await world.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = unregistered.Extension });
        offline.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, Tollgate.Switch.Api.CallControlProblems.DestinationUnreachable);
        offline["sipStatus"].GetInt32().ShouldBe(480);

        (await world.Self.GetAsync($"/api/v1/calls?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK).Items.ShouldBeEmpty();
        // The switch hands CDRs to a group-commit writer and answers the API without waiting for the write: wait for the
        // three rows (bounded), then compare.
        var cdrs = (await world.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK).Items;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); cdrs.Count < 3 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(50);
            cdrs = (await world.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK).Items;
        }
        // Every attempt ends in a CDR, the one to a number nobody has too: refused by the switch.
        cdrs.Select(c => (c.GetProperty("disconnectReason").GetString(), c.GetProperty("disconnectSide").GetString())).Order()
            .ShouldBe([("not-registered", "callee"), ("not-registered", "caller"), ("refused", "switch")]);
    }

    [Fact]
    public async Task ClickToDial_BadBody_NamesEveryField()
    {
        var world = await CallWorld.CustomerAsync(App);
        var bad = await world.Self.PostAsync("/api/v1/calls", new { from = "", to = "12 34", extra = 1 });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, Tollgate.Api.Problems.ProblemTypes.Validation);
        bad.ErrorsFor("extra").ShouldNotBeEmpty();

        var invalid = await world.Self.PostAsync("/api/v1/calls", new { from = "", to = "12 34" });
        invalid.ShouldBeProblem(HttpStatusCode.BadRequest, Tollgate.Api.Problems.ProblemTypes.Validation);
        invalid.ErrorsFor("from").ShouldNotBeEmpty();
        invalid.ErrorsFor("to").ShouldNotBeEmpty();

        var missing = await world.Self.PostAsync("/api/v1/calls", new { to = "123" });
        missing.ShouldBeProblem(HttpStatusCode.BadRequest, Tollgate.Api.Problems.ProblemTypes.Validation);
        missing.ErrorsFor("from").ShouldBe(["is required"]);
    }
}

public sealed class ClickToDialTestsOnSqlite(SwitchSqliteApp app) : ClickToDialTests(app), IClassFixture<SwitchSqliteApp>;

public sealed class ClickToDialTestsOnPostgres(SwitchPostgresApp app) : ClickToDialTests(app), IClassFixture<SwitchPostgresApp>;
