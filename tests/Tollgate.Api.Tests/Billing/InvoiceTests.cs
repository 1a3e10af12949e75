using System.Net.Http.Headers;
using Tollgate.Api.Problems;
using UglyToad.PdfPig;

namespace Tollgate.Api.Tests.Billing;

/// <summary>Invoices: numbering per issuer, totals equal to their lines, the PDF, and who may read them.</summary>
public abstract class InvoiceTests(DbKind kind)
{
    private sealed record World(TollgateTestApp App, ApiClient Admin, long Reseller, string ResellerLogin, long[] Customers, string CustomerLogin, long Direct);

    /// <summary>A reseller with two customers and a direct customer, billed for May with odd amounts that need rounding.</summary>
    private static async Task<World> BilledAsync(TollgateTestApp app)
    {
        var admin = await app.AdminAsync();
        var resellerLogin = TestData.Unique("abc");
        var reseller = await admin.CreateResellerAsync(resellerLogin, name: "ABC Shuttle");
        var resellerFee = await admin.CreatePlanAsync("reseller", 10m, moreThanOnce: true, shared: true, name: "Call recording (reseller fee)");
        var accountFee = await admin.CreatePlanAsync("account", 19.99m, shared: true, name: "Call recording");
        var product = await admin.CreateProductAsync([accountFee], [resellerFee], shared: true);
        var customerLogin = TestData.Unique("john");
        var john = await admin.CreateCustomerAsync(reseller, customerLogin, name: "John Doe");
        var other = await admin.CreateCustomerAsync(reseller, name: "Jane Roe");
        var direct = await admin.CreateCustomerAsync(name: "Mary Smith");
        admin = await app.MoveToAsync("2026-05-07T12:00:00Z");
        foreach (var customer in new[] { john, john, other, direct }) await admin.CreateAccountWithProductAsync(customer, product, accountId: TestData.Unique("1209555"));
        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        return new World(app, admin, reseller, resellerLogin, [john, other], customerLogin, direct);
    }

    [Fact]
    public async Task Invoice_TotalIsTheExactSumOfItsLines_AndNumbersRunPerIssuer()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var w = await BilledAsync(app);
        var all = await w.Admin.ListAsync("/api/v1/invoices");
        all.Count.ShouldBe(4);
        foreach (var summary in all)
        {
            var invoice = (await w.Admin.GetAsync($"/api/v1/invoices/{summary.Long("id")}")).ShouldHave(HttpStatusCode.OK);
            var lines = invoice["lines"].EnumerateArray().ToList();
            lines.Count.ShouldBe(summary.GetProperty("lineCount").GetInt32());
            lines.Sum(l => l.Decimal("amount")).ShouldBe(invoice.Json.Decimal("total"));
        }
        // 25 of May's 31 days at 19.99 = 16.120967… → 16.12 per account, rounded once per line.
        (await w.Admin.InvoicesAsync("customer", w.Customers[0])).ShouldHaveSingleItem().Decimal("total").ShouldBe(32.24m);
        var abc = (await w.Admin.InvoicesAsync("reseller", w.Reseller)).ShouldHaveSingleItem();
        abc.Decimal("total").ShouldBe(24.18m, "three accounts at 10 × 25/31 = 8.06 each, rounded per line");

