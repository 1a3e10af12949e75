using System.Diagnostics;
using Tollgate.Cli;

namespace Tollgate.Tests.Cli;

[CollectionDefinition(nameof(ProcessWide), DisableParallelization = true)]
public sealed class ProcessWide;

/// <summary>Options come from appsettings.json, then TOLLGATE_* variables, then the command line, each overriding the last.</summary>
[Collection(nameof(ProcessWide))]
public sealed class SettingsSourceTests
{
    [Fact]
    public async Task Setting_CommandLineBeatsEnvironmentBeatsAppSettings()
    {
        var folder = Directory.CreateTempSubdirectory("tollgate-settings-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{"Tollgate": {"Roles": "from-file"}}""");
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder);
        try
        {
            (await CliRun.RunToEndAsync("up")).Error.ShouldContain("'from-file'");

            Environment.SetEnvironmentVariable(Setting.Roles.Environment, "from-env");
            (await CliRun.RunToEndAsync("up")).Error.ShouldContain("'from-env'");

            (await CliRun.RunToEndAsync("up", "--role", "from-cli")).Error.ShouldContain("'from-cli'");
        }
        finally
        {
            Environment.SetEnvironmentVariable(Setting.Roles.Environment, null);
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public async Task Setting_MalformedAppSettings_IsOneClearLine()
    {
        var folder = Directory.CreateTempSubdirectory("tollgate-settings-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), """{"Tollgate": {"Roles": """);
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder);
        try
        {
            var (code, _, error) = await CliRun.RunToEndAsync("up");
            code.ShouldBe(2);
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldStartWith("tollgate: error: appsettings.json");
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public async Task RealProcess_JsonLogs_AreOneObjectPerLineWithTheRequestId()
    {
        var dll = typeof(TollgateCli).Assembly.Location;
        var data = Directory.CreateTempSubdirectory("tollgate-proc-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        foreach (var arg in new[] { dll, "up", "--data", data, "--urls", "http://127.0.0.1:0", "--log-format", "json", "--admin-password", "json-admin-password" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        try
        {
            var lines = new List<string>();
            string? address = null;
            while (address is null && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line.Contains("listening  ", StringComparison.Ordinal)) address = line.Split("listening  ")[1].Trim();
            }
            address.ShouldNotBeNull(string.Join('\n', lines));
            var client = new ApiClient(new HttpClient { BaseAddress = new Uri(address) });
            var failed = await client.PostAsync("/api/v1/auth/login", new { realm = "admin", login = "admin", password = "wrong-password-1" });
            failed.ShouldHave(HttpStatusCode.Unauthorized);

            // The failed sign-in is logged; find its line and check it carries the request id the response gave.
            var requestId = failed.Headers["X-Request-Id"];
            string? logged = null;
            while (logged is null && await process.StandardOutput.ReadLineAsync() is { } line)
                if (line.Contains("Sign-in failed", StringComparison.Ordinal)) logged = line;
            logged.ShouldNotBeNull();
            using var json = System.Text.Json.JsonDocument.Parse(logged);
            json.RootElement.GetProperty("LogLevel").GetString().ShouldBe("Information");
            json.RootElement.GetRawText().ShouldContain(requestId);
            logged.ShouldNotContain("wrong-password-1");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task RealProcess_FirstStartOnANewPostgresDatabase_LogsNoFailure()
    {
        var dll = typeof(TollgateCli).Assembly.Location;
        var data = Directory.CreateTempSubdirectory("tollgate-proc-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        foreach (var arg in new[] { dll, "up", "--db", await PostgresServer.CreateDatabaseAsync(), "--data", data, "--urls", "http://127.0.0.1:0", "--log-format", "json" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line.Contains("listening  ", StringComparison.Ordinal)) break;
            }
            lines.ShouldContain(l => l.Contains("listening  ", StringComparison.Ordinal), string.Join('\n', lines));
            // Everything up to the banner: the schema was created from nothing, and no log line says anything failed.
            var levels = lines.Where(l => l.StartsWith('{')).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("LogLevel").GetString()).ToList();
            levels.ShouldNotContain("Error", string.Join('\n', lines));
            levels.ShouldNotContain("Critical");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        (await error).ShouldBeEmpty();
    }

    [Fact]
    public async Task RealProcess_UnreachableDatabase_PrintsNoStackTrace()
    {
        var dll = typeof(TollgateCli).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("tollgate-proc-").FullName,
        };
        foreach (var arg in new[] { dll, "up", "--db", "Host=127.0.0.1;Port=1;Database=x;Username=y;Timeout=3" }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(3);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldStartWith("tollgate: error: cannot use the database");
        error.ShouldNotContain("   at ");
    }
}
