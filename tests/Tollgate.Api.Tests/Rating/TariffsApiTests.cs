using System.Text;
using Tollgate.Api.Features.Rating;
using Tollgate.Api.Problems;
using Tollgate.Api.Tests.Billing;
using static Tollgate.Api.Tests.Rating.RatingTestKit;

namespace Tollgate.Api.Tests.Rating;

/// <summary>Tariffs and rates through the API: single rates, CSV upload and download, lookup, and who may see or change them.</summary>
public abstract class TariffsApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private Task<ApiResponse> UploadAsync(ApiClient client, long tariff, string csv, string mode = "merge") =>
        client.SendRawAsync(HttpMethod.Post, $"/api/v1/tariffs/{tariff}/rates/import?mode={mode}", csv, "text/csv");

    [Fact]
    public async Task RateFile_WithErrors_NamesEachRowColumnAndReason_AndChangesNothing()
    {
        var admin = await App.AdminAsync();
        var tariff = await admin.CreateTariffAsync(rates: new Rate("44", 0.10m));
        var csv = string.Join("\n",
            "prefix,pricePerMinute,connectFee,firstInterval,nextInterval,graceSeconds,effectiveFrom,effectiveTo",
            "4420,0.05,,60,6,,,",
            "44ab,0.05,,,,,,",
            "4421,-1,,0,,,2026-13-01,",
            "4422,0.0000001,,,,,2026-06-01,2026-05-01",
            "4420,0.07,,,,,,",
            "4423,cheap,,,,,,");
        var problem = (await UploadAsync(admin, tariff, csv)).ShouldBeProblem(HttpStatusCode.BadRequest, RatingProblems.RateFileInvalid);
        var rows = problem["rows"].EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.Str("column"))).ToList();
        rows.ShouldBe([
            (3, "prefix"), (4, "pricePerMinute"), (4, "firstInterval"), (4, "effectiveFrom"), (5, "pricePerMinute"), (5, "effectiveTo"),
            (6, "prefix"), (7, "pricePerMinute"),
        ], ignoreOrder: true);
        problem.ErrorsFor("row 6, column prefix").ShouldHaveSingleItem().ShouldContain("row 2", Case.Sensitive, "names the row it repeats");
        problem.ErrorsFor("row 7, column pricePerMinute").ShouldHaveSingleItem().ShouldContain("'cheap'");
        (await admin.ListAsync($"/api/v1/tariffs/{tariff}/rates")).ShouldHaveSingleItem().Str("prefix").ShouldBe("44", "nothing was changed");

        var header = (await UploadAsync(admin, tariff, "prefix,price\n44,1\n")).ShouldBeProblem(HttpStatusCode.BadRequest, RatingProblems.RateFileInvalid);
        header.ErrorsFor("row 1, column B").ShouldNotBeEmpty();
        header.ErrorsFor("row 1, column pricePerMinute").ShouldNotBeEmpty("the mandatory column is missing");
        using var latin1 = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tariffs/{tariff}/rates/import")
        {
            Content = new ByteArrayContent([.. Encoding.ASCII.GetBytes("prefix,pricePerMinute\n44,1\n"), 0xE9, .. Encoding.ASCII.GetBytes(",1\n")]),
        };
        latin1.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        (await admin.SendAsync(latin1)).ShouldBeProblem(HttpStatusCode.BadRequest, RatingProblems.RateFileInvalid).Json.GetProperty("detail").GetString()!
            .ShouldContain("UTF-8");
        (await admin.ListAsync($"/api/v1/tariffs/{tariff}/rates")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task RateFile_MergeAndReplace_ThenDownloadGivesTheSameRatesBack()
    {
        var admin = await App.AdminAsync();
        var tariff = await admin.CreateTariffAsync(currency: "EUR", rates: new Rate("33", 0.10m));
        var upload = (await UploadAsync(admin, tariff, "Prefix;PricePerMinute;EffectiveFrom\n+4420;0,05\n")).ShouldBeProblem(HttpStatusCode.BadRequest,
            RatingProblems.RateFileInvalid);
        upload.ErrorsFor("row 2, column pricePerMinute").ShouldNotBeEmpty("decimals use a dot");

        var merged = (await UploadAsync(admin, tariff, "Prefix;PricePerMinute;connectFee;firstInterval;nextInterval;EffectiveFrom\n" +
                                                       "+4420;0.05;0.01;60;6;\n4420;0.04;0.01;60;6;2026-07-01\n33;0.10;;;;\n")).ShouldHave(HttpStatusCode.OK);
        (merged["added"].GetInt32(), merged["changed"].GetInt32(), merged["unchanged"].GetInt32(), merged["removed"].GetInt32()).ShouldBe((2, 0, 1, 0));
        var replaced = (await UploadAsync(admin, tariff, "prefix,pricePerMinute,connectFee,firstInterval,nextInterval,effectiveFrom\n" +
                                                         "4420,0.06,0.01,60,6,\n4420,0.04,0.01,60,6,2026-07-01\n", mode: "replace")).ShouldHave(HttpStatusCode.OK);
        (replaced["added"].GetInt32(), replaced["changed"].GetInt32(), replaced["unchanged"].GetInt32(), replaced["removed"].GetInt32()).ShouldBe((0, 1, 1, 1));

        var download = await admin.GetAsync($"/api/v1/tariffs/{tariff}/rates/export");
        download.ShouldHave(HttpStatusCode.OK).MediaType.ShouldBe("text/csv");
        download.Text.ReplaceLineEndings("\n").ShouldBe(
            "prefix,pricePerMinute,connectFee,firstInterval,nextInterval,graceSeconds,effectiveFrom,effectiveTo\n" +
            "4420,0.06,0.01,60,6,0,,\n4420,0.04,0.01,60,6,0,2026-07-01,\n");
        var again = (await UploadAsync(admin, tariff, download.Text)).ShouldHave(HttpStatusCode.OK);
        again["unchanged"].GetInt32().ShouldBe(2, "a downloaded file uploads as it is, changing nothing");

        var read = (await admin.GetAsync($"/api/v1/tariffs/{tariff}")).ShouldHave(HttpStatusCode.OK);
        read["rateCount"].GetInt32().ShouldBe(2);
        read["lastRateChange"].GetString()!.ShouldStartWith("upload (merge)");
    }

    [Fact]
    public async Task Lookup_GivesTheLongestMatchingPrefix_OrNoRate()
    {
        var admin = await App.AdminAsync();
        var tariff = await admin.CreateTariffAsync(rates: [new Rate("4", 0.30m), new Rate("44", 0.20m), new Rate("4420", 0.10m)]);
        (await admin.GetAsync($"/api/v1/tariffs/{tariff}/lookup?number=%2B442071234567")).ShouldHave(HttpStatusCode.OK)["prefix"].GetString().ShouldBe("4420");
        (await admin.GetAsync($"/api/v1/tariffs/{tariff}/lookup?number=447700900123")).ShouldHave(HttpStatusCode.OK)["prefix"].GetString().ShouldBe("44");
        (await admin.GetAsync($"/api/v1/tariffs/{tariff}/lookup?number=33140000000")).ShouldBeProblem(HttpStatusCode.NotFound, RatingProblems.NoRate);
        (await admin.GetAsync($"/api/v1/tariffs/{tariff}/lookup")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("number").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Rates_AreValidatedByField_AndOnePerPrefixAndStart()
    {
        var admin = await App.AdminAsync();
        var tariff = await admin.CreateTariffAsync();
        var bad = (await admin.PostAsync($"/api/v1/tariffs/{tariff}/rates", new { prefix = "4x", pricePerMinute = -1, firstInterval = 0, graceSeconds = 4000 }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        foreach (var field in new[] { "prefix", "pricePerMinute", "firstInterval", "graceSeconds" }) bad.ErrorsFor(field).ShouldNotBeEmpty(field);
        var rate = await admin.AddRateAsync(tariff, new Rate("1", 0.10m));
        (await admin.PostAsync($"/api/v1/tariffs/{tariff}/rates", new { prefix = "+1", pricePerMinute = 0.2m }))
            .ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate).ErrorsFor("prefix").ShouldNotBeEmpty();
        var changed = (await admin.PatchAsync($"/api/v1/tariffs/{tariff}/rates/{rate}", new { nextInterval = 6, effectiveTo = "2027-01-01" })).ShouldHave(HttpStatusCode.OK);
        (changed["firstInterval"].GetInt32(), changed["nextInterval"].GetInt32(), changed["effectiveTo"].GetString()).ShouldBe((60, 6, "2027-01-01"));
        (await admin.PatchAsync($"/api/v1/tariffs/{tariff}/rates/{rate}", new { effectiveFrom = "2027-02-01" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("effectiveTo").ShouldNotBeEmpty();
        (await admin.PatchAsync($"/api/v1/tariffs/{tariff}", new { currency = "EUR" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("currency").ShouldNotBeEmpty();
        (await admin.DeleteAsync($"/api/v1/tariffs/{tariff}/rates/{rate}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/v1/tariffs/{tariff}/rates/{rate}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task Tariffs_AreSeenLikeTheCatalog_AndAnotherTenantsAnswer404()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("res");
        var reseller = await admin.CreateResellerAsync(login);
        var otherLogin = TestData.Unique("oth");
        await admin.CreateResellerAsync(otherLogin);
        var mine = await App.SignInAsync("reseller", login, TestData.Password);
        var other = await App.SignInAsync("reseller", otherLogin, TestData.Password);
        var shared = await admin.CreateTariffAsync(shared: true);
        var hidden = await admin.CreateTariffAsync();
        var own = (await mine.PostAsync("/api/v1/tariffs", new { name = TestData.Unique("Own"), currency = "USD" })).ShouldHave(HttpStatusCode.Created);
        own["managedBy"].GetInt64().ShouldBe(reseller);
        await mine.AddRateAsync(own.Id, new Rate("1", 0.10m));

        (await mine.GetAsync($"/api/v1/tariffs/{shared}")).ShouldHave(HttpStatusCode.OK);
        (await mine.PostAsync($"/api/v1/tariffs/{shared}/rates", new { prefix = "1", pricePerMinute = 1 })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        foreach (var path in new[] { $"/api/v1/tariffs/{hidden}", $"/api/v1/tariffs/{hidden}/rates", $"/api/v1/tariffs/{hidden}/rates/export" })
            (await mine.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        foreach (var path in new[] { $"/api/v1/tariffs/{own.Id}", $"/api/v1/tariffs/{own.Id}/rates", $"/api/v1/tariffs/{own.Id}/lookup?number=1" })
            (await other.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.SendRawAsync(HttpMethod.Post, $"/api/v1/tariffs/{own.Id}/rates/import", "prefix,pricePerMinute\n1,0\n", "text/csv"))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.DeleteAsync($"/api/v1/tariffs/{own.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await other.ListAsync("/api/v1/tariffs")).ShouldNotContain(t => t.Long("id") == own.Id || t.Long("id") == hidden);

        // Vendors' prices and wholesale tariffs are the provider's business.
        (await mine.PostAsync("/api/v1/connections", new { name = TestData.Unique("Vendor"), direction = "outgoing", address = "192.0.2.30", tariffId = own.Id }))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await mine.PatchAsync($"/api/v1/resellers/{reseller}", new { tariffId = shared })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await admin.PatchAsync($"/api/v1/resellers/{reseller}", new { tariffId = own.Id }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("tariffId").ShouldNotBeEmpty();
        (await admin.DeleteAsync($"/api/v1/tariffs/{shared}")).ShouldHave(HttpStatusCode.NoContent);

        // A tariff in use cannot be deleted.
        await admin.SetWholesaleTariffAsync(reseller, hidden);
        (await admin.DeleteAsync($"/api/v1/tariffs/{hidden}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);

        // Customers do not read tariffs at all: what they pay shows on their charges.
        var customerLogin = TestData.Unique("cus");
        await admin.CreateCustomerAsync(reseller, customerLogin);
        var customer = await App.SignInAsync("customer", customerLogin, TestData.Password);
        (await customer.GetAsync("/api/v1/tariffs")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task CostTariff_IsTheVendorConnectionsTariffId_ValidatedByField_AndKeepsTheTariffInUse()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("res");
        await admin.CreateResellerAsync(login);
        var resellers = (await (await App.SignInAsync("reseller", login, TestData.Password))
            .PostAsync("/api/v1/tariffs", new { name = TestData.Unique("Own"), currency = "USD" })).ShouldHave(HttpStatusCode.Created).Id;
        var vendor = await admin.CreateTariffAsync(currency: "EUR", rates: new Rate("44", 0.01m));
        var name = TestData.Unique("Vendor");
        object Outgoing(object? tariffId) => new { name, direction = "outgoing", address = "192.0.2.31", tariffId };

        // Refused, naming the field, and nothing stored: no such tariff, a reseller's tariff, a cost on calls that come in.
        (await admin.PostAsync("/api/v1/connections", Outgoing(987_654_321L)))
            .ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound).ErrorsFor("tariffId").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/connections", Outgoing(resellers)))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("tariffId").ShouldNotBeEmpty();
        (await admin.PostAsync("/api/v1/connections", new { name, direction = "incoming", address = "192.0.2.32", tariffId = vendor }))
            .ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation).ErrorsFor("tariffId").ShouldNotBeEmpty();
        (await admin.ListAsync($"/api/v1/connections?name={Uri.EscapeDataString(name)}")).ShouldBeEmpty();

        var created = (await admin.PostAsync("/api/v1/connections", Outgoing(vendor))).ShouldHave(HttpStatusCode.Created);
        created["tariffId"].GetInt64().ShouldBe(vendor);
        (await admin.ListAsync($"/api/v1/connections?tariffId={vendor}")).Select(c => c.Long("id")).ShouldBe([created.Id]);
        (await admin.PatchAsync($"/api/v1/connections/{created.Id}", new { tariffId = resellers }))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity, ProblemTypes.Unprocessable).ErrorsFor("tariffId").ShouldNotBeEmpty();
        (await admin.GetAsync($"/api/v1/connections/{created.Id}")).ShouldHave(HttpStatusCode.OK)["tariffId"].GetInt64().ShouldBe(vendor, "unchanged");

        // A tariff a connection uses cannot be deleted; once the connection lets go of it, it can.
        var inUse = (await admin.DeleteAsync($"/api/v1/tariffs/{vendor}")).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        inUse["detail"].GetString()!.ShouldContain($"vendor connection {created.Id}");
        (await admin.PatchAsync($"/api/v1/connections/{created.Id}", new { tariffId = (long?)null })).ShouldHave(HttpStatusCode.OK)["tariffId"].ValueKind
            .ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await admin.DeleteAsync($"/api/v1/tariffs/{vendor}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.DeleteAsync($"/api/v1/connections/{created.Id}")).ShouldHave(HttpStatusCode.NoContent);
    }
}

public sealed class TariffsApiTestsOnSqlite(SqliteApp app) : TariffsApiTests(app), IClassFixture<SqliteApp>;

public sealed class TariffsApiTestsOnPostgres(PostgresApp app) : TariffsApiTests(app), IClassFixture<PostgresApp>;
