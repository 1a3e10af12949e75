using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Tests.Billing;
using Tollgate.Data.Centrex;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>
/// The feature guide's example: ABC's agreement (Auto attendant ×1, Hosted IP PBX ×0, Call recording ×300), its PBX
/// administrator (an individual) adding the auto attendant with DID 12094555948 and John Doe's extension 466, and the
/// subscriptions and charges that follow.
/// </summary>
/// <remarks>Each test has its own app, with the scheduled billing job off, because the example moves the clock to bill May.</remarks>
public abstract class AbcCompanyTests(DbKind kind)
{
    [Fact]
    public async Task AbcExample_AutoAttendantWithDid_SecondRefused_Extension466_WithTheirSubscriptions()
    {
        await using var app = await BillingTestKit.StartAsync(kind);
        using var mail = new MailFolder(app.MailDirectory);
        var w = await CentrexTestKit.BuildAsync(app);
        var agreement = await w.PutAbcAgreementAsync();
        agreement.Line("mainProducts", w.AutoAttendant).GetProperty("quantity").GetInt32().ShouldBe(1);
        agreement.Line("addonProducts", w.Recording).GetProperty("available").GetInt32().ShouldBe(300);

        // Steve, ABC's PBX administrator, works through the API with his own sign-in.
        var pbxAdmin = await w.Admin.CreateRoleAsync(new { extensions = "modify", subscriptions = "read", profile = "read" });
        await w.Admin.AllowRolesAsync(w.Customer, pbxAdmin);
        var steve = await app.ActivateAsync(mail, await w.Self.CreateIndividualAsync(w.Customer, pbxAdmin, firstName: "Steve"));

        var menu = (await steve.CreateAutoAttendantAsync(w.Customer, "Main menu", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);
        menu.AccountName().ShouldBe($"ph{w.Customer}aa1");
        menu["kind"].GetString().ShouldBe("autoAttendant");
        menu["sip"].GetProperty("username").GetString().ShouldBe($"ph{w.Customer}aa1");
        menu["sip"].GetProperty("password").GetString()!.Length.ShouldBe(Tollgate.Domain.Switching.SipPasswords.GeneratedLength);
        (await steve.PostAsync($"/api/v1/accounts/{menu.AccountKey()}/aliases", new { alias = "12094555948" })).ShouldHave(HttpStatusCode.Created);

        var second = await steve.CreateAutoAttendantAsync(w.Customer, "After hours", w.AutoAttendant);
        second.ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AgreementQuantityExceeded);
        (second["productId"].GetInt64(), second["quantity"].GetInt32(), second["used"].GetInt32()).ShouldBe((w.AutoAttendant, 1, 1));
        second.ErrorsFor("productId").ShouldHaveSingleItem().ShouldContain("allows product");

        var john = (await steve.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, [w.Recording], "John Doe")).ShouldHave(HttpStatusCode.Created);
        john.AccountName().ShouldBe($"ph{w.Customer}x466");
        (john["extension"].GetString(), john["name"].GetString(), john["kind"].GetString()).ShouldBe(("466", "John Doe", "extension"));
        john["productId"].GetInt64().ShouldBe(w.HostedPbx);
        john["addonProductIds"].EnumerateArray().Select(p => p.GetInt64()).ShouldBe([w.Recording]);
        john["account"].GetProperty("status").GetString().ShouldBe("active");
        john.Headers["Location"].ShouldBe($"/api/v1/customers/{w.Customer}/extensions/{john.Id}");

        // The password is shown once: reading the extension again gives the user name only.
        var again = (await steve.GetAsync($"/api/v1/customers/{w.Customer}/extensions/{john.Id}")).ShouldHave(HttpStatusCode.OK);
        again["sip"].TryGetProperty("password", out _).ShouldBeFalse();
        (await steve.GetAsync($"/api/v1/customers/{w.Customer}/auto-attendants/{menu.Id}")).ShouldHave(HttpStatusCode.OK)["aliases"]
            .EnumerateArray().Select(a => a.GetString()).ShouldBe(["12094555948"]);

