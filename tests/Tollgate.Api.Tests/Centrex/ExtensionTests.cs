using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Billing;
using Tollgate.Api.Tests.Cpe;
using Tollgate.Data.Centrex;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>Extensions and auto attendants: numbers, look-ups with wildcards, changes, deletion, phones, and who may do what.</summary>
public abstract class ExtensionTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task<PbxWorld> AbcAsync(bool viaReseller = false)
    {
        var w = await CentrexTestKit.BuildAsync(App, viaReseller);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }, new { productId = w.AutoAttendant, quantity = 0 }],
            [new { productId = w.Recording, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);
        return w;
    }

    [Fact]
    public async Task List_FiltersByExtensionAndName_WithWildcards_InNumberOrder()
    {
        var w = await AbcAsync();
        foreach (var (number, name) in new[] { ("5001", "Front desk"), ("467", "Jane Roe"), ("466", "John Doe"), ("47", "Fax") })
            (await w.Self.CreateExtensionAsync(w.Customer, number, w.HostedPbx, name: name)).ShouldHave(HttpStatusCode.Created);
        (await w.Self.CreateAutoAttendantAsync(w.Customer, "John's menu", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);

        async Task<string[]> Numbers(string query) =>
            (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions{query}")).ShouldHave(HttpStatusCode.OK).Items
            .Select(i => i.GetProperty("extension").GetString()!).ToArray();

        (await Numbers("")).ShouldBe(["47", "466", "467", "5001"]);
        (await Numbers("?extension=46%25")).ShouldBe(["466", "467"]);
        (await Numbers("?extension=4_")).ShouldBe(["47"]);
        (await Numbers("?extension=466")).ShouldBe(["466"]);
        (await Numbers("?name=j%25")).ShouldBe(["466", "467"]);
        (await Numbers("?name=JOHN%20DOE")).ShouldBe(["466"]);
        (await Numbers("?name=%25desk")).ShouldBe(["5001"]);
        (await Numbers("?name=j_n%25&extension=46_")).ShouldBe(["467"]);
        var page = (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions?limit=2&offset=2")).ShouldHave(HttpStatusCode.OK);
        (page["total"].GetInt32(), page.Items.Count, page.Items[0].GetProperty("extension").GetString()).ShouldBe((4, 2, "467"));
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/auto-attendants?name=john%25")).ShouldHave(HttpStatusCode.OK)["total"].GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task NumbersAndBodies_AreValidated_WithEveryProblemNamed()
    {
        var w = await AbcAsync();
        var bad = await w.Self.PostAsync($"/api/v1/customers/{w.Customer}/extensions",
            new { extension = "46a", name = " ", productId = w.HostedPbx, addonProductIds = new[] { w.HostedPbx, w.Recording, w.Recording }, port = 1 });
        bad.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        bad.ErrorsFor("extension").ShouldBe(["must be digits only; it contains 'a' (for example 466)"]);
        bad.ErrorsFor("name").ShouldBe(["must not be blank"]);
        bad.ErrorsFor("addonProductIds[0]").ShouldBe(["is the main product (productId)"]);
        bad.ErrorsFor("addonProductIds[2]").ShouldBe(["lists the same product twice"]);
        bad.ErrorsFor("port").ShouldBe(["applies only together with deviceId"]);

        (await w.Self.CreateExtensionAsync(w.Customer, "1", w.HostedPbx)).ErrorsFor("extension").ShouldBe(["must be 2 to 8 digits; it has 1 (for example 466)"]);
        (await w.Self.CreateExtensionAsync(w.Customer, "123456789", w.HostedPbx)).ErrorsFor("extension")
            .ShouldBe(["must be 2 to 8 digits; it has 9 (for example 466)"]);
        (await w.Self.CreateExtensionAsync(w.Customer, "4 66", w.HostedPbx)).ErrorsFor("extension")
            .ShouldBe(["must be digits only; it contains a space (for example 466)"]);
        var missing = await w.Self.PostAsync($"/api/v1/customers/{w.Customer}/extensions", new { name = "Nobody" });
        missing.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        missing.ErrorsFor("extension").ShouldNotBeEmpty();
        missing.ErrorsFor("productId").ShouldNotBeEmpty();
        (await w.Self.PostAsync($"/api/v1/customers/{w.Customer}/auto-attendants", new { productId = w.AutoAttendant }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("name").ShouldNotBeEmpty();
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions"))["total"].GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task ExtensionAccountId_HeldByAnOpenAccountOrAnotherCustomer_AnswersConflict_AndStoresNothing()
    {
        var w = await AbcAsync();
        var other = await AbcAsync();
        // Accounts made by hand with the ids extensions 466 and 467 would get: one open of the customer, one of another customer.
        (await w.Admin.PostAsync("/api/v1/accounts", new { accountId = $"ph{w.Customer}x466", customerId = w.Customer })).ShouldHave(HttpStatusCode.Created);
        (await w.Admin.PostAsync("/api/v1/accounts", new { accountId = $"ph{w.Customer}x467", customerId = other.Customer })).ShouldHave(HttpStatusCode.Created);

        foreach (var number in new[] { "466", "467" })
            (await w.Self.CreateExtensionAsync(w.Customer, number, w.HostedPbx)).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate)
                .ErrorsFor("extension").ShouldHaveSingleItem().ShouldContain($"ph{w.Customer}x{number} is already used by another account");
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions"))["total"].GetInt32().ShouldBe(0);
        (await w.Self.CreateExtensionAsync(w.Customer, "468", w.HostedPbx)).ShouldHave(HttpStatusCode.Created).AccountName().ShouldBe($"ph{w.Customer}x468");
    }

    [Fact]
    public async Task ExtensionNumbers_AreUniqueWithinTheCustomer_NotAcrossCustomers()
    {
        var w = await AbcAsync();
        var other = await AbcAsync();
        (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        var again = await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx);
        again.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("extension").ShouldHaveSingleItem().ShouldContain("already has extension 466");
        (await w.Self.CreateAutoAttendantAsync(w.Customer, "Menu", w.AutoAttendant, extension: "466")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        (await other.Self.CreateExtensionAsync(other.Customer, "466", other.HostedPbx)).ShouldHave(HttpStatusCode.Created).AccountName()
            .ShouldBe($"ph{other.Customer}x466");
    }

    [Fact]
    public async Task AnotherCustomersExtension_AnswersNotFound()
    {
        var w = await AbcAsync();
        var other = await AbcAsync();
        var theirs = (await other.Self.CreateExtensionAsync(other.Customer, "466", other.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        var paths = new[] { $"/api/v1/customers/{other.Customer}/extensions/{theirs.Id}", $"/api/v1/customers/{w.Customer}/extensions/{theirs.Id}" };
        foreach (var path in paths)
        {
            (await w.Self.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            (await w.Self.PatchAsync(path, new { name = "Mine now" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            (await w.Self.DeleteAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        }
        (await w.Self.GetAsync($"/api/v1/customers/{other.Customer}/extensions")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.CreateExtensionAsync(other.Customer, "100", w.HostedPbx)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        var account = theirs.AccountKey();
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/block")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = "12094550000" })).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/addons/{w.Recording}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/sip-password")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        // Another reseller sees nothing of it either.
        var reseller = await CentrexTestKit.BuildAsync(App, viaReseller: true);
        (await reseller.Staff.GetAsync(paths[0])).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.Self.GetAsync(paths[0])).ShouldHave(HttpStatusCode.OK)["name"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Delete_ClosesTheAccount_FreesTheNumber_AndTheNumberCanComeBack()
    {
        var w = await AbcAsync();
        var first = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, [w.Recording], "John Doe")).ShouldHave(HttpStatusCode.Created);
        (await w.Self.PostAsync($"/api/v1/accounts/{first.AccountKey()}/aliases", new { alias = "12094550466" })).ShouldHave(HttpStatusCode.Created);
        var path = $"/api/v1/customers/{w.Customer}/extensions/{first.Id}";
        (await w.Self.DeleteAsync(path)).ShouldHave(HttpStatusCode.NoContent);
        (await w.Self.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        var closed = (await w.Admin.GetAsync($"/api/v1/accounts/{first.AccountKey()}")).ShouldHave(HttpStatusCode.OK);
        closed["status"].GetString().ShouldBe("closed");
        (await w.Admin.ListAsync($"/api/v1/accounts/{first.AccountKey()}/subscriptions")).ShouldAllBe(s => s.Str("status") == "closed");

        var second = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, name: "Joan Doe")).ShouldHave(HttpStatusCode.Created);
        second.AccountName().ShouldBe($"ph{w.Customer}x466");
        second.AccountKey().ShouldNotBe(first.AccountKey());
        (await w.Admin.GetAsync($"/api/v1/accounts/{first.AccountKey()}"))["accountId"].GetString().ShouldBe($"ph{w.Customer}x466.closed{first.AccountKey()}");
        (await w.Self.PostAsync($"/api/v1/accounts/{second.AccountKey()}/aliases", new { alias = "12094550466" })).ShouldHave(HttpStatusCode.Created);

        // An account closed by the provider directly frees its number the same way.
        (await w.Admin.PostAsync($"/api/v1/accounts/{second.AccountKey()}/close")).ShouldHave(HttpStatusCode.OK);
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions?extension=466"))["total"].GetInt32().ShouldBe(0);
        await using var db = App.Database();
        (await db.AccountAliases.AnyAsync(a => a.Alias == "12094550466")).ShouldBeFalse();
        (await db.SipCredentials.AnyAsync(s => s.AccountId == second.AccountKey())).ShouldBeFalse();
    }

    [Fact]
    public async Task AutoAttendantNumbers_CountFromOne_AndAreNeverReused()
    {
        var w = await AbcAsync();
        var one = (await w.Self.CreateAutoAttendantAsync(w.Customer, "Main menu", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);
        var two = (await w.Self.CreateAutoAttendantAsync(w.Customer, "After hours", w.AutoAttendant, extension: "800")).ShouldHave(HttpStatusCode.Created);
        (one.AccountName(), two.AccountName(), two["extension"].GetString()).ShouldBe(($"ph{w.Customer}aa1", $"ph{w.Customer}aa2", "800"));
        (await w.Self.DeleteAsync($"/api/v1/customers/{w.Customer}/auto-attendants/{two.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await w.Self.CreateAutoAttendantAsync(w.Customer, "Holidays", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created).AccountName()
            .ShouldBe($"ph{w.Customer}aa3");
        // An auto attendant is not an extension: the two collections never show each other's items.
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions/{one.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/auto-attendants"))["total"].GetInt32().ShouldBe(2);
        (await w.Self.PatchAsync($"/api/v1/customers/{w.Customer}/auto-attendants/{one.Id}", new { extension = "801", name = "Reception" }))
            .ShouldHave(HttpStatusCode.OK)["extension"].GetString().ShouldBe("801");
        (await w.Self.PatchAsync($"/api/v1/customers/{w.Customer}/auto-attendants/{one.Id}", new { name = (string?)null }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("name").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Patch_ChangesNameAndProducts_ButNotAnExtensionsNumber()
    {
        var w = await AbcAsync();
        var john = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, name: "John Doe")).ShouldHave(HttpStatusCode.Created);
        var path = $"/api/v1/customers/{w.Customer}/extensions/{john.Id}";
        var renumber = await w.Self.PatchAsync(path, new { extension = "467" });
        renumber.ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("extension").ShouldHaveSingleItem()
            .ShouldContain($"its account id ph{w.Customer}x466 comes from it");
        (await w.Self.PatchAsync(path, new { extension = "466", addonProductIds = new[] { w.Recording } })).ShouldHave(HttpStatusCode.OK)["addonProductIds"]
            .GetArrayLength().ShouldBe(1);
        (await w.Self.PatchAsync(path, new { unknown = 1 })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("unknown").ShouldNotBeEmpty();
        var cleared = (await w.Self.PatchAsync(path, new { name = (string?)null, addonProductIds = Array.Empty<long>() })).ShouldHave(HttpStatusCode.OK);
        cleared["name"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        cleared["addonProductIds"].GetArrayLength().ShouldBe(0);
        (await w.Admin.ListAsync($"/api/v1/accounts/{john.AccountKey()}/subscriptions")).Single(s => s.Long("productId") == w.Recording).Str("status")
            .ShouldBe("closed");
    }

    [Fact]
    public async Task Individuals_NeedExtensionsModifyToChange_AndPhonesModifyToAssignAPhone()
    {
        var w = await AbcAsync();
        var reader = await w.Admin.CreateRoleAsync(new { extensions = "read" });
        var pbxAdmin = await w.Admin.CreateRoleAsync(new { extensions = "modify", phones = "read" });
        await w.Admin.AllowRolesAsync(w.Customer, reader, pbxAdmin);
        var viewer = await App.ActivateAsync(fixture.Mail, await w.Admin.CreateIndividualAsync(w.Customer, reader));
        var steve = await App.ActivateAsync(fixture.Mail, await w.Admin.CreateIndividualAsync(w.Customer, pbxAdmin));

        (await viewer.CreateExtensionAsync(w.Customer, "466", w.HostedPbx))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/extensions/modify");
        var john = (await steve.CreateExtensionAsync(w.Customer, "466", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        (await viewer.GetAsync($"/api/v1/customers/{w.Customer}/extensions/{john.Id}")).ShouldHave(HttpStatusCode.OK);
        (await viewer.PostAsync($"/api/v1/accounts/{john.AccountKey()}/block"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/extensions/modify");

        var model = await w.Admin.CreateModelAsync();
        var device = await w.Admin.CreateDeviceAsync(model, customerId: w.Customer);
        (await steve.CreateExtensionAsync(w.Customer, "467", w.HostedPbx, deviceId: device.Id))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/phones/modify");
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions?extension=467"))["total"].GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Creation_WithADevice_AssignsThePhone_OrCreatesNothing()
    {
        var w = await AbcAsync();
        var model = await w.Admin.CreateModelAsync(ports: 1);
        var device = await w.Admin.CreateDeviceAsync(model, customerId: w.Customer);
        var john = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, deviceId: device.Id)).ShouldHave(HttpStatusCode.Created);
        john["phone"].GetProperty("deviceId").GetInt64().ShouldBe(device.Id);
        (john["phone"].GetProperty("mac").GetString(), john["phone"].GetProperty("port").GetInt32()).ShouldBe((device.Mac, 1));
        (await w.Self.GetAsync($"/api/v1/accounts/{john.AccountKey()}/cpe")).ShouldHave(HttpStatusCode.OK)["deviceId"].GetInt64().ShouldBe(device.Id);

        var busy = await w.Self.CreateExtensionAsync(w.Customer, "467", w.HostedPbx, deviceId: device.Id);
        busy.ShouldBeProblem(HttpStatusCode.Conflict, Api.Features.Cpe.CpeProblems.PortBusy);
        var stock = await w.Admin.CreateDeviceAsync(model);
        (await w.Self.CreateExtensionAsync(w.Customer, "467", w.HostedPbx, deviceId: stock.Id))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("deviceId").ShouldNotBeEmpty();
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions?extension=467"))["total"].GetInt32().ShouldBe(0);
        (await w.Admin.GetAsync($"/api/v1/accounts?accountId=ph{w.Customer}x467"))["total"].GetInt32().ShouldBe(0);
        (await w.Admin.ListAsync($"/api/v1/customers/{w.Customer}/subscriptions")).Count.ShouldBe(1);

        // Staff may take a phone from stock for the extension; it becomes the customer's.
        (await w.Admin.CreateExtensionAsync(w.Customer, "467", w.HostedPbx, deviceId: stock.Id)).ShouldHave(HttpStatusCode.Created);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{stock.Id}"))["customerId"].GetInt64().ShouldBe(w.Customer);
    }

    [Fact]
    public async Task Creation_AnswersExactlyWhatAReadReturns_PlusTheSipPassword()
    {
        // The answer to a creation is made from what was written, not read back: it must not differ from a read.
        var w = await CentrexTestKit.BuildAsync(App, viaReseller: true);
        var voicemailPlan = await w.Admin.CreatePlanAsync("account", 5m, shared: true, name: TestData.Unique("Voicemail"));
        var voicemail = await w.Admin.CreateProductAsync([voicemailPlan], kind: "addon", shared: true, anyMain: true, name: TestData.Unique("Voicemail"));
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 10 }, new { productId = w.AutoAttendant, quantity = 0 }],
            [new { productId = w.Recording, quantity = 10 }, new { productId = voicemail, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);
        var device = await w.Admin.CreateDeviceAsync(await w.Admin.CreateModelAsync(ports: 2), customerId: w.Customer);
        App.Clock.Advance(TimeSpan.FromTicks(1_234_567)); // an instant finer than PostgreSQL keeps (microseconds)

        var john = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, [voicemail, w.Recording], name: "John Doe", deviceId: device.Id))
            .ShouldHave(HttpStatusCode.Created);
        john["addonProductIds"].EnumerateArray().Select(a => a.GetInt64()).ShouldBe([w.Recording, voicemail]);
        john["phone"].GetProperty("deviceId").GetInt64().ShouldBe(device.Id);
        ShouldEqualRead(john, await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions/{john.Id}"));

        var menu = (await w.Self.CreateAutoAttendantAsync(w.Customer, "Main menu", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);
        ShouldEqualRead(menu, await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/auto-attendants/{menu.Id}"));

        static void ShouldEqualRead(ApiResponse created, ApiResponse read)
        {
            read.ShouldHave(HttpStatusCode.OK);
            var answer = JsonNode.Parse(created.Text)!.AsObject();
            answer["sip"]!.AsObject().Remove("password").ShouldBeTrue("the creation shows the SIP password once");
            JsonNode.DeepEquals(answer, JsonNode.Parse(read.Text)).ShouldBeTrue($"created {answer.ToJsonString()}\nread    {read.Text}");
        }
    }

    [Fact]
    public async Task SipPassword_IsGeneratedAtCreation_AndReplacedOnRequest_NeverReadBack()
    {
        var w = await AbcAsync();
        var john = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx)).ShouldHave(HttpStatusCode.Created);
        var first = john["sip"].GetProperty("password").GetString()!;
        var reset = (await w.Self.PostAsync($"/api/v1/accounts/{john.AccountKey()}/sip-password")).ShouldHave(HttpStatusCode.OK);
        reset["username"].GetString().ShouldBe(john.AccountName());
        var second = reset["password"].GetString()!;
        second.ShouldNotBe(first);
        second.Length.ShouldBe(Tollgate.Domain.Switching.SipPasswords.GeneratedLength);
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/extensions")).Text.ShouldNotContain(second);

        var audit = (await w.Admin.GetAsync($"/api/v1/customers/{w.Customer}/audit?entity=sipCredential&limit=100")).ShouldHave(HttpStatusCode.OK);
        audit["total"].GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        audit.Text.ShouldNotContain(first);
        audit.Text.ShouldNotContain(second);
        await using var db = App.Database();
        (await db.SipCredentials.SingleAsync(s => s.AccountId == john.AccountKey())).Password.ShouldBe(second);
    }
}

public sealed class ExtensionTestsOnSqlite(SqliteApp app) : ExtensionTests(app), IClassFixture<SqliteApp>;

public sealed class ExtensionTestsOnPostgres(PostgresApp app) : ExtensionTests(app), IClassFixture<PostgresApp>;
