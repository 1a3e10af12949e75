using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Cpe;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>Blocking and unblocking: who blocked an account decides who may lift the block, and a provider's block freezes it for the customer.</summary>
public abstract class BlockingTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static async Task<(PbxWorld World, long Account, string Path)> ExtensionAsync(PbxWorld w)
    {
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }], [new { productId = w.Recording, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);
        var created = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        return (w, created.AccountKey(), $"/api/v1/customers/{w.Customer}/extensions/{created.Id}");
    }

    [Fact]
    public async Task Customer_BlocksAndUnblocksItsOwnExtension()
    {
        var (w, account, path) = await ExtensionAsync(await CentrexTestKit.BuildAsync(App));
        var blocked = (await w.Self.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK);
        (blocked["status"].GetString(), blocked["blockedBy"].GetString()).ShouldBe(("blocked", "customer"));
        blocked["blockedAt"].GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK)["blockedBy"].GetString().ShouldBe("customer");
        (await w.Admin.GetAsync($"/api/v1/accounts/{account}")).ShouldHave(HttpStatusCode.OK)["blockedBy"].GetString().ShouldBe("customer");
        (await w.Self.GetAsync(path))["account"].GetProperty("status").GetString().ShouldBe("blocked");
        // A customer's own block does not stop the customer from changing the extension.
        (await w.Self.PatchAsync(path, new { name = "Still mine" })).ShouldHave(HttpStatusCode.OK);

        var active = (await w.Self.PostAsync($"/api/v1/accounts/{account}/unblock")).ShouldHave(HttpStatusCode.OK);
        (active["status"].GetString(), active["blockedBy"].ValueKind, active["blockedAt"].ValueKind)
            .ShouldBe(("active", System.Text.Json.JsonValueKind.Null, System.Text.Json.JsonValueKind.Null));
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/unblock")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("active");
    }

    [Fact]
    public async Task AdministratorsBlock_CannotBeLiftedNorTheExtensionChangedByTheCustomer()
    {
        var (w, account, path) = await ExtensionAsync(await CentrexTestKit.BuildAsync(App));
        var model = await w.Admin.CreateModelAsync();
        var device = await w.Admin.CreateDeviceAsync(model, customerId: w.Customer);
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = "12094550001" })).ShouldHave(HttpStatusCode.Created);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK)["blockedBy"].GetString().ShouldBe("administrator");

        var refusals = new[]
        {
            await w.Self.PostAsync($"/api/v1/accounts/{account}/unblock"),
            await w.Self.PostAsync($"/api/v1/accounts/{account}/block"),
            await w.Self.PatchAsync(path, new { name = "Renamed" }),
            await w.Self.DeleteAsync(path),
            await w.Self.PostAsync($"/api/v1/accounts/{account}/addons/{w.Recording}"),
            await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = "12094559999" }),
            await w.Self.DeleteAsync($"/api/v1/accounts/{account}/aliases/12094550001"),
            await w.Self.PostAsync($"/api/v1/accounts/{account}/sip-password"),
            await w.Self.PatchAsync($"/api/v1/accounts/{account}", new { email = "john@abc.example" }),
            await w.Self.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = device.Id }),
            await w.Self.DeleteAsync($"/api/v1/accounts/{account}/cpe"),
        };
        foreach (var refusal in refusals)
        {
            refusal.ShouldBeProblem(HttpStatusCode.Forbidden, CentrexProblems.BlockedByProvider);
            refusal["blockedBy"].GetString().ShouldBe("administrator");
        }
        refusals[0]["detail"].GetString()!.ShouldContain("blocked by the administrator");
        var still = (await w.Self.GetAsync(path)).ShouldHave(HttpStatusCode.OK);
        (still["name"].ValueKind, still["account"].GetProperty("blockedBy").GetString(), still["aliases"].GetArrayLength())
            .ShouldBe((System.Text.Json.JsonValueKind.Null, "administrator", 1));

        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/unblock")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("active");
        (await w.Self.PatchAsync(path, new { name = "Renamed" })).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResellersBlock_OutranksTheCustomer_AndTheAdministratorsOutranksTheReseller()
    {
        var (w, account, _) = await ExtensionAsync(await CentrexTestKit.BuildAsync(App, viaReseller: true));
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK);
        // The reseller takes the customer's block over, so the customer can no longer lift it.
        (await w.Staff.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK)["blockedBy"].GetString().ShouldBe("reseller");
        var refused = await w.Self.PostAsync($"/api/v1/accounts/{account}/unblock");
        refused.ShouldBeProblem(HttpStatusCode.Forbidden, CentrexProblems.BlockedByProvider)["blockedBy"].GetString().ShouldBe("reseller");

        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK)["blockedBy"].GetString().ShouldBe("administrator");
        (await w.Staff.PostAsync($"/api/v1/accounts/{account}/unblock")).ShouldBeProblem(HttpStatusCode.Forbidden, CentrexProblems.BlockedByProvider)
            ["blockedBy"].GetString().ShouldBe("administrator");
        (await w.Staff.PostAsync($"/api/v1/accounts/{account}/block")).ShouldBeProblem(HttpStatusCode.Forbidden, CentrexProblems.BlockedByProvider);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/unblock")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("active");

        (await w.Staff.PostAsync($"/api/v1/accounts/{account}/block")).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/unblock")).ShouldHave(HttpStatusCode.OK)["status"].GetString().ShouldBe("active");
    }

    [Fact]
    public async Task Customer_BlocksOnlyItsExtensions_AndNotAClosedOne()
    {
        var (w, account, path) = await ExtensionAsync(await CentrexTestKit.BuildAsync(App));
        var line = await w.Admin.CreateAccountAsync(w.Customer);
        (await w.Self.PostAsync($"/api/v1/accounts/{line}/block")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.Admin.PostAsync($"/api/v1/accounts/{line}/block")).ShouldHave(HttpStatusCode.OK)["blockedBy"].GetString().ShouldBe("administrator");

        (await w.Self.DeleteAsync(path)).ShouldHave(HttpStatusCode.NoContent);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/block")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
    }
}

public sealed class BlockingTestsOnSqlite(SqliteApp app) : BlockingTests(app), IClassFixture<SqliteApp>;

public sealed class BlockingTestsOnPostgres(PostgresApp app) : BlockingTests(app), IClassFixture<PostgresApp>;
