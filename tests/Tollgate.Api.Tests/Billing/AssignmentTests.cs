using System.Text.Json;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Billing;

/// <summary>Assigned subscriptions: assigning, first usage, fee adjustments, rights, and when a reseller subscription stops.</summary>
public abstract class AssignmentTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    /// <summary>A reseller with a customer, a call recording product like ABC Shuttle's, and another reseller.</summary>
    private sealed record World(
        ApiClient Admin, long Reseller, ApiClient ResellerClient, long Customer, string CustomerLogin, long AccountPlan, long ResellerPlan,
        long Product, ApiClient OtherReseller);

    private async Task<World> WorldAsync(string accountActivation = "firstUsage")
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("res");
        var reseller = await admin.CreateResellerAsync(login);
        var otherLogin = TestData.Unique("oth");
        await admin.CreateResellerAsync(otherLogin);
        var customerLogin = TestData.Unique("cus");
        var customer = await admin.CreateCustomerAsync(reseller, customerLogin);
        var accountPlan = await admin.CreatePlanAsync("account", 20m, accountActivation, shared: true);
        var resellerPlan = await admin.CreatePlanAsync("reseller", 10m, moreThanOnce: true, shared: true);
        var product = await admin.CreateProductAsync([accountPlan], [resellerPlan], shared: true);
        return new World(admin, reseller, await App.SignInAsync("reseller", login, TestData.Password), customer, customerLogin, accountPlan,
            resellerPlan, product, await App.SignInAsync("reseller", otherLogin, TestData.Password));
    }

    private static JsonElement OfKind(IReadOnlyList<JsonElement> subscriptions, string kind) => subscriptions.Single(s => s.Str("kind") == kind);

    [Fact]
    public async Task Product_GivesOneSubscriptionPerPlan_EachWithItsOwnActivationMode()
    {
        var w = await WorldAsync();
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        var read = (await w.Admin.GetAsync($"/api/v1/accounts/{account}")).ShouldHave(HttpStatusCode.OK);
        read["productId"].GetInt64().ShouldBe(w.Product);
        read["addonProductIds"].GetArrayLength().ShouldBe(0);

        var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        subscriptions.Count.ShouldBe(2);
        var accountSub = OfKind(subscriptions, "account");
        accountSub.Str("status").ShouldBe("pending", "a first-usage subscription waits for the account's first call");
        accountSub.GetProperty("activationDate").ValueKind.ShouldBe(JsonValueKind.Null);
        accountSub.Str("payer").ShouldBe("customer");
        accountSub.Long("productId").ShouldBe(w.Product);
        var resellerSub = OfKind(subscriptions, "reseller");
        resellerSub.Str("status").ShouldBe("active", "the reseller subscription runs from the product's assignment");
        resellerSub.Str("activationDate").ShouldBe("2026-05-01");
        resellerSub.Str("payer").ShouldBe("reseller");
        resellerSub.Long("payerId").ShouldBe(w.Reseller);

        var usage = (await w.Admin.PostAsync($"/api/v1/accounts/{account}/first-usage", new { at = "2026-05-01T09:30:00Z" })).ShouldHave(HttpStatusCode.OK);
        usage["activated"].GetInt32().ShouldBe(1);
        var after = OfKind(await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions"), "account");
        after.Str("status").ShouldBe("active");
        after.Str("activationDate").ShouldBe("2026-05-01");
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/first-usage", new { at = "2026-05-01T11:00:00Z" })).ShouldHave(HttpStatusCode.OK)
            ["activated"].GetInt32().ShouldBe(0, "first usage happens once");
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/first-usage", new { at = "2030-01-01T00:00:00Z" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("at").ShouldNotBeEmpty();

        // A first-usage plan given to an account that was already used is active at once.
        var extra = await w.Admin.CreatePlanAsync("account", 3m, "firstUsage");
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = extra })).ShouldHave(HttpStatusCode.Created)
            ["status"].GetString().ShouldBe("active");
    }

    [Fact]
    public async Task AccountWithoutReseller_GetsOnlyTheAccountSubscriptions()
    {
        var w = await WorldAsync("startDate");
        var direct = await w.Admin.CreateCustomerAsync();
        var account = await w.Admin.CreateAccountWithProductAsync(direct, w.Product);
        (await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions")).ShouldHaveSingleItem().Str("kind").ShouldBe("account");
    }

    [Fact]
    public async Task DirectAssignment_ToAccountCustomerAndReseller_WithDatesAndDuplicatesRefused()
    {
        var w = await WorldAsync("startDate");
        var account = await w.Admin.CreateAccountAsync(w.Customer);
        var once = await w.Admin.CreatePlanAsync("account", 7m);
        var created = (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions",
            new { subscriptionId = once, startDate = "2026-05-10", finishDate = "2026-07-01" })).ShouldHave(HttpStatusCode.Created);
        created["status"].GetString().ShouldBe("pending", "it starts on 10 May");
        created["startDate"].GetString().ShouldBe("2026-05-10");
        created["finishDate"].GetString().ShouldBe("2026-07-01");
        created["assignedTo"].GetString().ShouldBe("account");
        created.Headers["Location"].ShouldBe($"/api/v1/accounts/{account}/subscriptions/{created.Id}");
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = once }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("subscriptionId").ShouldNotBeEmpty();
        var many = await w.Admin.CreatePlanAsync("account", 1m, moreThanOnce: true);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = many })).ShouldHave(HttpStatusCode.Created);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = many })).ShouldHave(HttpStatusCode.Created);

        (await w.Admin.PostAsync($"/api/v1/customers/{w.Customer}/subscriptions", new { subscriptionId = once })).ShouldHave(HttpStatusCode.Created)
            ["assignedTo"].GetString().ShouldBe("customer");
        var platformFee = await w.Admin.CreatePlanAsync("reseller", 100m);
        (await w.Admin.PostAsync($"/api/v1/resellers/{w.Reseller}/subscriptions", new { subscriptionId = platformFee })).ShouldHave(HttpStatusCode.Created)
            ["payer"].GetString().ShouldBe("reseller");
        (await w.Admin.PostAsync($"/api/v1/resellers/{w.Reseller}/subscriptions", new { subscriptionId = once }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("subscriptionId").ShouldNotBeEmpty();
        var euro = await w.Admin.CreatePlanAsync("account", 5m, currency: "EUR");
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = euro }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("subscriptionId").ShouldNotBeEmpty();
        var direct = await w.Admin.CreateCustomerAsync();
        (await w.Admin.PostAsync($"/api/v1/customers/{direct}/subscriptions", new { subscriptionId = platformFee }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = many, startDate = "2026-06-01", finishDate = "2026-05-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("finishDate").ShouldNotBeEmpty();
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = 987_654_321 }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("subscriptionId").ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("relativeDiscount", 15, 17)]
    [InlineData("relativeDiscount", 100, 0)]
    [InlineData("relativeUpcharge", 10, 22)]
    [InlineData("fixedDiscount", 5, 15)]
    [InlineData("fixedDiscount", 50, 0)]
    [InlineData("fixedUpcharge", 5, 25)]
    public async Task Adjustment_EachType_ChangesTheEffectiveFee(string type, int value, int effective)
    {
        var w = await WorldAsync();
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        var sub = OfKind(await w.ResellerClient.ListAsync($"/api/v1/accounts/{account}/subscriptions"), "account");
        var adjusted = (await w.ResellerClient.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{sub.Long("id")}",
            new { adjustment = new { type, value } })).ShouldHave(HttpStatusCode.OK);
        adjusted["effectiveFee"].GetDecimal().ShouldBe(effective);
        adjusted["adjustment"].GetProperty("type").GetString().ShouldBe(type);
        OfKind(await w.Admin.ListAsync($"/api/v1/resellers/{w.Reseller}/subscriptions"), "reseller").Decimal("effectiveFee")
            .ShouldBe(10m, "changing the account subscription never changes the reseller subscription");
        var removed = (await w.ResellerClient.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{sub.Long("id")}", new { adjustment = (object?)null }))
            .ShouldHave(HttpStatusCode.OK);
        removed["effectiveFee"].GetDecimal().ShouldBe(20m);
        removed["adjustment"].ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Adjustment_Refusals_AreClearAndChangeNothing()
    {
        var w = await WorldAsync();
        var account = await w.Admin.CreateAccountAsync(w.Customer);
        var progressive = await w.Admin.CreatePlanAsync("account", 30m, chargeMode: "progressive");
        var prepaid = await w.Admin.CreatePlanAsync("account", 30m, prepaidMonths: 12);
        var p = (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = progressive })).Id;
        var q = (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = prepaid })).Id;

        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{p}", new { adjustment = new { type = "fixedUpcharge", value = 5 } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("adjustment").ShouldNotBeEmpty();
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{p}", new { adjustment = new { type = "relativeUpcharge", value = 5 } }))
            .ShouldHave(HttpStatusCode.OK)["effectiveFee"].GetRawText().ShouldBe("31.50");
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{q}", new { adjustment = new { type = "relativeDiscount", value = 5 } }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("adjustment").ShouldNotBeEmpty();
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{p}", new { adjustment = new { type = "relativeDiscount", value = 150 } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("adjustment.value").ShouldNotBeEmpty();
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{p}", new { adjustment = new { type = "halfPrice", value = 1 } }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("adjustment.type").ShouldNotBeEmpty();
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{p}", new { }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("adjustment").ShouldNotBeEmpty();

        var read = (await w.Admin.GetAsync($"/api/v1/accounts/{account}/subscriptions/{q}")).ShouldHave(HttpStatusCode.OK);
        read["adjustment"].ValueKind.ShouldBe(JsonValueKind.Null);
        read["effectiveFee"].GetDecimal().ShouldBe(30m);
    }

    [Fact]
    public async Task Reseller_AdjustsAnAccountSubscriptionItLists_EvenOfAnAdministratorsPlanItCannotSee()
    {
        // The administrator may give a reseller's customer one of its own, unshared plans; the reseller lists it and may
        // adjust its fee like any account subscription of its customers (it answered 404 while the listing showed it).
        var w = await WorldAsync();
        var account = await w.Admin.CreateAccountAsync(w.Customer);
        var privatePlan = await w.Admin.CreatePlanAsync("account", 40m);
        var assigned = (await w.Admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = privatePlan }))
            .ShouldHave(HttpStatusCode.Created).Id;
        (await w.ResellerClient.GetAsync($"/api/v1/subscriptions/{privatePlan}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.ResellerClient.ListAsync($"/api/v1/accounts/{account}/subscriptions")).ShouldHaveSingleItem().Long("id").ShouldBe(assigned);

        var adjusted = (await w.ResellerClient.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{assigned}",
            new { adjustment = new { type = "relativeDiscount", value = 25 } })).ShouldHave(HttpStatusCode.OK);
        adjusted["effectiveFee"].GetDecimal().ShouldBe(30m);
        (await w.OtherReseller.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{assigned}",
            new { adjustment = new { type = "relativeDiscount", value = 100 } })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Reseller_NeverTouchesWhatItIsCharged_AndCannotReplaceAnAdminProductsAccountSubscription()
    {
        var w = await WorldAsync();
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        var subscriptions = await w.ResellerClient.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        var resellerSub = OfKind(subscriptions, "reseller").Long("id");
        var accountSub = OfKind(subscriptions, "account").Long("id");
        (await w.ResellerClient.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{resellerSub}", new { adjustment = new { type = "relativeDiscount", value = 100 } }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.ResellerClient.DeleteAsync($"/api/v1/accounts/{account}/subscriptions/{resellerSub}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.ResellerClient.DeleteAsync($"/api/v1/accounts/{account}/subscriptions/{accountSub}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.ResellerClient.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = w.ResellerPlan }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.ResellerClient.PostAsync($"/api/v1/resellers/{w.Reseller}/subscriptions", new { subscriptionId = w.ResellerPlan }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        // On its own product it may close the account subscription.
        var own = await w.ResellerClient.CreatePlanAsync("account", 12m);
        var ownProduct = await w.ResellerClient.CreateProductAsync([own]);
        var second = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, ownProduct);
        var ownSub = (await w.ResellerClient.ListAsync($"/api/v1/accounts/{second}/subscriptions")).ShouldHaveSingleItem().Long("id");
        var closed = (await w.ResellerClient.DeleteAsync($"/api/v1/accounts/{second}/subscriptions/{ownSub}")).ShouldHave(HttpStatusCode.OK);
        closed["status"].GetString().ShouldBe("closed");
        closed["finishDate"].GetString().ShouldBe("2026-05-01");
        (await w.ResellerClient.DeleteAsync($"/api/v1/accounts/{second}/subscriptions/{ownSub}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);

        await using var db = App.Database();
        db.Set<Data.Billing.AssignedSubscription>().Single(s => s.Id == resellerSub).Status.ShouldBe(Domain.Billing.AssignedSubscriptionStatus.Active);
    }

    [Fact]
    public async Task Visibility_ResellerSeesWhatItPays_CustomerOnlyWhatItPays_OthersNothing()
    {
        var w = await WorldAsync("startDate");
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        var charged = await w.ResellerClient.ListAsync($"/api/v1/resellers/{w.Reseller}/subscriptions");
        var perAccount = charged.ShouldHaveSingleItem();
        perAccount.Long("accountId").ShouldBe(account);
        perAccount.Long("customerId").ShouldBe(w.Customer);
        perAccount.Str("status").ShouldBe("active");

        var customer = await App.SignInAsync("customer", w.CustomerLogin, TestData.Password);
        var mine = await customer.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        mine.ShouldHaveSingleItem().Str("kind").ShouldBe("account", "what the reseller pays for the account is the reseller's business");
        (await customer.ListAsync($"/api/v1/customers/{w.Customer}/subscriptions")).ShouldHaveSingleItem();
        (await customer.GetAsync($"/api/v1/accounts/{account}/subscriptions/{perAccount.Long("id")}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await customer.PatchAsync($"/api/v1/accounts/{account}/subscriptions/{mine[0].Long("id")}", new { adjustment = (object?)null }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await customer.GetAsync($"/api/v1/resellers/{w.Reseller}/subscriptions")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);

        (await w.OtherReseller.GetAsync($"/api/v1/accounts/{account}/subscriptions")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.OtherReseller.GetAsync($"/api/v1/resellers/{w.Reseller}/subscriptions")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.OtherReseller.DeleteAsync($"/api/v1/accounts/{account}/subscriptions/{mine[0].Long("id")}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.OtherReseller.PostAsync($"/api/v1/accounts/{account}/first-usage", new { at = "2026-05-01T10:00:00Z" }))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ResellerSubscription_StopsWhenTheAccountCloses()
    {
        var w = await WorldAsync();
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        (await w.ResellerClient.PostAsync($"/api/v1/accounts/{account}/close")).ShouldHave(HttpStatusCode.OK);
        var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        subscriptions.ShouldAllBe(s => s.Str("status") == "closed" && s.Str("finishDate") == "2026-05-01");
        (await w.Admin.ListAsync($"/api/v1/resellers/{w.Reseller}/subscriptions")).ShouldAllBe(s => s.Str("status") == "closed");
    }

    [Fact]
    public async Task ResellerSubscription_StopsWhenTheProductIsReplacedByOneWithoutIt_AndCarriesOnWhenTheNewOneHasIt()
    {
        var w = await WorldAsync("startDate");
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        var sameFee = await w.Admin.CreateProductAsync([], [w.ResellerPlan], shared: true);
        var before = OfKind(await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions"), "reseller").Long("id");

        (await w.ResellerClient.PatchAsync($"/api/v1/accounts/{account}", new { productId = sameFee })).ShouldHave(HttpStatusCode.OK)
            ["productId"].GetInt64().ShouldBe(sameFee);
        var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        var kept = subscriptions.Single(s => s.Long("id") == before);
        kept.Str("status").ShouldBe("active", "the new product has the same reseller subscription, so it carries on");
        kept.Long("productId").ShouldBe(sameFee);
        OfKind(subscriptions, "account").Str("status").ShouldBe("closed", "the new product has no account subscription");

        var noFee = await w.ResellerClient.CreateProductAsync([await w.ResellerClient.CreatePlanAsync("account", 9m)]);
        (await w.ResellerClient.PatchAsync($"/api/v1/accounts/{account}", new { productId = noFee })).ShouldHave(HttpStatusCode.OK);
        var stopped = (await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions")).Single(s => s.Long("id") == before);
        stopped.Str("status").ShouldBe("closed");
        stopped.Str("finishDate").ShouldBe("2026-05-01");
    }

    [Fact]
    public async Task ResellerSubscription_StopsWhenRemovedFromTheProduct_AndAnAddedPlanReachesEveryHolder()
    {
        var w = await WorldAsync("startDate");
        var first = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        var second = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product);
        (await w.Admin.PatchAsync($"/api/v1/products/{w.Product}", new { resellerSubscriptionIds = Array.Empty<long>() })).ShouldHave(HttpStatusCode.OK);
        foreach (var account in new[] { first, second })
        {
            var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions");
            OfKind(subscriptions, "reseller").Str("status").ShouldBe("closed");
            OfKind(subscriptions, "account").Str("status").ShouldBe("active");
        }

        var extra = await w.Admin.CreatePlanAsync("account", 4m, shared: true);
        (await w.Admin.PatchAsync($"/api/v1/products/{w.Product}", new { accountSubscriptionIds = new[] { w.AccountPlan, extra } })).ShouldHave(HttpStatusCode.OK);
        foreach (var account in new[] { first, second })
            (await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions")).Count(s => s.Long("subscriptionId") == extra && s.Str("status") == "active")
                .ShouldBe(1);
    }

    [Fact]
    public async Task ManyAddons_EachBringsItsPlan_AndAHiddenOneAmongThemIsNamed()
    {
        // Products are read four at a time (ProductAssigner): a main product and five add-ons take two reads.
        var w = await WorldAsync();
        var addons = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var plan = await w.Admin.CreatePlanAsync("account", 1m + i, "startDate", shared: true);
            addons.Add(await w.Admin.CreateProductAsync([plan], kind: "addon", shared: true, anyMain: true));
        }
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product, addons: [.. addons]);
        (await w.Admin.GetAsync($"/api/v1/accounts/{account}")).ShouldHave(HttpStatusCode.OK)["addonProductIds"]
            .EnumerateArray().Select(e => e.GetInt64()).Order().ShouldBe(addons);
        var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        subscriptions.Where(s => s.Long("productId") != w.Product).Select(s => s.Long("productId")).Order().ShouldBe(addons);
        subscriptions.Count(s => s.Long("productId") == w.Product).ShouldBe(2, "the main product's account and reseller plans");

        var hidden = await w.Admin.CreateProductAsync([], kind: "addon", anyMain: true);
        var refused = await w.ResellerClient.PostAsync("/api/v1/accounts", new
        {
            accountId = TestData.Unique("many"), customerId = w.Customer, productId = w.Product, addonProductIds = addons.Append(hidden).ToArray(),
        });
        refused.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("addonProductIds[5]").ShouldNotBeEmpty(refused.Text);
    }

    [Fact]
    public async Task AccountProducts_AreCheckedAndAllOrNothing()
    {
        var w = await WorldAsync();
        var addon = (await w.Admin.PostAsync("/api/v1/products", new
        {
            name = TestData.Unique("Addon"), kind = "addon", sharedWithResellers = true, allowedWithMainProductIds = new[] { w.Product },
        })).ShouldHave(HttpStatusCode.Created).Id;
        var otherMain = await w.Admin.CreateProductAsync([], shared: true);
        var hidden = await w.Admin.CreateProductAsync([]);

        var withAddon = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product, addons: [addon]);
        (await w.Admin.GetAsync($"/api/v1/accounts/{withAddon}")).ShouldHave(HttpStatusCode.OK)["addonProductIds"]
            .EnumerateArray().Select(e => e.GetInt64()).ShouldBe([addon]);

        async Task Refused(object body, HttpStatusCode status, string type, string field)
        {
            var accountId = TestData.Unique("refused");
            var response = await w.ResellerClient.PostAsync("/api/v1/accounts", body.GetType().GetProperties()
                .ToDictionary(p => p.Name, p => p.GetValue(body)).Append(new KeyValuePair<string, object?>("accountId", accountId))
                .Append(new KeyValuePair<string, object?>("customerId", w.Customer)).ToDictionary());
            response.ShouldBeProblem(status, type).ErrorsFor(field).ShouldNotBeEmpty(response.Text);
            await using var db = App.Database();
            db.Accounts.Any(a => a.AccountId == accountId).ShouldBeFalse("a refused account is not created");
        }
        await Refused(new { addonProductIds = new[] { addon } }, HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable, "addonProductIds");
        await Refused(new { productId = otherMain, addonProductIds = new[] { addon } }, HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable, "addonProductIds[0]");
        await Refused(new { productId = addon }, HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable, "productId");
        await Refused(new { productId = hidden }, HttpStatusCode.NotFound, ProblemTypes.NotFound, "productId");
        await Refused(new { productId = w.Product, addonProductIds = new[] { addon, addon } }, HttpStatusCode.BadRequest, ProblemTypes.Validation, "addonProductIds");
        await Refused(new { activationDate = "2026-04-01" }, HttpStatusCode.BadRequest, ProblemTypes.Validation, "activationDate");

        // The administrators may not give a reseller's account a product that is not shared with resellers.
        var account = await w.Admin.CreateAccountAsync(w.Customer);
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}", new { productId = hidden }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("productId").ShouldNotBeEmpty();
        (await w.Admin.PatchAsync($"/api/v1/accounts/{account}", new { productId = w.Product, activationDate = "2026-04-01" }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("activationDate").ShouldNotBeEmpty();
        var customer = await App.SignInAsync("customer", w.CustomerLogin, TestData.Password);
        (await customer.PatchAsync($"/api/v1/accounts/{account}", new { productId = w.Product })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions")).ShouldBeEmpty();
    }

    [Fact]
    public async Task MovedSubscriber_KeepsItsRealStartDate()
    {
        var w = await WorldAsync("startDate");
        var account = await w.ResellerClient.CreateAccountWithProductAsync(w.Customer, w.Product, activationDate: "2025-11-15");
        var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{account}/subscriptions");
        subscriptions.ShouldAllBe(s => s.Str("startDate") == "2025-11-15" && s.Str("activationDate") == "2025-11-15" && s.Str("status") == "active");
    }
}

public sealed class AssignmentTestsOnSqlite(SqliteApp app) : AssignmentTests(app), IClassFixture<SqliteApp>;

public sealed class AssignmentTestsOnPostgres(PostgresApp app) : AssignmentTests(app), IClassFixture<PostgresApp>;
