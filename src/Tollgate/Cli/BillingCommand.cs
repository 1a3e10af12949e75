using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Billing;
using Tollgate.Billing.Runs;
using Tollgate.Data;

namespace Tollgate.Cli;

/// <summary><c>tollgate billing run --through DATE</c>: a billing run from the command line, for cron or by hand.</summary>
/// <remarks>
/// Prints one summary line and exits 0; a bad option or a <c>--through</c> date no period can have reached yet exits 2,
/// a database that cannot be used (or whose schema is behind: run <c>tollgate migrate</c>) exits 3. Safe to run while
/// the scheduled job or another run is going: payers are split between runs and nothing is charged twice.
/// </remarks>
internal static class BillingCommand
{
    public static Command Create(TextWriter output, TextWriter error, Action<IServiceCollection>? customize)
    {
        var run = new Command("run", "Close every billing period that ends on or before --through, write the missing charges and issue invoices.");
        var options = TollgateCli.AddOptions(run, Setting.ForDatabase);
        var through = new Option<string>("--through")
        {
            Description = "The latest day to consider, YYYY-MM-DD: periods ending on or before it close (default: today in each payer's time zone)",
        };
        run.Options.Add(through);
        run.SetAction(async (parse, ct) =>
        {
            var (settings, configuration, problem) = TollgateCli.Resolve(parse, options);
            if (settings is null) return await TollgateCli.Fail(error, TollgateCli.BadOptions, problem!);
            DateOnly? date = null;
            if (parse.GetValue(through) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    return await TollgateCli.Fail(error, TollgateCli.BadOptions, $"--through: '{text}' is not a date (YYYY-MM-DD)");
                date = parsed;
            }

            var services = new ServiceCollection().AddLogging().AddTollgateDatabase(settings.Database).AddTollgateBilling(configuration!);
            customize?.Invoke(services);
            await using var provider = services.BuildServiceProvider();
            try
            {
                await using (var db = provider.GetRequiredService<TollgateDbFactory>().CreateSystem())
                {
                    if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                        return await TollgateCli.Fail(error, TollgateCli.DatabaseFailed,
                            $"the database schema of {settings.Database.Describe()} is not up to date; run 'tollgate migrate' first");
                }
                var outcome = await provider.GetRequiredService<BillingEngine>().RunAsync(date, ct);
                if (outcome.Error is { } refused) return await TollgateCli.Fail(error, TollgateCli.BadOptions, $"--through: {refused.Detail}");
                var summary = outcome.Value!;
                await output.WriteLineAsync(
                    $"Billed through {(date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "today")}: {summary.Describe()}.");
                return 0;
            }
            catch (Exception e) when (TollgateCli.IsDatabaseFault(e))
            {
                return await TollgateCli.Fail(error, TollgateCli.DatabaseFailed,
                    $"cannot use the database ({settings.Database.Describe()}): {TollgateCli.Innermost(e)}");
            }
        });
        var billing = new Command("billing", "Billing jobs.");
        billing.Subcommands.Add(run);
        return billing;
    }
}
