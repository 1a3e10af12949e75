using System.Text.Json;
using Tollgate.Api.Problems;
using Tollgate.Switch.Api;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>Click-to-dial, live calls and disconnect through the API, with sipp playing the phones over real loopback sockets.</summary>
[Collection(SippCollection.Name)]
public abstract class ClickToDialTests(SwitchFixture f)
{
    [Fact]
    public async Task ClickToDial_BothPhonesAnswer_TheyAreConnectedAndTheCallIsBilledToFrom()
    {
        var board = await f.SwitchboardAsync();
        var (from, to) = (await f.LineAsync(board), await f.LineAsync(board));
        await using var phoneA = await f.PhoneAsync(from, Switchboards.Answering("phone-a", reinvites: 1));
        await using var phoneB = await f.PhoneAsync(to, Switchboards.Answering("phone-b"));
        await using var events = await EventStreamReader.OpenAsync(board.Self);

        var started = (await board.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = to.AccountId })).ShouldHave(HttpStatusCode.Accepted);
        var id = started["id"].GetString()!;
        started.Headers["Location"].ShouldBe($"/api/v1/calls/{id}");
        started["kind"].GetString().ShouldBe("clickToDial");
        started["state"].GetString().ShouldBe("ringing");
        started["ringing"].GetString().ShouldBe("caller");
        started["caller"].GetProperty("accountId").GetString().ShouldBe(from.AccountId);
        started["callee"].GetProperty("accountId").GetString().ShouldBe(to.AccountId);
        started["billedAccountId"].GetString().ShouldBe(from.AccountId);

        var first = await events.NextOfAsync(id);
        (first.State, first.Json.GetProperty("call").GetProperty("ringing").GetString()).ShouldBe(("ringing", "caller"));
        var second = await events.NextOfAsync(id);
        (second.State, second.Json.GetProperty("call").GetProperty("ringing").GetString()).ShouldBe(("ringing", "callee"));
        var answered = await events.NextOfAsync(id);
        answered.State.ShouldBe("answered");
        answered.Json.GetProperty("call").GetProperty("answeredAt").ValueKind.ShouldBe(JsonValueKind.String);

        (await board.Self.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK)["state"].GetString().ShouldBe("answered");
        (await board.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items.ShouldContain(c => c.GetProperty("id").GetString() == id);

        (await board.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        var ended = await events.NextOfAsync(id);
        (ended.State, ended.Json.GetProperty("reason").GetString(), ended.Json.GetProperty("side").GetString())
            .ShouldBe(("ended", "call-control", "switch"));

        var a = await phoneA.SucceedsAsync("from phone");
        var b = await phoneB.SucceedsAsync("to phone");
        a.Flow().ShouldBe(["INVITE", "180", "200", "ACK", "INVITE", "200", "ACK", "BYE", "200"]);
        b.Flow().ShouldBe(["INVITE", "180", "200", "ACK", "BYE", "200"]);
        // RFC 3725 Flow IV: the first phone is offered the switch's hold SDP, the second the first phone's, the first then the second's.
        var (hold, reoffer) = (a.ReceivedRequests("INVITE")[0], a.ReceivedRequests("INVITE")[1]);
        hold.Origin.ShouldStartWith("o=tollgate ");
        hold.Body.ShouldContain("m=audio 9 RTP/AVP");
        b.ReceivedRequests("INVITE")[0].Origin.ShouldStartWith("o=phone-a ");
        b.ReceivedRequests("INVITE")[0].Header("From").ShouldStartWith($"<sip:{from.AccountId}@");
        reoffer.Origin.ShouldStartWith("o=phone-b ");

        (await board.Self.GetAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var cdr = (await board.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK)
            .Items.Single(c => c.GetProperty("callId").GetString() == id);
        cdr.GetProperty("account").GetString().ShouldBe(from.AccountId);
        cdr.GetProperty("callerAccount").GetString().ShouldBe(from.AccountId);
        cdr.GetProperty("calleeAccount").GetString().ShouldBe(to.AccountId);
        cdr.GetProperty("connectAt").ValueKind.ShouldBe(JsonValueKind.String);
        cdr.GetProperty("disconnectReason").GetString().ShouldBe("call-control");
    }

    [Fact]
    public async Task Disconnect_WhileTheFromPhoneRings_CancelsItAndRecordsCallControl()
    {
        var board = await f.SwitchboardAsync();
        var (from, to) = (await f.LineAsync(board), await f.LineAsync(board));
        await using var phoneA = await f.PhoneAsync(from, Switchboards.RingingUntilCancelled("phone-a"));
        await f.RegisterNowhereAsync(to);
        await using var events = await EventStreamReader.OpenAsync(board.Self);

        var id = (await board.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = to.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        (await events.NextOfAsync(id)).State.ShouldBe("ringing");
        var ringing = (await board.Self.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK);
        (ringing["state"].GetString(), ringing["ringing"].GetString()).ShouldBe(("ringing", "caller"));

        (await board.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        var ended = await events.NextOfAsync(id);
        (ended.State, ended.Json.GetProperty("reason").GetString()).ShouldBe(("ended", "call-control"));
        ended.Json.GetProperty("call").GetProperty("answeredAt").ValueKind.ShouldBe(JsonValueKind.Null);

        (await phoneA.SucceedsAsync("from phone")).Flow().ShouldBe(["INVITE", "180", "CANCEL", "200", "487", "ACK"]);
        var cdr = (await board.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK)
            .Items.Single(c => c.GetProperty("callId").GetString() == id);
        cdr.GetProperty("connectAt").ValueKind.ShouldBe(JsonValueKind.Null);
        cdr.GetProperty("billedSeconds").GetInt32().ShouldBe(0);
        cdr.GetProperty("disconnectReason").GetString().ShouldBe("call-control");
    }

    [Fact]
    public async Task CallsPhonesPlace_AreListedRingingThenAnswered_AndDisconnectEndsThemEitherWay()
    {
        var board = await f.SwitchboardAsync();
        var (caller, callee) = (await f.LineAsync(board), await f.LineAsync(board));
        await using var events = await EventStreamReader.OpenAsync(board.Self);

        // Ringing: the operator disconnects, the caller hears 480 and the callee's phone is cancelled.
        await using (var ringing = await f.PhoneAsync(callee, Switchboards.RingingUntilCancelled("callee")))
        await using (var phone = f.Call(new SippScript(caller.AccountId).Invite(callee.AccountId, caller.Password).ExpectFailure(480), callee.AccountId))
        {
            var rung = await events.NextAsync(m => m.State == "ringing");
            var call = (await board.Self.GetAsync($"/api/v1/calls/{Uri.EscapeDataString(rung.CallId!)}")).ShouldHave(HttpStatusCode.OK);
            (call["kind"].GetString(), call["state"].GetString(), call["ringing"].GetString()).ShouldBe(("call", "ringing", "callee"));
            call["caller"].GetProperty("accountId").GetString().ShouldBe(caller.AccountId);
            call["callee"].GetProperty("accountId").GetString().ShouldBe(callee.AccountId);
            (await board.Self.DeleteAsync($"/api/v1/calls/{Uri.EscapeDataString(rung.CallId!)}")).ShouldHave(HttpStatusCode.Accepted);
            (await events.NextOfAsync(rung.CallId!)).Json.GetProperty("reason").GetString().ShouldBe("call-control");
            (await phone.SucceedsAsync("caller")).Received.Single(m => m.Status == 480).StartLine.ShouldBe("SIP/2.0 480 Disconnected");
            await ringing.SucceedsAsync("callee");
            (await f.CdrAsync(rung.CallId!)).DisconnectReason.ShouldBe("call-control");
        }

        // Answered: the operator disconnects, both phones get BYE.
        await using (var answering = await f.PhoneAsync(callee, Switchboards.Answering("callee")))
        await using (var phone = f.Call(new SippScript(caller.AccountId).Invite(callee.AccountId, caller.Password).ExpectAnswer().ReceiveBye(), callee.AccountId))
        {
            var rung = await events.NextAsync(m => m.State == "ringing");
            (await events.NextOfAsync(rung.CallId!)).State.ShouldBe("answered");
            (await board.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items
                .ShouldContain(c => c.GetProperty("id").GetString() == rung.CallId && c.GetProperty("state").GetString() == "answered");
            (await board.Self.DeleteAsync($"/api/v1/calls/{Uri.EscapeDataString(rung.CallId!)}")).ShouldHave(HttpStatusCode.Accepted);
            (await events.NextOfAsync(rung.CallId!)).State.ShouldBe("ended");
            await phone.SucceedsAsync("caller");
            await answering.SucceedsAsync("callee");
            var cdr = await f.CdrAsync(rung.CallId!);
            (cdr.DisconnectReason, cdr.DisconnectSide).ShouldBe(("call-control", "switch"));
            cdr.ConnectAt.ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task ClickToDial_RefusedOrUnreachable_AnswersAtOnceAndRingsNobody()
    {
        var board = await f.SwitchboardAsync();
        var (from, offline) = (await f.LineAsync(board), await f.LineAsync(board));

        // The from account has no registered phone: nothing to ring.
        var notRegistered = await board.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = offline.AccountId });
        notRegistered.ShouldBeProblem(HttpStatusCode.Conflict, CallControlProblems.NotRegistered);
        notRegistered.ErrorsFor("from").ShouldNotBeEmpty();

        await f.RegisterNowhereAsync(from);
        var nowhere = await board.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = "nobody-here" });
        nowhere.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CallControlProblems.DestinationUnreachable);
        nowhere.ErrorsFor("to").ShouldNotBeEmpty();
        nowhere["sipStatus"].GetInt32().ShouldBe(404);

        var unregistered = await board.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = offline.AccountId });
        unregistered.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CallControlProblems.DestinationUnreachable);
        unregistered["sipStatus"].GetInt32().ShouldBe(480);

        (await board.Admin.PostAsync($"/api/v1/accounts/{from.Key}/block")).ShouldHave(HttpStatusCode.OK);
        var blocked = await board.Self.PostAsync("/api/v1/calls", new { from = from.AccountId, to = offline.AccountId });
        blocked.ShouldBeProblem(HttpStatusCode.Conflict, CallControlProblems.CallRefused);
        blocked.ErrorsFor("from").ShouldNotBeEmpty();
        blocked["sipReason"].GetString().ShouldBe("Account Blocked");

        (await board.Self.GetAsync($"/api/v1/calls?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK).Items.ShouldBeEmpty();
        var cdrs = (await board.Self.GetAsync($"/api/v1/cdrs?accountId={from.AccountId}")).ShouldHave(HttpStatusCode.OK).Items;
        cdrs.Select(c => (c.GetProperty("disconnectReason").GetString(), c.GetProperty("disconnectSide").GetString())).Order()
            .ShouldBe([("not-registered", "callee"), ("not-registered", "caller"), ("refused", "switch"), ("refused", "switch")]);
    }

    [Fact]
    public async Task ClickToDial_BadBody_NamesEveryField()
    {
        var board = await f.SwitchboardAsync();
        var bad = await board.Self.PostAsync("/api/v1/calls", new { from = "", to = "12 34", extra = 1 });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("extra").ShouldNotBeEmpty();

        var invalid = await board.Self.PostAsync("/api/v1/calls", new { from = "", to = "12 34" });
        invalid.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        invalid.ErrorsFor("from").ShouldNotBeEmpty();
        invalid.ErrorsFor("to").ShouldNotBeEmpty();

        var missing = await board.Self.PostAsync("/api/v1/calls", new { to = "123" });
        missing.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        missing.ErrorsFor("from").ShouldBe(["is required"]);
    }
}

public sealed class ClickToDialTestsOnSqlite(SqliteSwitch f) : ClickToDialTests(f), IClassFixture<SqliteSwitch>;

public sealed class ClickToDialTestsOnPostgres(PostgresSwitch f) : ClickToDialTests(f), IClassFixture<PostgresSwitch>;
