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
