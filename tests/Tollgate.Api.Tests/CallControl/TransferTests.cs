using System.Text.Json;
using Tollgate.Api.Problems;
using Tollgate.Switch.Api;

namespace Tollgate.Api.Tests.CallControl;

/// <summary>Blind transfer through the API, with sipp playing the three phones.</summary>
[Collection(SippCalls.Name)]
public abstract class TransferTests(SwitchAppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Transfer_RemoteParty_IsReInvitedAndConnectedToTheNewTarget_WithOneCdrEndingAndAnotherBeginning()
    {
        var world = await CallWorld.CustomerAsync(App);
        var a = await world.LineAsync("501");
        var b = await world.LineAsync("502");
        var c = await world.LineAsync("503");
        await using var phoneA = SippPhone.Start("phone-a", reinvites: 1);
        await using var phoneB = SippPhone.Start("phone-b", reinvites: 1);
        await using var phoneC = SippPhone.Start("phone-c");
        await fixture.RegisterAsync(a, phoneA);
        await fixture.RegisterAsync(b, phoneB);
        await fixture.RegisterAsync(c, phoneC);
        await using var events = await EventStreamReader.OpenAsync(world.Self);
        var id = (await world.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = b.Extension }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await events.NextAsync(m => m.CallId == id && m.State == "answered");

        // A destination that leads nowhere is refused, and the call goes on as it was.
        var nowhere = await world.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = "no-such-line" });
        nowhere.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CallControlProblems.DestinationUnreachable);
        nowhere.ErrorsFor("to").ShouldNotBeEmpty();
        (await world.Self.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK)["state"].GetString().ShouldBe("answered");

        // The remote party of a click-to-dial call is its callee: B stays, A is hung up, C is called for B.
        var moved = (await world.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = c.Extension })).ShouldHave(HttpStatusCode.Accepted);
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
        var dropped = await phoneA.ExitAsync();
        dropped.ExitCode.ShouldBe(0, dropped.Output);
        dropped.StartLines().ShouldBe(["INVITE", "180", "200", "ACK", "INVITE", "200", "ACK", "BYE", "200"], dropped.Messages);

        var list = (await world.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items.Select(i => i.GetProperty("id").GetString()).ToList();
        list.ShouldContain(newId);
        list.ShouldNotContain(id);
        (await world.Self.DeleteAsync($"/api/v1/calls/{newId}")).ShouldHave(HttpStatusCode.Accepted);
        (await events.NextOfAsync(newId)).State.ShouldBe("ended");

        var kept = await phoneB.ExitAsync();
        var target = await phoneC.ExitAsync();
        kept.ExitCode.ShouldBe(0, kept.Output);
        target.ExitCode.ShouldBe(0, target.Output);
        kept.StartLines().ShouldBe(["INVITE", "180", "200", "ACK", "INVITE", "200", "ACK", "BYE", "200"], kept.Messages);
        target.StartLines().ShouldBe(["INVITE", "180", "200", "ACK", "BYE", "200"], target.Messages);
        target.Invites()[0].ShouldContain("o=phone-b ");
        kept.Invites()[1].ShouldContain("o=phone-c ");

        var cdrs = (await world.Self.GetAsync($"/api/v1/cdrs?accountId={a.AccountId}")).ShouldHave(HttpStatusCode.OK).Items;
        var before = cdrs.Single(r => r.GetProperty("callId").GetString() == id);
        var after = cdrs.Single(r => r.GetProperty("callId").GetString() == newId);
        before.GetProperty("disconnectReason").GetString().ShouldBe("transferred");
        before.GetProperty("calleeAccount").GetString().ShouldBe(b.AccountId);
        after.GetProperty("account").GetString().ShouldBe(a.AccountId);
        after.GetProperty("callingNumber").GetString().ShouldBe(b.Extension);
        after.GetProperty("calleeAccount").GetString().ShouldBe(c.AccountId);
        after.GetProperty("connectAt").ValueKind.ShouldBe(JsonValueKind.String);
        after.GetProperty("disconnectReason").GetString().ShouldBe("call-control");
    }

    [Fact]
    public async Task Transfer_OfACallStillRinging_IsRefused()
    {
        var world = await CallWorld.CustomerAsync(App);
        var a = await world.LineAsync("601");
        var b = await world.LineAsync("602");
        await using var phoneA = SippPhone.Start("phone-a", answer: false);
        await fixture.RegisterAsync(a, phoneA);
        await SipRegistration.RegisterAsync(fixture.Sip, b.AccountId, b.SipPassword, "<sip:never-called@127.0.0.1:9>");
        await using var events = await EventStreamReader.OpenAsync(world.Self);
        var id = (await world.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = b.Extension }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await events.NextAsync(m => m.CallId == id && m.State == "ringing");

        (await world.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = b.Extension, party = "callee" }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        (await world.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = b.Extension, party = "nobody" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("party").ShouldNotBeEmpty();

        (await world.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        (await events.NextOfAsync(id)).State.ShouldBe("ended");
        (await phoneA.ExitAsync()).ExitCode.ShouldBe(0);
    }
}

public sealed class TransferTestsOnSqlite(SwitchSqliteApp app) : TransferTests(app), IClassFixture<SwitchSqliteApp>;

public sealed class TransferTestsOnPostgres(SwitchPostgresApp app) : TransferTests(app), IClassFixture<SwitchPostgresApp>;
