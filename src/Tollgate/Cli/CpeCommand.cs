using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Tollgate.Api.Features.Cpe;
using Tollgate.Api.Features.Cpe.Imports;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;
using Tollgate.Hosting;

namespace Tollgate.Cli;

/// <summary><c>tollgate cpe import FILE</c>: the batch upload of devices from the command line, with a progress bar and a summary.</summary>
/// <remarks>
/// It applies the file exactly as an upload through the API would, as the administrator, and records it as an import
/// (visible with <c>GET /api/v1/cpe/imports</c>, errors included). Exit codes: 0 when every row was applied, 5 when the
/// file was read to the end but some rows failed (they are listed), 6 when the file was refused or could not be read
/// to the end; 2 and 3 as for every command (bad options, database unusable).
/// </remarks>
internal static class CpeCommand
{
    public const int RowsFailed = 5;
    public const int FileRefused = 6;

    private const int ErrorsShown = 10;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var cpe = new Command("cpe", "The IP phone (CPE) inventory.");
        var import = new Command("import", "Add or remove the devices a .csv, .xls or .xlsx file lists (columns as in GET /api/v1/cpe/import-template).");
        var file = new Argument<FileInfo>("FILE") { Description = "The file to import" };
        var errorsFile = new Option<FileInfo>("--errors") { Description = "Also write every failed row (Row, Column, Reason) to this CSV file" };
        import.Arguments.Add(file);
        import.Options.Add(errorsFile);
        var options = TollgateCli.AddOptions(import, Setting.ForDatabase);
        import.SetAction(async (parse, ct) =>
        {
            var (settings, _, problem) = TollgateCli.Resolve(parse, options);
            if (settings is null) return await TollgateCli.Fail(error, TollgateCli.BadOptions, problem!);
            var path = parse.GetValue(file)!;
            if (!path.Exists) return await TollgateCli.Fail(error, TollgateCli.BadOptions, $"FILE: {path.FullName} does not exist");
            try
            {
                return await ImportAsync(settings, path, parse.GetValue(errorsFile), output, error, ct);
            }
            catch (Exception e) when (TollgateCli.IsDatabaseFault(e))
            {
                return await TollgateCli.Fail(error, TollgateCli.DatabaseFailed,
                    $"cannot use the database ({settings.Database.Describe()}): {TollgateCli.Innermost(e)}");
            }
        });
        cpe.Subcommands.Add(import);
        return cpe;
    }

    private static async Task<int> ImportAsync(TollgateSettings settings, FileInfo file, FileInfo? errorsFile, TextWriter output,
        TextWriter error, CancellationToken ct)
    {
        var (inspection, refused) = CpeImportFiles.Inspect(file.FullName, file.Name);
        if (refused is not null)
        {
            await error.WriteLineAsync($"tollgate: error: {refused.Detail}");
            foreach (var (where, reasons) in refused.Errors ?? new Dictionary<string, string[]>())
                foreach (var reason in reasons) await error.WriteLineAsync($"  {where}: {reason}");
            return FileRefused;
        }

        Directory.CreateDirectory(settings.DataDirectory);
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddTollgateDatabase(settings.Database)
            .AddCpeImportProcessing()
            .BuildServiceProvider();
        var databases = services.GetRequiredService<TollgateDbFactory>();
        await Bootstrap.MigrateAsync(databases, ct);
        var worker = Guid.NewGuid();
        var importId = await CreateAsync(databases, file, inspection!.Format, worker, ct);

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var watch = Stopwatch.StartNew();
        var jobs = services.GetRequiredService<CpeImportJobs>();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(file.Name), maxValue: 1);
                await jobs.ProcessAsync(importId, worker, file.FullName, new Bar(task, file.Name), ct);
                task.Value = 1;
            });
        watch.Stop();

        await using var db = databases.CreateSystem();
        var import = await db.CpeImports.AsNoTracking().FirstAsync(i => i.Id == importId, ct);
        console.Write(Summary(import, watch.Elapsed));
        if (import.Status == CpeImportStatus.Failed) console.MarkupLine($"[red]Stopped:[/] {Markup.Escape(import.FailureReason ?? "")}");
        if (import.Failed > 0) await ShowErrorsAsync(console, db, import, errorsFile, ct);
        return import.Status == CpeImportStatus.Failed ? FileRefused : import.Failed > 0 ? RowsFailed : 0;
    }

    private static async Task<long> CreateAsync(TollgateDbFactory databases, FileInfo file, CpeImportFormat format, Guid worker, CancellationToken ct)
    {
        await using var db = databases.CreateSystem();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var import = new CpeImport
        {
            FileName = file.Name, Format = format, SizeBytes = file.Length, Status = CpeImportStatus.Running,
            UploaderRealm = Realm.Admin, UploaderLogin = "command line", CreatedAt = now, StartedAt = now,
            Attempts = 1, LeaseOwner = worker, LeaseUntil = now + CpeImporter.Lease,
        };
        db.CpeImports.Add(import);
        await db.SaveChangesAsync(ct);
        return import.Id;
    }

    private static Table Summary(CpeImport import, TimeSpan elapsed)
    {
        var perSecond = elapsed.TotalSeconds > 0 ? import.Rows / elapsed.TotalSeconds : 0;
        var table = new Table().AddColumn("Import").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("File", Markup.Escape(import.FileName));
        table.AddRow("Import id", import.Id.ToString(CultureInfo.InvariantCulture));
        table.AddRow("Status", import.Status == CpeImportStatus.Completed ? "[green]completed[/]" : "[red]failed[/]");
        table.AddRow("Rows", N(import.Rows));
        table.AddRow("Added", N(import.Added));
        table.AddRow("Removed", N(import.Removed));
        table.AddRow("Failed", import.Failed > 0 ? $"[yellow]{N(import.Failed)}[/]" : "0");
        table.AddRow("Time", $"{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({N((int)perSecond)} rows/s)");
        return table;
    }

    private static async Task ShowErrorsAsync(IAnsiConsole console, TollgateDb db, CpeImport import, FileInfo? errorsFile, CancellationToken ct)
    {
        var first = await db.CpeImportErrors.AsNoTracking().Where(e => e.ImportId == import.Id)
            .OrderBy(e => e.Row).ThenBy(e => e.Id).Take(ErrorsShown).ToListAsync(ct);
        var table = new Table().AddColumn(new TableColumn("Row").RightAligned()).AddColumn("Column").AddColumn("Reason");
        foreach (var e in first) table.AddRow(e.Row.ToString(CultureInfo.InvariantCulture), Markup.Escape(e.Column), Markup.Escape(e.Reason));
        console.Write(table);
        if (errorsFile is not null)
        {
            await using (var target = File.Create(errorsFile.FullName))
                await CpeImportErrorsCsv.WriteAsync(db, import.Id, target, ct);
            console.MarkupLine($"Every failed row is in {Markup.Escape(errorsFile.FullName)}.");
        }
        else
        {
            console.MarkupLine($"All failed rows: --errors FILE, or GET /api/v1/cpe/imports/{import.Id}/errors.");
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Moves the bar as batches are applied (reported on the importing thread; Spectre's tasks are thread-safe).</summary>
    private sealed class Bar(ProgressTask task, string name) : IProgress<CpeImportProgress>
    {
        public void Report(CpeImportProgress value)
        {
            task.Value = value.Fraction;
            task.Description = Markup.Escape($"{name}: {value.Rows:N0} rows, {value.Added:N0} added, {value.Removed:N0} removed, {value.Failed:N0} failed");
        }
    }
}
