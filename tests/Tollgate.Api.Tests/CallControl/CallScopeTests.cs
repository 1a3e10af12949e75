using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.CallControl;

/// <summary>A live call is visible and controllable exactly within its accounts' tenant scope; elsewhere it does not exist.</summary>
[Collection(SippCalls.Name)]
public abstract class CallScopeTests(SwitchAppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task AnotherCustomersCall_IsNotFoundAnywhere_WhileItsResellerAndTheAdministratorSeeIt()
    {
        var owner = await CallWorld.CustomerAsync(App, viaReseller: true);
        var stranger = await CallWorld.CustomerAsync(App);
        var a = await owner.LineAsync("701");
        var b = await owner.LineAsync("702");
        var d = await stranger.LineAsync("703");
        await using var phoneA = SippPhone.Start("phone-a", reinvites: 1);
        await using var phoneB = SippPhone.Start("phone-b");
        await using var phoneD = SippPhone.Start("phone-d", answer: false);
        await fixture.RegisterAsync(a, phoneA);
        await fixture.RegisterAsync(b, phoneB);
        await fixture.RegisterAsync(d, phoneD);
        await using var ownerEvents = await EventStreamReader.OpenAsync(owner.Self);
        await using var strangerEvents = await EventStreamReader.OpenAsync(stranger.Self);

        var id = (await owner.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = b.Extension }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        await ownerEvents.NextAsync(m => m.CallId == id && m.State == "answered");

        // The stranger: not in the list, 404 for the call and for an account of the owner's as 'from'.
        (await stranger.Self.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items
            .ShouldNotContain(c => c.GetProperty("id").GetString() == id);
        (await stranger.Self.GetAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await stranger.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await stranger.Self.PostAsync($"/api/v1/calls/{id}/transfer", new { to = d.Extension }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var foreignFrom = await stranger.Self.PostAsync("/api/v1/calls", new { from = a.AccountId, to = d.Extension });
        foreignFrom.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        foreignFrom.ErrorsFor("from").ShouldNotBeEmpty();

        // The owner's reseller and the administrator see it; another reseller does not.
        (await owner.Staff.GetAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.OK);
        (await owner.Admin.GetAsync("/api/v1/calls")).ShouldHave(HttpStatusCode.OK).Items.ShouldContain(c => c.GetProperty("id").GetString() == id);
        var otherReseller = TestData.Unique("res");
        await owner.Admin.CreateResellerAsync(otherReseller);
        var other = await App.SignInAsync("reseller", otherReseller, TestData.Password);
        (await other.GetAsync($"/api/v1/calls/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        (await owner.Self.DeleteAsync($"/api/v1/calls/{id}")).ShouldHave(HttpStatusCode.Accepted);
        await ownerEvents.NextAsync(m => m.CallId == id && m.State == "ended");

        // The stranger's stream carried none of that: the first event it gets is of its own call, which came after.
        var own = (await stranger.Self.PostAsync("/api/v1/calls", new { from = d.AccountId, to = d.Extension }))
            .ShouldHave(HttpStatusCode.Accepted)["id"].GetString()!;
        var first = await strangerEvents.NextAsync();
        (first.CallId, first.State).ShouldBe((own, "ringing"));
        (await stranger.Self.DeleteAsync($"/api/v1/calls/{own}")).ShouldHave(HttpStatusCode.Accepted);
        (await strangerEvents.NextAsync()).State.ShouldBe("ended");

        (await phoneA.ExitAsync()).ExitCode.ShouldBe(0);
        (await phoneB.ExitAsync()).ExitCode.ShouldBe(0);
        (await phoneD.ExitAsync()).ExitCode.ShouldBe(0);
    }
}

public sealed class CallScopeTestsOnSqlite(SwitchSqliteApp app) : CallScopeTests(app), IClassFixture<SwitchSqliteApp>;

public sealed class CallScopeTestsOnPostgres(SwitchPostgresApp app) : CallScopeTests(app), IClassFixture<SwitchPostgresApp>;