        // Subscriptions start as billing defines: Hosted IP PBX from today (in Los Angeles), call recording at first usage.
        var subscriptions = await w.Admin.ListAsync($"/api/v1/accounts/{john.AccountKey()}/subscriptions");
        subscriptions.Count.ShouldBe(2);
        var pbx = subscriptions.Single(s => s.Long("productId") == w.HostedPbx);
        (pbx.Str("status"), pbx.Str("startDate"), pbx.Str("activationDate"), pbx.Decimal("fee")).ShouldBe(("active", "2026-05-01", "2026-05-01", 15m));
        var recording = subscriptions.Single(s => s.Long("productId") == w.Recording);
        (recording.Str("status"), recording.Str("startDate")).ShouldBe(("pending", "2026-05-01"));
        recording.GetProperty("activationDate").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await w.Admin.ListAsync($"/api/v1/accounts/{menu.AccountKey()}/subscriptions")).ShouldHaveSingleItem().Str("status").ShouldBe("active");

        // The customer reads the agreement with what it uses now.
        var used = (await steve.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).ShouldHave(HttpStatusCode.OK);
        var attendantLine = used.Line("mainProducts", w.AutoAttendant);
        (attendantLine.GetProperty("used").GetInt32(), attendantLine.GetProperty("available").GetInt32()).ShouldBe((1, 0));
        used.Line("mainProducts", w.HostedPbx).GetProperty("available").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        used.Line("addonProducts", w.Recording).GetProperty("available").GetInt32().ShouldBe(299);

        // What the switch reads: number 466 within ABC, and the DID across the installation.
        await using (var db = app.Database())
        {
            (await db.Extensions.SingleAsync(e => e.CustomerId == w.Customer && e.Number == "466")).AccountId.ShouldBe(john.AccountKey());
            var did = await db.AccountAliases.SingleAsync(a => a.Alias == "12094555948");
            (did.AccountId, did.CustomerId).ShouldBe((menu.AccountKey(), w.Customer));
            (await db.SipCredentials.SingleAsync(s => s.AccountId == john.AccountKey())).Password.ShouldBe(john["sip"].GetProperty("password").GetString());
        }

        // May's invoice: the auto attendant ($10) and Hosted IP PBX ($15); call recording waits for the first call.
        app.Clock.SetUtcNow(BillingTestKit.Utc("2026-06-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        await admin.RunBillingAsync("2026-06-01");
        var invoice = (await admin.InvoicesAsync("customer", w.Customer)).ShouldHaveSingleItem();
        (invoice.Str("periodStart"), invoice.Decimal("total")).ShouldBe(("2026-05-01", 25m));
    }

    [Fact]
    public async Task Agreement_IsReadOnlyToTheCustomer_AndSetByItsReseller()
    {
        await using var app = await BillingTestKit.StartAsync(kind);
        var w = await CentrexTestKit.BuildAsync(app, viaReseller: true);
        (await w.Self.PutAsync($"/api/v1/customers/{w.Customer}/agreement", new { mainProducts = Array.Empty<object>() }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, Api.Problems.ProblemTypes.Forbidden);
        var empty = (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).ShouldHave(HttpStatusCode.OK);
        empty["mainProducts"].GetArrayLength().ShouldBe(0);
        empty["updatedAt"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var set = await w.PutAbcAgreementAsync();
        set["updatedAt"].GetDateTime().ShouldBe(app.Clock.GetUtcNow().UtcDateTime);
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).ShouldHave(HttpStatusCode.OK)["addonProducts"].GetArrayLength().ShouldBe(1);

        var other = await w.Admin.CreateCustomerAsync();
        (await w.Staff.GetAsync($"/api/v1/customers/{other}/agreement")).ShouldBeProblem(HttpStatusCode.NotFound, Api.Problems.ProblemTypes.NotFound);
        (await w.Self.GetAsync($"/api/v1/customers/{other}/agreement")).ShouldBeProblem(HttpStatusCode.NotFound, Api.Problems.ProblemTypes.NotFound);
    }
}

public sealed class AbcCompanyTestsOnSqlite() : AbcCompanyTests(DbKind.Sqlite);

public sealed class AbcCompanyTestsOnPostgres() : AbcCompanyTests(DbKind.Postgres);
