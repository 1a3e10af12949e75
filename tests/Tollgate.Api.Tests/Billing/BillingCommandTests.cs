using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollgate.Cli;

namespace Tollgate.Api.Tests.Billing;

/// <summary><c>tollgate billing run --through DATE</c> against the database of a running installation.</summary>
public abstract class BillingCommandTests(DbKind kind)
{
    private static async Task<(int Code, string Out, string Error)> TollgateAsync(TollgateTestApp app, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await TollgateCli.RunAsync([.. args, "--db", app.ConnectionString, "--data", app.DataDirectory], output, error, s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(app.Clock);
        });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task BillingRun_PrintsASummary_AndASecondRunHasNothingToDo()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var admin = await app.AdminAsync();
        var customer = await admin.CreateCustomerAsync();
        var account = await admin.CreateAccountAsync(customer);
        (await admin.PostAsync($"/api/v1/accounts/{account}/subscriptions", new { subscriptionId = await admin.CreatePlanAsync("account", 20m) }))
            .ShouldHave(HttpStatusCode.Created);
        app.Clock.SetUtcNow(BillingTestKit.Utc("2026-06-01T12:00:00Z"));

        var (code, output, error) = await TollgateAsync(app, "billing", "run", "--through", "2026-06-01");
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.Trim().ShouldBe("Billed through 2026-06-01: 1 payer(s), 1 period(s) closed, 2 charge(s) written, 0 updated, 1 invoice(s).");
        (await TollgateAsync(app, "billing", "run", "--through", "2026-06-01")).Out.Trim()
            .ShouldBe("Billed through 2026-06-01: 0 payer(s), 0 period(s) closed, 0 charge(s) written, 0 updated, 0 invoice(s).");
        admin = await app.AdminAsync();
        (await admin.InvoicesAsync("customer", customer)).ShouldHaveSingleItem().Decimal("total").ShouldBe(20m);
    }

    [Fact]
    public async Task BillingRun_BadOptions_AreOneLineErrorsWithExitCode2()
    {
        await using var app = await BillingTestKit.StartAsync(kind, BillingTestKit.Utc("2026-05-01T12:00:00Z"));
        var bad = await TollgateAsync(app, "billing", "run", "--through", "1 June");
        bad.Code.ShouldBe(TollgateCli.BadOptions);
        bad.Error.Trim().ShouldBe("tollgate: error: --through: '1 June' is not a date (YYYY-MM-DD)");
        var future = await TollgateAsync(app, "billing", "run", "--through", "2026-06-01");
        future.Code.ShouldBe(TollgateCli.BadOptions);
        future.Error.ShouldStartWith("tollgate: error: --through: Billing cannot run through 2026-06-01");
        future.Error.Trim().Split('\n').Length.ShouldBe(1);
        var unknown = await TollgateAsync(app, "billing", "run", "--thru", "2026-05-01");
        unknown.Code.ShouldBe(TollgateCli.BadOptions);
    }
}

public sealed class BillingCommandTestsOnSqlite() : BillingCommandTests(DbKind.Sqlite);

public sealed class BillingCommandTestsOnPostgres() : BillingCommandTests(DbKind.Postgres);
