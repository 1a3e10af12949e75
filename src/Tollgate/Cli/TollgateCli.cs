using System.CommandLine;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tollgate.Data;
using Tollgate.Hosting;

namespace Tollgate.Cli;

/// <summary>The <c>tollgate</c> command line: <c>up</c>, <c>migrate</c> and the one-shot jobs features add.</summary>
/// <remarks>
/// Every failure a person can fix (a bad option, an unreachable database, a port in use) ends with one line on
/// standard error starting with <c>tollgate: error:</c> and a non-zero exit code: 2 for bad options, 3 when the
/// database cannot be used, 4 when the server cannot start.
/// </remarks>
public static class TollgateCli
{
    public const int BadOptions = 2;
    public const int DatabaseFailed = 3;
    public const int StartFailed = 4;

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        Action<IServiceCollection>? customize = null, CancellationToken ct = default)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("Tollgate: billing, IP Centrex self-care and a SIP switch for VoIP service providers.");
        root.Subcommands.Add(UpCommand(output, error, customize));
        root.Subcommands.Add(MigrateCommand(output, error));
        root.Subcommands.Add(BillingCommand.Create(output, error, customize));
        root.Subcommands.Add(CpeCommand.Create(output, error));
        root.Subcommands.Add(CdrsCommand.Create(output, error));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"tollgate: error: {parse.Errors[0].Message} (see 'tollgate {FirstWord(args)} --help')");
            return BadOptions;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    private static Command UpCommand(TextWriter output, TextWriter error, Action<IServiceCollection>? customize)
    {
        var up = new Command("up", "Start Tollgate: every role in one process unless --role says otherwise.");
        var options = AddOptions(up, Setting.ForUp);
        up.SetAction(async (parse, ct) =>
        {
            var (settings, configuration, problem) = Resolve(parse, options);
            if (settings is null) return await Fail(error, BadOptions, problem!);
            return await UpAsync(settings, configuration!, output, error, customize, ct);
        });
        return up;
    }

    private static Command MigrateCommand(TextWriter output, TextWriter error)
    {
        var migrate = new Command("migrate", "Bring the database schema up to date and exit.");
        var options = AddOptions(migrate, Setting.ForDatabase);
        migrate.SetAction(async (parse, ct) =>
        {
            var (settings, _, problem) = Resolve(parse, options);
            if (settings is null) return await Fail(error, BadOptions, problem!);
            try
            {
                Directory.CreateDirectory(settings.DataDirectory);
                var services = new ServiceCollection().AddTollgateDatabase(settings.Database).BuildServiceProvider();
                await Bootstrap.MigrateAsync(services.GetRequiredService<TollgateDbFactory>(), ct);
                await output.WriteLineAsync($"Database {settings.Database.Describe()} is up to date.");
                return 0;
            }
            catch (Exception e) when (IsDatabaseFault(e))
            {
                return await Fail(error, DatabaseFailed, $"cannot use the database ({settings.Database.Describe()}): {Innermost(e)}");
            }
        });
        return migrate;
    }

    private static async Task<int> UpAsync(TollgateSettings settings, IConfiguration configuration, TextWriter output,
        TextWriter error, Action<IServiceCollection>? customize, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await Fail(error, BadOptions, $"--data: cannot create {settings.DataDirectory}: {e.Message}");
        }

        WebApplication app;
        try
        {
            app = TollgateHost.Build(settings, configuration, customize);
        }
        catch (InvalidOperationException e)
        {
            return await Fail(error, StartFailed, e.Message);
        }

        await using (app)
        {
            (bool Created, string? Generated) admin;
            Api.Hosting.DemoData? demo = null;
            try
            {
                await Bootstrap.MigrateAsync(app.Services.GetRequiredService<TollgateDbFactory>(), ct);
                admin = await Bootstrap.EnsureAdministratorAsync(app, settings.AdminPassword, ct);
                if (settings.Demo) demo = await Bootstrap.SeedDemoAsync(app, ct);
            }
            catch (Exception e) when (IsDatabaseFault(e))
            {
                return await Fail(error, DatabaseFailed, $"cannot use the database ({settings.Database.Describe()}): {Innermost(e)}");
            }

            try
            {
                await app.StartAsync(ct);
            }
            catch (Switch.SwitchListenException e)
            {
                return await Fail(error, StartFailed, e.Message);
            }
            catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
            {
                return await Fail(error, StartFailed, $"cannot listen on {string.Join(", ", settings.Urls)}: {Innermost(e)}");
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            // The worker role delivers mail; a process without it only queues.
            var mail = app.Services.GetService<Api.Outbox.IMailTransport>()?.Describe() ?? "queued here, delivered by a process running the worker role";
            var sip = app.Services.GetService<Switch.SwitchService>()?.Listening;
            await Banner.WriteAsync(output, settings, addresses, admin.Created, admin.Generated, demo, mail, sip);
            await app.WaitForShutdownAsync(ct);
            return 0;
        }
    }

    internal static Dictionary<Setting, Option> AddOptions(Command command, IReadOnlyList<Setting> settings)
    {
        var options = new Dictionary<Setting, Option>();
        foreach (var setting in settings)
        {
            Option option = setting.IsFlag
                ? new Option<bool>(setting.Option) { Description = $"{setting.Description} [env {setting.Environment}]" }
                : new Option<string>(setting.Option) { Description = $"{setting.Description} [env {setting.Environment}]" };
            command.Options.Add(option);
            options[setting] = option;
        }
        return options;
    }

    /// <summary>Reads the settings: appsettings.json, then TOLLGATE_* environment variables, then the options given.</summary>
    internal static (TollgateSettings?, IConfiguration?, string?) Resolve(ParseResult parse, Dictionary<Setting, Option> options)
    {
        IConfiguration configuration;
        try
        {
            var environment = new Dictionary<string, string?>();
            var given = new Dictionary<string, string?>();
            foreach (var (setting, option) in options)
            {
                if (Environment.GetEnvironmentVariable(setting.Environment) is { } value) environment[setting.Key] = value;
                var result = parse.GetResult(option);
                if (result is null || result.Implicit) continue;
                given[setting.Key] = setting.IsFlag ? parse.GetValue((Option<bool>)option).ToString() : parse.GetValue((Option<string>)option);
            }
            configuration = new ConfigurationBuilder()
                .SetBasePath(Directory.GetCurrentDirectory())
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(environment)
                .AddInMemoryCollection(given)
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            return (null, null, $"appsettings.json: {Innermost(e)}");
        }
        var (settings, problem) = TollgateSettings.From(configuration);
        return (settings, configuration, problem);
    }

    internal static bool IsDatabaseFault(Exception e) =>
        e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or Microsoft.EntityFrameworkCore.DbUpdateException
            or SocketException or TimeoutException
        || (e is InvalidOperationException && e.InnerException is not null && IsDatabaseFault(e.InnerException))
        || e.InnerException is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or SocketException;

    internal static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message.ReplaceLineEndings(" ").Trim();
    }

    internal static async Task<int> Fail(TextWriter error, int code, string message)
    {
        await error.WriteLineAsync($"tollgate: error: {message}");
        return code;
    }

    private static string FirstWord(string[] args) => args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "";
}