        var provider = all.Where(i => i.GetProperty("issuer").Str("kind") == "provider").Select(i => i.Long("number")).Order().ToList();
        provider.ToList().ShouldBe([1L, 2L], "the provider numbers the invoices of resellers and of its direct customers");
        var byReseller = all.Where(i => i.GetProperty("issuer").Str("kind") == "reseller").ToList();
        byReseller.ShouldAllBe(i => i.GetProperty("issuer").Long("id") == w.Reseller && i.GetProperty("issuer").Str("name") == "ABC Shuttle");
        byReseller.Select(i => i.Long("number")).Order().ToList().ShouldBe([1L, 2L], "the reseller numbers the invoices of its own customers");
    }

    [Fact]
    public async Task InvoicePdf_IsARealPdfWithIssuerPayerPeriodLinesAndTotal()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var w = await BilledAsync(app);
        var invoice = (await w.Admin.InvoicesAsync("reseller", w.Reseller)).Single();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/invoices/{invoice.Long("id")}/pdf");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", w.Admin.AccessToken);
        using var response = await w.Admin.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        using var pdf = PdfDocument.Open(bytes);
        pdf.Information.Title.ShouldBe($"Invoice {invoice.Long("number")}");
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(word => word.Text))));
        foreach (var expected in new[] { "Panda", "Telecom", "ABC", "Shuttle", "INVOICE", "1 May", "31 May 2026", "Total", "24.18", "John", "Jane", "8.06" })
            text.ShouldContain(expected, Case.Sensitive, $"the PDF should show '{expected}'");
    }

    [Fact]
    public async Task InvoicePdf_ManyLines_ContinueOverPages()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var customer = await admin.CreateCustomerAsync(name: "Big Company");
        var account = await admin.CreateAccountAsync(customer);
        var plan = await admin.CreatePlanAsync("account", 1m, moreThanOnce: true, name: "Extension");
        for (var i = 0; i < 120; i++)
            (await admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = plan })).ShouldHave(HttpStatusCode.Created);
        admin = await app.MoveToAsync("2026-06-01T12:00:00Z");
        await admin.RunBillingAsync("2026-06-01");
        var id = (await admin.InvoicesAsync("customer", customer)).Single().Long("id");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/invoices/{id}/pdf");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        using var response = await admin.Http.SendAsync(request);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        pdf.NumberOfPages.ShouldBeGreaterThan(2);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        pages.Sum(p => p.Split("Extension").Length - 1).ShouldBe(120, "every line is printed once");
        pages[^1].ShouldContain("120.00");
        pages[^1].ShouldContain($"of {pdf.NumberOfPages}");
    }

    [Fact]
    public async Task Customer_ReadsOnlyItsOwnInvoicesAndCharges_AnotherResellerNone()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var w = await BilledAsync(app);
        var john = await app.SignInAsync("customer", w.CustomerLogin, TestData.Password);
        var mine = (await john.ListAsync("/api/v1/invoices")).ShouldHaveSingleItem();
        mine.GetProperty("payer").Long("id").ShouldBe(w.Customers[0]);
        (await john.GetAsync($"/api/v1/invoices/{mine.Long("id")}/pdf")).Status.ShouldBe(HttpStatusCode.OK);
        var charges = await john.ListAsync("/api/v1/xdrs");
        charges.Count.ShouldBe(4, "May and June for its two accounts");
        charges.ShouldAllBe(x => x.Str("payer") == "customer" && x.Long("payerId") == w.Customers[0]);
        var account = charges[0].Long("accountId");
        var ofAccount = await w.Admin.ListAsync($"/api/v1/xdrs?accountId={account}");
        ofAccount.ShouldAllBe(x => x.Long("accountId") == account);
        ofAccount.Where(x => x.Str("payer") == "customer").Select(x => x.Long("id")).ShouldBe(charges.Where(x => x.Long("accountId") == account).Select(x => x.Long("id")));
        ofAccount.Count(x => x.Str("payer") == "reseller").ShouldBe(2, "the reseller's fee for the account, May and June");
        (await john.ListAsync($"/api/v1/xdrs?accountId={account}")).Select(x => x.Long("id"))
            .ShouldBe(charges.Where(x => x.Long("accountId") == account).Select(x => x.Long("id")), "the customer's own charges for its account");
        var others = (await w.Admin.ListAsync("/api/v1/invoices")).Where(i => i.Long("id") != mine.Long("id")).Select(i => i.Long("id"));
        foreach (var id in others)
        {
            (await john.GetAsync($"/api/v1/invoices/{id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
            (await john.GetAsync($"/api/v1/invoices/{id}/pdf")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        }

        var reseller = await app.SignInAsync("reseller", w.ResellerLogin, TestData.Password);
        (await reseller.ListAsync("/api/v1/invoices")).Count.ShouldBe(3, "its own invoice and its two customers'");
        var otherLogin = TestData.Unique("other");
        await w.Admin.CreateResellerAsync(otherLogin);
        var stranger = await app.SignInAsync("reseller", otherLogin, TestData.Password);
        (await stranger.ListAsync("/api/v1/invoices")).ShouldBeEmpty();
        (await stranger.ListAsync("/api/v1/xdrs")).ShouldBeEmpty();
        (await stranger.ListAsync($"/api/v1/xdrs?accountId={account}")).ShouldBeEmpty();
        (await stranger.GetAsync($"/api/v1/invoices/{mine.Long("id")}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}

public sealed class InvoiceTestsOnSqlite() : InvoiceTests(DbKind.Sqlite);

public sealed class InvoiceTestsOnPostgres() : InvoiceTests(DbKind.Postgres);
