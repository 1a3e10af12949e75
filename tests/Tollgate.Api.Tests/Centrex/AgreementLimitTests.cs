using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Billing;
using Tollgate.Data.Centrex;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>What a customer may give its own extensions: products of its agreement, within their quantities; staff are not limited.</summary>
public abstract class AgreementLimitTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task Customer_ProductNotInTheAgreement_Is422NamingIt_AndStoresNothing()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);

        var main = await w.Self.CreateExtensionAsync(w.Customer, "100", w.AutoAttendant);
        main.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CentrexProblems.NotInAgreement);
        main["productId"].GetInt64().ShouldBe(w.AutoAttendant);
        main["detail"].GetString()!.ShouldContain($"product {w.AutoAttendant} (Auto attendant");
        main.ErrorsFor("productId").ShouldHaveSingleItem().ShouldContain("is not in the agreement");

        var addon = await w.Self.CreateExtensionAsync(w.Customer, "100", w.HostedPbx, [w.Recording]);
        addon.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CentrexProblems.NotInAgreement).ErrorsFor("addonProductIds[0]").ShouldNotBeEmpty();

        // Another reseller's product is not named: for this customer it does not exist.
        var reseller = await w.Admin.CreateResellerAsync();
        var theirs = await w.Admin.CreateProductAsync(managedBy: reseller, name: "Secret reseller plan");
        var hidden = await w.Self.CreateExtensionAsync(w.Customer, "100", theirs);
        hidden.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("productId").ShouldNotBeEmpty();
        hidden.Text.ShouldNotContain("Secret");

        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions"))["total"].GetInt32().ShouldBe(0);
        (await w.Admin.GetAsync($"/api/v1/accounts?customerId={w.Customer}"))["total"].GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Customer_OverTheQuantity_Is409WithQuantityAndUse_AndDeletingFreesIt()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 2 }])).ShouldHave(HttpStatusCode.OK);
        var first = (await w.Self.CreateExtensionAsync(w.Customer, "101", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        (await w.Self.CreateExtensionAsync(w.Customer, "102", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);

        var third = await w.Self.CreateExtensionAsync(w.Customer, "103", w.HostedPbx);
        third.ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AgreementQuantityExceeded);
        (third["quantity"].GetInt32(), third["used"].GetInt32()).ShouldBe((2, 2));
        third["detail"].GetString()!.ShouldContain("allows product");
        third["detail"].GetString()!.ShouldContain("on 2 accounts and 2 already have it");

        (await w.Self.DeleteAsync($"/api/v1/customers/{w.Customer}/extensions/{first.Id}")).ShouldHave(HttpStatusCode.NoContent);
        var agreement = (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).ShouldHave(HttpStatusCode.OK);
        agreement.Line("mainProducts", w.HostedPbx).GetProperty("used").GetInt32().ShouldBe(1);
        (await w.Self.CreateExtensionAsync(w.Customer, "103", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnAddon_MustBeAllowedWithTheAccountsMainProduct()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        var pbxOnly = (await w.Admin.PostAsync("/api/v1/products", new
        {
            name = TestData.Unique("Voicemail"), kind = "addon", sharedWithResellers = true, allowedWithMainProductIds = new[] { w.HostedPbx },
        })).ShouldHave(HttpStatusCode.Created).Id;
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }, new { productId = w.AutoAttendant, quantity = 0 }],
            [new { productId = pbxOnly, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);

        var refused = await w.Self.PostAsync($"/api/v1/customers/{w.Customer}/auto-attendants",
            new { name = "Menu", productId = w.AutoAttendant, addonProductIds = new[] { pbxOnly } });
        refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("addonProductIds[0]").ShouldHaveSingleItem()
            .ShouldContain($"not allowed with main product {w.AutoAttendant}");
        (await w.Self.CreateExtensionAsync(w.Customer, "200", w.HostedPbx, [pbxOnly])).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AdministratorsAndTheCustomersReseller_AreNotLimited_ButTheirAccountsCount()
    {
        var w = await CentrexTestKit.BuildAsync(App, viaReseller: true);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 1 }])).ShouldHave(HttpStatusCode.OK);

        (await w.Admin.CreateExtensionAsync(w.Customer, "300", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);
        (await w.Staff.CreateExtensionAsync(w.Customer, "301", w.HostedPbx, [w.Recording])).ShouldHave(HttpStatusCode.Created);
        (await w.Staff.CreateExtensionAsync(w.Customer, "302", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);

        var refused = await w.Self.CreateExtensionAsync(w.Customer, "303", w.HostedPbx);
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AgreementQuantityExceeded);
        (refused["quantity"].GetInt32(), refused["used"].GetInt32()).ShouldBe((1, 2));
    }

    [Fact]
    public async Task ShrunkAgreement_LeavesWhatAccountsHold_ButLimitsWhatTheyGet()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        await w.PutAbcAgreementAsync();
        var john = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, [w.Recording])).ShouldHave(HttpStatusCode.Created);
        (await w.PutAgreementAsync([new { productId = w.AutoAttendant, quantity = 1 }])).ShouldHave(HttpStatusCode.OK);

        var path = $"/api/v1/customers/{w.Customer}/extensions/{john.Id}";
        (await w.Self.PatchAsync(path, new { name = "John A. Doe", addonProductIds = new[] { w.Recording } })).ShouldHave(HttpStatusCode.OK)["name"]
            .GetString().ShouldBe("John A. Doe");
        (await w.Admin.GetAsync($"/api/v1/accounts/{john.AccountKey()}")).ShouldHave(HttpStatusCode.OK)["name"].GetString().ShouldBe("John A. Doe");

        // Moving to the auto attendant product uses its only unit; moving back to Hosted IP PBX is no longer allowed.
        (await w.Self.PatchAsync(path, new { productId = w.AutoAttendant, addonProductIds = Array.Empty<long>() })).ShouldHave(HttpStatusCode.OK)["productId"]
            .GetInt64().ShouldBe(w.AutoAttendant);
        (await w.Self.PatchAsync(path, new { productId = w.HostedPbx })).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CentrexProblems.NotInAgreement)
            .ErrorsFor("productId").ShouldNotBeEmpty();
        var other = (await w.Admin.CreateExtensionAsync(w.Customer, "467", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PatchAsync($"/api/v1/customers/{w.Customer}/extensions/{other.Id}", new { productId = w.AutoAttendant }))
            .ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AgreementQuantityExceeded);
        (await w.Self.GetAsync(path)).ShouldHave(HttpStatusCode.OK)["productId"].GetInt64().ShouldBe(w.AutoAttendant);
    }

    [Fact]
    public async Task AddonsLater_FollowTheAgreement_AndStartTheirSubscriptions()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }], [new { productId = w.Recording, quantity = 1 }])).ShouldHave(HttpStatusCode.OK);
        var a = (await w.Self.CreateExtensionAsync(w.Customer, "501", w.HostedPbx)).ShouldHave(HttpStatusCode.Created).AccountKey();
        var b = (await w.Self.CreateExtensionAsync(w.Customer, "502", w.HostedPbx)).ShouldHave(HttpStatusCode.Created).AccountKey();

        var added = (await w.Self.PostAsync($"/api/v1/accounts/{a}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK);
        added["addonProductIds"].EnumerateArray().Select(x => x.GetInt64()).ShouldBe([w.Recording]);
        (await w.Self.PostAsync($"/api/v1/accounts/{a}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.ListAsync($"/api/v1/accounts/{a}/subscriptions")).Single(s => s.Long("productId") == w.Recording).Str("status").ShouldBe("pending");
        (await w.Self.PostAsync($"/api/v1/accounts/{b}/addons/{w.Recording}")).ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AgreementQuantityExceeded)
            .ErrorsFor("productId").ShouldNotBeEmpty();
        (await w.Self.PostAsync($"/api/v1/accounts/{b}/addons/{w.AutoAttendant}")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, CentrexProblems.NotInAgreement);

        (await w.Self.DeleteAsync($"/api/v1/accounts/{a}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK)["addonProductIds"].GetArrayLength().ShouldBe(0);
        (await w.Admin.ListAsync($"/api/v1/accounts/{a}/subscriptions")).Single(s => s.Long("productId") == w.Recording).Str("status").ShouldBe("closed");
        (await w.Self.DeleteAsync($"/api/v1/accounts/{a}/addons/{w.Recording}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PostAsync($"/api/v1/accounts/{b}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK);

        // An account the provider set up outside the PBX is not the customer's to change; the provider changes any.
        var line = await w.Admin.CreateAccountWithProductAsync(w.Customer, w.HostedPbx);
        (await w.Self.PostAsync($"/api/v1/accounts/{line}/addons/{w.Recording}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.Admin.PostAsync($"/api/v1/accounts/{line}/addons/{w.Recording}")).ShouldHave(HttpStatusCode.OK);
        (await w.Admin.PostAsync($"/api/v1/accounts/{line}/addons/{w.HostedPbx}")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable)
            .ErrorsFor("productId").ShouldHaveSingleItem().ShouldContain("is the main product of account");
        (await w.Admin.PostAsync($"/api/v1/accounts/{line}/addons/{w.AutoAttendant}")).ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable)
            .ErrorsFor("productId").ShouldHaveSingleItem().ShouldContain("is a main product");
    }

    [Fact]
    public async Task AgreementPut_ReportsEveryBadLine()
    {
        var w = await CentrexTestKit.BuildAsync(App, viaReseller: true);
        var bad = await w.Staff.PutAsync($"/api/v1/customers/{w.Customer}/agreement", new
        {
            mainProducts = new[] { new { productId = w.HostedPbx, quantity = -1 }, new { productId = w.HostedPbx, quantity = 2 } },
            addonProducts = new[] { new { productId = w.Recording, quantity = 1_000_001 } },
        });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("mainProducts[0].quantity").ShouldNotBeEmpty();
        bad.ErrorsFor("mainProducts[1].productId").ShouldHaveSingleItem().ShouldContain("more than once");
        bad.ErrorsFor("addonProducts[0].quantity").ShouldNotBeEmpty();

        var notShared = await w.Admin.CreateProductAsync(name: TestData.Unique("Direct only"));
        var wrong = await w.Admin.PutAsync($"/api/v1/customers/{w.Customer}/agreement", new
        {
            mainProducts = new[] { new { productId = w.Recording, quantity = 1 }, new { productId = notShared, quantity = 1 } },
            addonProducts = new[] { new { productId = w.HostedPbx, quantity = 1 } },
        });
        wrong.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable);
        wrong.ErrorsFor("mainProducts[0].productId").ShouldHaveSingleItem().ShouldContain("is an add-on product");
        wrong.ErrorsFor("mainProducts[1].productId").ShouldHaveSingleItem().ShouldContain("not shared with resellers");
        wrong.ErrorsFor("addonProducts[0].productId").ShouldHaveSingleItem().ShouldContain("is a main product");
        (await w.Staff.PutAsync($"/api/v1/customers/{w.Customer}/agreement", new { mainProducts = new[] { new { productId = notShared, quantity = 1 } } }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("mainProducts[0].productId").ShouldNotBeEmpty();
        (await w.Staff.GetAsync($"/api/v1/customers/{w.Customer}/agreement"))["mainProducts"].GetArrayLength().ShouldBe(0);

        await w.PutAbcAgreementAsync();
        var replaced = (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 7 }])).ShouldHave(HttpStatusCode.OK);
        replaced["mainProducts"].GetArrayLength().ShouldBe(1);
        replaced["addonProducts"].GetArrayLength().ShouldBe(0);
        replaced.Line("mainProducts", w.HostedPbx).GetProperty("quantity").GetInt32().ShouldBe(7);
        await using var db = App.Database();
        (await db.Set<AgreementProduct>().CountAsync(p => p.CustomerId == w.Customer)).ShouldBe(1);
    }
}

public sealed class AgreementLimitTestsOnSqlite(SqliteApp app) : AgreementLimitTests(app), IClassFixture<SqliteApp>;

public sealed class AgreementLimitTestsOnPostgres(PostgresApp app) : AgreementLimitTests(app), IClassFixture<PostgresApp>;
