using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Features.Centrex;
using Tollgate.Data.Billing;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>Agreement limits hold when many requests arrive at once: the customer's row lock serializes the checks.</summary>
public abstract class QuotaConcurrencyTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task FiftyParallelExtensions_AgainstAQuantityOfFive_CreateExactlyFive()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 5 }])).ShouldHave(HttpStatusCode.OK);
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => App.SignInAsync("customer", w.Login, TestData.Password)));

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            clients[i % clients.Length].CreateExtensionAsync(w.Customer, (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), w.HostedPbx)));

        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(5, string.Join(" | ", answers.Where(a => a.Status != HttpStatusCode.Created
            && a.ProblemType != CentrexProblems.AgreementQuantityExceeded).Select(a => a.Text)));
        answers.Where(a => a.Status != HttpStatusCode.Created).ShouldAllBe(a => a.ProblemType == CentrexProblems.AgreementQuantityExceeded);
        answers.Where(a => a.Status != HttpStatusCode.Created).ShouldAllBe(a => a["used"].GetInt32() == 5);

        await using var db = App.Database();
        (await db.Accounts.CountAsync(a => a.CustomerId == w.Customer)).ShouldBe(5, "a refused request leaves no account behind");
        (await db.Set<AccountProduct>().CountAsync(p => p.CustomerId == w.Customer && p.ProductId == w.HostedPbx)).ShouldBe(5);
        (await db.Set<Data.Centrex.Extension>().CountAsync(e => e.CustomerId == w.Customer)).ShouldBe(5);
        (await w.Self.GetAsync($"/api/v1/customers/{w.Customer}/agreement")).Line("mainProducts", w.HostedPbx).GetProperty("used").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task FiftyParallelAutoAttendants_AgainstAQuantityOfFive_AreNumberedOneToFive()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        (await w.PutAgreementAsync([new { productId = w.AutoAttendant, quantity = 5 }])).ShouldHave(HttpStatusCode.OK);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => w.Self.CreateAutoAttendantAsync(w.Customer, $"Menu {i}", w.AutoAttendant)));

        var created = answers.Where(a => a.Status == HttpStatusCode.Created).Select(a => a.AccountName()).Order().ToList();
        created.ShouldBe(Enumerable.Range(1, 5).Select(n => $"ph{w.Customer}aa{n}"), ignoreOrder: true);
        answers.Where(a => a.Status != HttpStatusCode.Created).ShouldAllBe(a => a.ProblemType == CentrexProblems.AgreementQuantityExceeded);
        await using var db = App.Database();
        (await db.Accounts.CountAsync(a => a.CustomerId == w.Customer && a.Status != AccountStatus.Closed)).ShouldBe(5);
    }

    [Fact]
    public async Task ParallelRequestsForOneNumber_CreateItOnce()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx)));
        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1);
        answers.Where(a => a.Status != HttpStatusCode.Created).ShouldAllBe(a => a.Status == HttpStatusCode.Conflict && a.ProblemType == Api.Problems.ProblemTypes.Duplicate);
        await using var db = App.Database();
        (await db.Accounts.CountAsync(a => a.CustomerId == w.Customer)).ShouldBe(1);
    }
}

public sealed class QuotaConcurrencyTestsOnSqlite(SqliteApp app) : QuotaConcurrencyTests(app), IClassFixture<SqliteApp>;

public sealed class QuotaConcurrencyTestsOnPostgres(PostgresApp app) : QuotaConcurrencyTests(app), IClassFixture<PostgresApp>;
