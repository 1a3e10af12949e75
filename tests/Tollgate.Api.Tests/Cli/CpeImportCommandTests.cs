using Tollgate.Api.Tests.Cpe;
using Tollgate.Cli;
using Tollgate.Testing.Files;

namespace Tollgate.Api.Tests.Cli;

/// <summary><c>tollgate cpe import FILE</c>: the same import from the command line, with a summary and exit codes a script can use.</summary>
public abstract class CpeImportCommandTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await TollgateCli.RunAsync([.. args, "--db", App.ConnectionString, "--data", App.DataDirectory], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Import_AppliesTheFile_PrintsASummary_AndWritesTheFailedRows()
    {
        var admin = await App.AdminAsync();
        var model = TestData.Unique("Yealink");
        await admin.CreateModelAsync(model);
        string[] macs = [CpeTestData.NewMac(), CpeTestData.NewMac()];
        var path = Path.Combine(App.DataDirectory, $"{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, new CpeFile().Add("Cli1", model, macs[0]).Add("Cli2", model, macs[1]).Add("Bad", "No Such Model", CpeTestData.NewMac()).Xlsx());
        var errors = Path.Combine(App.DataDirectory, $"{Guid.NewGuid():N}-errors.csv");

        var (code, output, error) = await RunAsync("cpe", "import", path, "--errors", errors);
        code.ShouldBe(5, $"{output}\n{error}");
        output.ShouldContain("completed");
        output.ShouldContain("Added");
        output.ShouldContain("there is no device model 'No Such Model'");
        (await File.ReadAllLinesAsync(errors)).Select(l => l.TrimStart('\uFEFF'))
            .ShouldBe(["Row,Column,Reason", "4,Device model,there is no device model 'No Such Model'"]);

        foreach (var mac in macs) (await admin.GetAsync($"/api/v1/cpe/devices?mac={mac}"))["total"].GetInt32().ShouldBe(1);
        var import = (await admin.GetAsync("/api/v1/cpe/imports?limit=1000")).Items.First(i => i.GetProperty("uploadedBy").GetString() == "command line");
        (import.GetProperty("added").GetInt32(), import.GetProperty("failed").GetInt32(), import.GetProperty("status").GetString()).ShouldBe((2, 1, "completed"));

        (await RunAsync("cpe", "import", path)).Code.ShouldBe(5, "the same file again adds nothing: every row fails");
    }

    [Fact]
    public async Task Import_OfAnUnreadableFile_IsRefusedWithTheReasons()
    {
        var path = Path.Combine(App.DataDirectory, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "Action,Nmae,Device model,MAC address\nAdd,P,M,00:11:22:33:44:55\n");
        var (code, _, error) = await RunAsync("cpe", "import", path);
        code.ShouldBe(6);
        error.ShouldContain("tollgate: error: ");
        error.ShouldContain("row 1, column B: 'Nmae' is not a column of the template");

        (await RunAsync("cpe", "import", Path.Combine(App.DataDirectory, "missing.csv"))).Code.ShouldBe(TollgateCli.BadOptions);
    }
}

public sealed class CpeImportCommandTestsOnSqlite(SqliteApp app) : CpeImportCommandTests(app), IClassFixture<SqliteApp>;

public sealed class CpeImportCommandTestsOnPostgres(PostgresApp app) : CpeImportCommandTests(app), IClassFixture<PostgresApp>;
