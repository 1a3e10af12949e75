using Tollgate.Api.Problems;
using Tollgate.Switch.Tests.Support;

namespace Tollgate.Switch.Tests.CallControl;

/// <summary>A live call is visible and controllable exactly within its accounts' tenant scope; elsewhere it does not exist.</summary>
[Collection(SippCollection.Name)]
public abstract class CallScopeTests(SwitchFixture f)
{
    [Fact]
    public async Task AnotherCustomersCall_IsNotFoundAnywhere_WhileItsResellerAndTheAdministratorSeeIt()
    {
        var owner = await f.SwitchboardAsync(viaReseller: true);
        var stranger = await f.SwitchboardAsync();
        var (a, b, d) = (await f.LineAsync(owner), await f.LineAsync(owner), await f.LineAsync(stranger));
        await using var phoneA = await f.PhoneAsync(a, Switchboards.Answering("phone-a", reinvites: 1));
        await using var phoneB = await f.PhoneAsync(b, Switchboards.Answering("phone-b"));
        await using var phoneD = await f.PhoneAsync(d, Switchboards.RingingUntilCancelled("phone-d"));
        await using var ownerEvents = await EventStreamReader.OpenAsync(owner.Self);
        await using var strangerEvents = await EventStreamReader.OpenAsync(stranger.Self);

        var id = (await owner.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = b.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await ownerEvents.NextAsync(m => m.CallId == id && m.State == "answered");

        // The stranger: not in the list, 404 for the call and for an account of the owner's as 'from'.
        (await stranger.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items
            .ShouldNotContain(c => c.GetProperty("id").GetString() == id);
        (await stranger.Self.GetAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await stranger.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await stranger.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = d.AccountId }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var foreignFrom = await stranger.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = d.AccountId });
        foreignFrom.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        foreignFrom.ErrorsFor("from").ShouldNotBeEmpty();

        // The owner's reseller and the administrator see it; another reseller does not.
        (await owner.Staff.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK);
        (await owner.Admin.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items.ShouldContain(c => c.GetProperty("id").GetString() == id);
        var otherReseller = TestData.Unique("res");
        await owner.Admin.CreateResellerAsync(otherReseller);
        var other = await f.App.SignInAsync("reseller", otherReseller, TestData.Password);
        (await other.GetAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        (await owner.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        await ownerEvents.NextAsync(m => m.CallId == id && m.State == "ended");

        // The stranger's stream carried none of that: the first event it gets is of its own call, which came after.
        var own = (await stranger.Self.PostAsync("/api/v1/calls", new { from = d.AccountId, to = d.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        var first = await strangerEvents.NextAsync();
        (first.CallId, first.State).ShouldBe((own, "ringing"));
        (await stranger.Self.DeleteAsync($"/api/v1/calls/{own}")).ShouldHave(HttpStatusCode.Accepted);
        (await strangerEvents.NextAsync()).State.ShouldBe("ended");

        await phoneA.SucceedsAsync("phone A");
        await phoneB.SucceedsAsync("phone B");
        await phoneD.SucceedsAsync("phone D");
    }

    [Fact]
    public async Task AnAccount_PlacesAndSeesOnlyItsOwnCalls()
    {
        var board = await f.SwitchboardAsync();
        var colleague = await f.LineAsync(board);
        var login = TestData.Unique("acc");
        var password = TestData.Unique("Sip-Pass");
        var created = (await board.Admin.PostAsync("/api/v1/accounts", new { accountId = login, customerId = board.Customer, password = TestData.Password, sipPassword = password }))
            .ShouldHave(HttpStatusCode.Created);
        var self = await f.App.SignInAsync("account", login, TestData.Password);
        await using var own = await f.PhoneAsync(new Line(login, created.Id, password, board.Customer), Switchboards.Answering("own", reinvites: 1));
        await using var other = await f.PhoneAsync(colleague, Switchboards.Answering("colleague"));
        await using var events = await EventStreamReader.OpenAsync(self);

        var foreign = await self.PostAsync("/api/v1/calls", new { from = colleague.AccountId, to = login });
        foreign.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        foreign.ErrorsFor("from").ShouldNotBeEmpty();

        var id = (await self.PostAsync("/api/v1/calls", new { from = login, to = colleague.AccountId }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await events.NextAsync(m => m.CallId == id && m.State == "answered");
        (await self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items.Select(c => c.GetProperty("id").GetString()).ShouldBe([id]);
        (await self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        (await events.NextOfAsync(id)).State.ShouldBe("ended");
        await own.SucceedsAsync("own phone");
        await other.SucceedsAsync("colleague's phone");
    }
}

public sealed class CallScopeTestsOnSqlite(SqliteSwitch f) : CallScopeTests(f), IClassFixture<SqliteSwitch>;

public sealed class CallScopeTestsOnPostgres(PostgresSwitch f) : CallScopeTests(f), IClassFixture<PostgresSwitch>;
