using Tollgate.Api.Problems;
using Tollgate.Data.Calls;

namespace Tollgate.Api.Tests.Calls;

public abstract class CdrsApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task<long> StoreAsync(long accountKey, long customerId, long? resellerId, DateTime setup, string called = "12095550000")
    {
        await using var db = App.Database();
        var cdr = new Cdr
        {
            CallId = Guid.NewGuid().ToString("N"), Source = CdrSource.Switch, AccountId = accountKey, CustomerId = customerId,
            ResellerId = resellerId, CallerAccountId = accountKey, CallingNumber = "100", CalledNumber = called,
            SetupAt = setup, ConnectAt = setup.AddSeconds(2), DisconnectAt = setup.AddSeconds(62), BilledEnd = setup.AddSeconds(62),
            BilledSeconds = 60, FinalSipStatus = 200, DisconnectReason = "normal", DisconnectSide = "caller",
            CallerKeepAlive = "update", CalleeKeepAlive = "reinvite", CreatedAt = setup.AddSeconds(62),
        };
        db.Add(cdr);
        await db.SaveChangesAsync();
        return cdr.Id;
    }

    [Fact]
    public async Task Cdrs_AreListedInScopeAndFilteredByAccountAndTime()
    {
        var admin = await App.AdminAsync();
        var resellerLogin = TestData.Unique("r");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        var customer = await admin.CreateCustomerAsync(reseller);
        var other = await admin.CreateCustomerAsync();
        var accountName = TestData.Unique("line");
        var account = await admin.CreateAccountAsync(customer, accountName, webSignIn: true);
        var otherAccount = await admin.CreateAccountAsync(other);
        var t = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        var mine = await StoreAsync(account, customer, reseller, t);
        var later = await StoreAsync(account, customer, reseller, t.AddHours(2));
        var foreign = await StoreAsync(otherAccount, other, null, t);

        var byAccount = (await admin.GetAsync($"/api/v1/cdrs?accountId={accountName}")).ShouldHave(HttpStatusCode.OK);
        byAccount.Items.Select(c => c.GetProperty("id").GetInt64()).ShouldBe([later, mine]);
        byAccount.Items[0].GetProperty("account").GetString().ShouldBe(accountName);
        byAccount.Items[0].GetProperty("billedSeconds").GetInt32().ShouldBe(60);
        byAccount.Items[0].GetProperty("callerKeepAlive").GetString().ShouldBe("update");

        var window = await admin.GetAsync($"/api/v1/cdrs?accountId={accountName}&from=2026-05-01T11:00:00Z&to=2026-05-01T13:00:00Z");
        window.ShouldHave(HttpStatusCode.OK).Items.Select(c => c.GetProperty("id").GetInt64()).ShouldBe([later]);

        var resellerClient = await App.SignInAsync("reseller", resellerLogin, TestData.Password);
        (await resellerClient.GetAsync($"/api/v1/cdrs/{mine}")).ShouldHave(HttpStatusCode.OK);
        (await resellerClient.GetAsync($"/api/v1/cdrs/{foreign}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        var line = await App.SignInAsync("account", accountName, TestData.Password);
        (await line.GetAsync("/api/v1/cdrs")).ShouldHave(HttpStatusCode.OK).Items.Count.ShouldBe(2);
        (await line.GetAsync($"/api/v1/cdrs/{foreign}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}

public sealed class CdrsApiTestsOnSqlite(SqliteApp app) : CdrsApiTests(app), IClassFixture<SqliteApp>;

public sealed class CdrsApiTestsOnPostgres(PostgresApp app) : CdrsApiTests(app), IClassFixture<PostgresApp>;
