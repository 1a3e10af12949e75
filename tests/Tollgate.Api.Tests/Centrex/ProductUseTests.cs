using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Tests.Billing;
using Tollgate.Data.Billing;
using Tollgate.Data.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>
/// The use an agreement limits is read from counters that database triggers keep; whatever changes an account's
/// products or status, through the API or in plain SQL, they must equal a count of the open accounts holding each product.
/// </summary>
public abstract class ProductUseTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task EveryApiThatGivesOrTakesProducts_KeepsTheUseEqualToACount()
    {
        var w = await CentrexTestKit.BuildAsync(App, viaReseller: true);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 10 }, new { productId = w.AutoAttendant, quantity = 10 }],
            [new { productId = w.Recording, quantity = 10 }])).ShouldHave(HttpStatusCode.OK);
        await ShouldMatchACountAsync("at the start");

        var john = (await w.Self.CreateExtensionAsync(w.Customer, "101", w.HostedPbx, [w.Recording])).ShouldHave(HttpStatusCode.Created);
        var mary = (await w.Self.CreateExtensionAsync(w.Customer, "102", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        (await w.Self.CreateAutoAttendantAsync(w.Customer, "Menu", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);
        await ShouldMatchACountAsync("after creating extensions and an auto attendant");
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).Line("mainProducts", w.HostedPbx).GetProperty("used").GetInt32().ShouldBe(2);

        (await w.Self.PatchAsync($"/api/v1/customers/{w.Customer}/extensions/{mary.Id}", new { productId = w.AutoAttendant, addonProductIds = new[] { w.Recording } }))
            .ShouldHave(HttpStatusCode.OK);
        await ShouldMatchACountAsync("after changing an extension's products");
        (await w.Self.DeleteAsync($"/api/v1/accounts/{john.AccountKey()}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK);
        (await w.Self.PostAsync($"/api/v1/accounts/{john.AccountKey()}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK);
        await ShouldMatchACountAsync("after taking an add-on away and giving it back");

        (await w.Staff.PostAsync($"/api/v1/accounts/{mary.AccountKey()}/block")).ShouldHave(HttpStatusCode.OK);
        await ShouldMatchACountAsync("after blocking (a blocked account still holds its products)");
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).Line("mainProducts", w.AutoAttendant).GetProperty("used").GetInt32().ShouldBe(2);

        var line = await w.Admin.CreateAccountWithProductAsync(w.Customer, w.HostedPbx, addons: [w.Recording]);
        await ShouldMatchACountAsync("after staff gave an account products through the accounts API");
        (await w.Admin.PostAsync($"/api/v1/accounts/{line}/close")).ShouldHave(HttpStatusCode.OK);
        (await w.Self.DeleteAsync($"/api/v1/customers/{w.Customer}/extensions/{john.Id}")).ShouldHave(HttpStatusCode.NoContent);
        await ShouldMatchACountAsync("after closing accounts");
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).Line("mainProducts", w.HostedPbx).GetProperty("used").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task ChangesMadeInSql_OutsideTollgate_AreCountedToo()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        var bare = await w.Admin.CreateProductAsync(name: TestData.Unique("No plans")); // no subscriptions, so an account with it can be deleted
        var kept = await w.Admin.CreateAccountWithProductAsync(w.Customer, bare);
        var gone = await w.Admin.CreateAccountWithProductAsync(w.Customer, bare);
        await ShouldMatchACountAsync("at the start");

        await using var db = App.Database();
        await db.Database.ExecuteSqlAsync($"UPDATE account_products SET product_id = {w.HostedPbx} WHERE account_id = {kept}");
        await ShouldMatchACountAsync("after moving an account product to another product");
        await db.Database.ExecuteSqlAsync($"UPDATE accounts SET status = 'Closed' WHERE id = {kept}");
        await ShouldMatchACountAsync("after closing an account");
        await db.Database.ExecuteSqlAsync($"UPDATE accounts SET status = 'Active' WHERE id = {kept}");
        await ShouldMatchACountAsync("after opening it again");
        await db.Database.ExecuteSqlAsync($"DELETE FROM account_products WHERE account_id = {kept}");
        await ShouldMatchACountAsync("after deleting an account product");
        await db.Database.ExecuteSqlAsync($"DELETE FROM accounts WHERE id = {gone}");
        await ShouldMatchACountAsync("after deleting an open account with its products");
        (await db.Set<ProductUse>().SingleAsync(u => u.CustomerId == w.Customer && u.ProductId == bare)).OpenAccounts.ShouldBe(0);
    }

    /// <summary>Every counter of the database equals a count made from the account products and the accounts' status.</summary>
    private async Task ShouldMatchACountAsync(string when)
    {
        await using var db = App.Database();
        var counted = (await db.Set<AccountProduct>()
                .Where(p => db.Accounts.Any(a => a.Id == p.AccountId && a.Status != AccountStatus.Closed))
                .GroupBy(p => new { p.CustomerId, p.ProductId })
                .Select(g => new { g.Key.CustomerId, g.Key.ProductId, Count = g.Count() })
                .ToListAsync())
            .ToDictionary(c => (c.CustomerId, c.ProductId), c => c.Count);
        var kept = (await db.Set<ProductUse>().Where(u => u.OpenAccounts != 0).ToListAsync())
            .ToDictionary(u => (u.CustomerId, u.ProductId), u => u.OpenAccounts);
        kept.ShouldBe(counted, ignoreOrder: true, $"{when}: counters {Show(kept)}, count {Show(counted)}");

        static string Show(Dictionary<(long, long), int> use) => string.Join(", ", use.OrderBy(u => u.Key).Select(u => $"{u.Key}: {u.Value}"));
    }
}

public sealed class ProductUseTestsOnSqlite(SqliteApp app) : ProductUseTests(app), IClassFixture<SqliteApp>;

public sealed class ProductUseTestsOnPostgres(PostgresApp app) : ProductUseTests(app), IClassFixture<PostgresApp>;
