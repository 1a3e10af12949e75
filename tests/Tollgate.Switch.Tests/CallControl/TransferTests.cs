using System.Text.Json;
using Tollgate.Api.Problems;
using Tollgate.Switch.Api;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>Blind transfer through the API, with sipp playing the phones.</summary>
[Collection(SippCollection.Name)]
public abstract class TransferTests(SwitchFixture f)
{
    [Fact]
    public async Task Transfer_RemoteParty_IsReInvitedAndConnectedToTheNewTarget_WithOneCdrEndingAndAnotherBeginning()
    {
        var board = await f.SwitchboardAsync();
        var (a, b, c) = (await f.LineAsync(board), await f.LineAsync(board), await f.LineAsync(board));
        await using var phoneA = await f.PhoneAsync(a, Switchboards.Answering("phone-a", reinvites: 1));
        await using var phoneB = await f.PhoneAsync(b, Switchboards.Answering("phone-b", reinvites: 1));
        await using var phoneC = await f.PhoneAsync(c, Switchboards.Answering("phone-c"));
        await using var events = await EventStreamReader.OpenAsync(board.Self);
        var id = (await board.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = b.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await events.NextAsync(m => m.CallId == id && m.State == "answered");

        // A destination that leads nowhere is refused, and the call goes on as it was.
        var nowhere = await board.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = "no-such-line" });
        nowhere.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CallControlProblems.DestinationUnreachable);
        nowhere.ErrorsFor("to").ShouldNotBeEmpty();
        (await board.Self.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK)["state"].GetString().ShouldBe("answered");

        // The remote party of a click-to-dial call is its callee: B stays, A is hung up, C is called for B.
        var moved = (await board.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = c.AccountId })).ShouldHave(HttpStatusCode.Accepted);
        var newId = moved["id"].GetString()!;
        newId.ShouldNotBe(id);
        moved.Headers["Location"].ShouldBe($"/api/v1/calls/{newId}");
        moved["kind"].GetString().ShouldBe("transfer");
        moved["transferredFrom"].GetString().ShouldBe(id);
        moved["caller"].GetProperty("accountId").GetString().ShouldBe(b.AccountId);
        moved["callee"].GetProperty("accountId").GetString().ShouldBe(c.AccountId);
        moved["billedAccountId"].GetString().ShouldBe(a.AccountId);

        var transferred = await events.NextOfAsync(id);
        (transferred.State, transferred.Json.GetProperty("transferredTo").GetString(), transferred.Json.GetProperty("reason").GetString())
            .ShouldBe(("transferred", newId, "transferred"));
        (await events.NextOfAsync(newId)).State.ShouldBe("ringing");
        (await events.NextOfAsync(newId)).State.ShouldBe("answered");
        (await phoneA.SucceedsAsync("dropped phone")).Flow().ShouldBe(["INVITE", "180", "200", "ACK", "INVITE", "200", "ACK", "BYE", "200"]);

        var live = (await board.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items.Select(i => i.GetProperty("id").GetString()).ToList();
        live.ShouldContain(newId);
        live.ShouldNotContain(id);
        (await board.Self.DeleteAsync($"/api/v1/calls/{newId}")).ShouldHave(HttpStatusCode.Accepted);
        (await events.NextOfAsync(newId)).State.ShouldBe("ended");

        var kept = await phoneB.SucceedsAsync("transferred phone");
        var target = await phoneC.SucceedsAsync("new target");
        kept.Flow().ShouldBe(["INVITE", "180", "200", "ACK", "INVITE", "200", "ACK", "BYE", "200"]);
        target.Flow().ShouldBe(["INVITE", "180", "200", "ACK", "BYE", "200"]);
        target.ReceivedRequests("INVITE")[0].Origin.ShouldStartWith("o=phone-b ");
        kept.ReceivedRequests("INVITE")[1].Origin.ShouldStartWith("o=phone-c ");

        var cdrs = (await board.Self.GetAsync($"/api/v1/cdrs?accountId={a.AccountId}")).ShouldHave(HttpStatusCode.OK).Items;
        var before = cdrs.Single(r => r.GetProperty("callId").GetString() == id);
        var after = cdrs.Single(r => r.GetProperty("callId").GetString() == newId);
        before.GetProperty("disconnectReason").GetString().ShouldBe("transferred");
        before.GetProperty("calleeAccount").GetString().ShouldBe(b.AccountId);
        after.GetProperty("account").GetString().ShouldBe(a.AccountId);
        after.GetProperty("callingNumber").GetString().ShouldBe(b.AccountId);
        after.GetProperty("calleeAccount").GetString().ShouldBe(c.AccountId);
        after.GetProperty("connectAt").ValueKind.ShouldBe(JsonValueKind.String);
        after.GetProperty("disconnectReason").GetString().ShouldBe("call-control");
    }

    [Fact]
    public async Task Transfer_OfACallAPhonePlaced_HandsTheCallerOnAndTheReceptionistPays()
    {
        var board = await f.SwitchboardAsync();
        var (caller, receptionist, colleague) = (await f.LineAsync(board), await f.LineAsync(board), await f.LineAsync(board));
        await using var desk = await f.PhoneAsync(receptionist, Switchboards.Answering("desk"));
        await using var target = await f.PhoneAsync(colleague, Switchboards.Answering("colleague"));
        await using var events = await EventStreamReader.OpenAsync(board.Self);
        await using var phone = f.Call(new SippScript(caller.AccountId).Invite(receptionist.AccountId, caller.Password).ExpectAnswer()
            .ReceiveReInvite().ReceiveBye(), receptionist.AccountId);
        var answered = await events.NextAsync(m => m.State == "answered");
        var id = answered.CallId!;
        var call = answered.Json.GetProperty("call");
        call.GetProperty("kind").GetString().ShouldBe("call");
        call.GetProperty("caller").GetProperty("accountId").GetString().ShouldBe(caller.AccountId);
        call.GetProperty("callee").GetProperty("accountId").GetString().ShouldBe(receptionist.AccountId);

        // Both parties are the customer's: the person who called in is the one handed on; the receptionist drops out and pays.
        var moved = (await board.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = colleague.AccountId })).ShouldHave(HttpStatusCode.Accepted);
        var newId = moved["id"].GetString()!;
        moved["caller"].GetProperty("accountId").GetString().ShouldBe(caller.AccountId);
        moved["billedAccountId"].GetString().ShouldBe(receptionist.AccountId);
        await events.NextAsync(m => m.CallId == newId && m.State == "answered");
        (await desk.SucceedsAsync("receptionist")).Flow().ShouldBe(["INVITE", "180", "200", "ACK", "BYE", "200"]);

        (await board.Self.DeleteAsync($"/api/v1/calls/{newId}")).ShouldHave(HttpStatusCode.Accepted);
        (await events.NextOfAsync(newId)).State.ShouldBe("ended");
        var transferred = await phone.SucceedsAsync("caller");
        transferred.ReceivedRequests("INVITE").ShouldHaveSingleItem().Origin.ShouldStartWith("o=colleague ");
        (await target.SucceedsAsync("colleague")).ReceivedRequests("INVITE")[0].Origin.ShouldStartWith($"o={caller.AccountId} ");
    }

    [Fact]
    public async Task Transfer_OfACallStillRinging_IsRefused()
    {
        var board = await f.SwitchboardAsync();
        var (a, b) = (await f.LineAsync(board), await f.LineAsync(board));
        await using var phoneA = await f.PhoneAsync(a, Switchboards.RingingUntilCancelled("phone-a"));
        await f.RegisterNowhereAsync(b);
        await using var events = await EventStreamReader.OpenAsync(board.Self);
        var id = (await board.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = b.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await events.NextAsync(m => m.CallId == id && m.State == "ringing");

        (await board.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = b.AccountId, party = "callee" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await board.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = b.AccountId, party = "nobody" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("party").ShouldNotBeEmpty();

        (await board.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        (await events.NextOfAsync(id)).State.ShouldBe("ended");
        await phoneA.SucceedsAsync("from phone");
    }
}

public sealed class TransferTestsOnSqlite(SqliteSwitch f) : TransferTests(f), IClassFixture<SqliteSwitch>;

public sealed class TransferTestsOnPostgres(PostgresSwitch f) : TransferTests(f), IClassFixture<PostgresSwitch>;
