using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tollgate.Billing;
using Tollgate.Billing.Rating;
using Tollgate.Data;

namespace Tollgate.Cli;

/// <summary><c>tollgate cdrs import FILE</c>: stores and rates a file of external CDRs, as <c>POST /api/v1/cdrs/import</c> does.</summary>
/// <remarks>
/// For CDR files from another switch, run by hand or by cron, whatever their size: rows are read one at a time and rated
/// in batches, each batch one transaction, so memory stays flat and a run cut short is simply run again (CDRs already
/// stored are reported as duplicates, nothing is charged twice). It imports as the administrator. Exit codes: 0 when
/// every row was stored or was a duplicate, 5 when some rows failed (the first are printed; <c>--errors</c> writes them
/// all), 6 when the file was refused; 2 and 3 as for every command.
/// </remarks>
internal static class CdrsCommand
{
    private const int ErrorsShown = 10;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var import = new Command("import", "Store and rate the CDRs of a .csv or .json file (columns callId, accountId, callee, connectTime, disconnectTime).");
        var file = new Argument<FileInfo>("FILE") { Description = "The file to import" };
        var format = new Option<string>("--format") { Description = "csv or json (default: from the file's extension)" };
        var errorsFile = new Option<FileInfo>("--errors") { Description = "Also write every failed row (Row, Column, Reason) to this CSV file" };
        import.Arguments.Add(file);
        import.Options.Add(format);
        import.Options.Add(errorsFile);
        var options = TollgateCli.AddOptions(import, Setting.ForDatabase);
        import.SetAction(async (parse, ct) =>
        {
            var (settings, configuration, problem) = TollgateCli.Resolve(parse, options);
            if (settings is null) return await TollgateCli.Fail(error, TollgateCli.BadOptions, problem!);
            var path = parse.GetValue(file)!;
            if (!path.Exists) return await TollgateCli.Fail(error, TollgateCli.BadOptions, $"FILE: {path.FullName} does not exist");
            var named = parse.GetValue(format)?.ToLowerInvariant() ?? Path.GetExtension(path.Name).TrimStart('.').ToLowerInvariant();
            CdrFileFormat? kind = named switch { "csv" => CdrFileFormat.Csv, "json" => CdrFileFormat.Json, _ => null };
            if (kind is null) return await TollgateCli.Fail(error, TollgateCli.BadOptions, $"--format: say csv or json ('{named}' is neither)");

            await using var services = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
                .AddTollgateDatabase(settings.Database)
                .AddTollgateBilling(configuration!)
                .AddTollgateRating(configuration!)
                .BuildServiceProvider();
            try
            {
                await using var db = services.GetRequiredService<TollgateDbFactory>().CreateSystem();
                if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                    return await TollgateCli.Fail(error, TollgateCli.DatabaseFailed,
                        $"the database schema of {settings.Database.Describe()} is not up to date; run 'tollgate migrate' first");
                return await ImportAsync(services.GetRequiredService<CdrImporter>(), db, path, kind.Value, parse.GetValue(errorsFile), output, error, ct);
            }
            catch (Exception e) when (TollgateCli.IsDatabaseFault(e))
            {
                return await TollgateCli.Fail(error, TollgateCli.DatabaseFailed,
                    $"cannot use the database ({settings.Database.Describe()}): {TollgateCli.Innermost(e)}");
            }
        });
        var cdrs = new Command("cdrs", "Call detail records.");
        cdrs.Subcommands.Add(import);
        return cdrs;
    }

    private static async Task<int> ImportAsync(CdrImporter importer, TollgateDb db, FileInfo path, CdrFileFormat format, FileInfo? errorsFile,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var watch = Stopwatch.StartNew();
        CdrImportResult result;
        try
        {
            await CdrImportFiles.CheckAsync(stream, format, ct);
            result = await importer.ImportAsync(db, CdrImportFiles.ReadAsync(stream, format, ct), ct);
        }
        catch (CdrFileException e)
        {
            await error.WriteLineAsync($"tollgate: error: {path.Name}: {e.Where}: {e.Message}");
            return CpeCommand.FileRefused;
        }
        watch.Stop();
        var seconds = watch.Elapsed.TotalSeconds;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Imported {result.Imported} of {result.Rows} CDR(s) from {path.Name} in {seconds:F1} s ({(seconds > 0 ? result.Rows / seconds : 0):F0} rows/s): " +
            $"{result.DuplicateCount} duplicate(s), {result.Failed} failed; {result.Rating.Rated} rated, {result.Rating.Unratable} unratable, " +
            $"{result.Rating.ChargesWritten} charge(s) written."));
        if (result.Failed == 0) return 0;

        foreach (var e in result.Errors.Take(ErrorsShown)) await output.WriteLineAsync($"  row {e.Row}, {e.Column}: {e.Reason}");
        if (result.Errors.Count > ErrorsShown) await output.WriteLineAsync($"  … and {result.Failed - ErrorsShown} more failed row(s)");
        if (errorsFile is not null)
        {
            await using var writer = new StreamWriter(errorsFile.FullName);
            await writer.WriteLineAsync("Row,Column,Reason");
            foreach (var e in result.Errors) await writer.WriteLineAsync($"{e.Row},{e.Column},\"{e.Reason.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            if (result.Failed > result.Errors.Count)
                await output.WriteLineAsync($"  {errorsFile.Name} lists the first {result.Errors.Count} failed rows; fix them and import the file again.");
        }
        return CpeCommand.RowsFailed;
    }
}
