using Microsoft.Data.Sqlite;

namespace Tollgate.Tests.Cli;

public sealed class UpCommandTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("tollgate-cli-").FullName;

    [Theory]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--db=nonsense", "--db")]
    [InlineData("--role=frobnicate", "frobnicate")]
    [InlineData("--urls=ftp://example.com", "--urls")]
    [InlineData("--admin-password=short", "--admin-password")]
    [InlineData("--log-format=xml", "--log-format")]
    public async Task Up_BadOption_EndsWithOneClearLineAndExitCode2(string option, string named)
    {
        var (code, _, error) = await CliRun.RunToEndAsync("up", $"--data={TempDir()}", option);
        code.ShouldBe(2);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, error);
        lines[0].ShouldStartWith("tollgate: error: ");
        lines[0].ShouldContain(named);
    }

    [Fact]
    public async Task Up_UnreachablePostgres_EndsWithOneLineAndExitCode3()
    {
        var (code, _, error) = await CliRun.RunToEndAsync("up", $"--data={TempDir()}",
            "--db", "Host=127.0.0.1;Port=1;Database=tollgate;Username=tollgate;Password=secret-pw;Timeout=3");
        code.ShouldBe(3);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, error);
        lines[0].ShouldStartWith("tollgate: error: cannot use the database (PostgreSQL 127.0.0.1:1/tollgate)");
        lines[0].ShouldNotContain("secret-pw");
    }

    [Fact]
    public async Task Up_FreshDatabase_PrintsGeneratedPasswordOnceAndKeepsDataAcrossRestarts()
    {
        var data = TempDir();
        string password;
        long customerId;
        await using (var first = await CliRun.UpAsync($"--data={data}", "--urls=http://127.0.0.1:0"))
        {
            first.Output.ShouldContain($"SQLite {Path.Combine(data, "tollgate.db")}");
            first.Output.ShouldContain("/docs");
            password = first.GeneratedPassword.ShouldNotBeNull(first.Output);
            var admin = await SignInAsync(first.Address, password);
            customerId = (await admin.PostAsync("/api/v1/customers", new { name = "Kept", currency = "USD", timeZone = "UTC" }))
                .ShouldHave(HttpStatusCode.Created).Id;
            (await first.StopAsync()).ShouldBe(0);
        }

        await using var second = await CliRun.UpAsync($"--data={data}", "--urls=http://127.0.0.1:0");
        second.GeneratedPassword.ShouldBeNull("the generated password is shown only once");
        var again = await SignInAsync(second.Address, password);
        (await again.GetAsync($"/api/v1/customers/{customerId}")).ShouldHave(HttpStatusCode.OK)["name"].GetString().ShouldBe("Kept");
    }

    [Fact]
    public async Task Up_Demo_FillsAnEmptyDatabaseAndSaysHowToSignIn()
    {
        await using var run = await CliRun.UpAsync($"--data={TempDir()}", "--urls=http://127.0.0.1:0", "--demo",
            "--admin-password=demo-admin-password");
        run.Output.ShouldContain("abc-shuttle");
        var reseller = await SignInAsync(run.Address, "demo-password", "reseller", "abc-shuttle");
        var customers = (await reseller.GetAsync("/api/v1/customers")).ShouldHave(HttpStatusCode.OK);
        customers.Items.Select(c => c.GetProperty("name").GetString()).ShouldContain("John Doe");
    }

    [Fact]
    public async Task Up_PortInUse_EndsWithOneLineAndExitCode4()
    {
        await using var first = await CliRun.UpAsync($"--data={TempDir()}", "--urls=http://127.0.0.1:0", "--admin-password=first-admin-pass");
        var (code, _, error) = await CliRun.RunToEndAsync("up", $"--data={TempDir()}", $"--urls={first.Address}",
            "--admin-password=second-admin-pass");
        code.ShouldBe(4);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldContain("cannot listen");
    }

    [Fact]
    public async Task Migrate_CreatesTheSchemaAndIsRepeatable()
    {
        var data = TempDir();
        var file = Path.Combine(data, "migrated.db");
        for (var i = 0; i < 2; i++)
        {
            var (code, output, error) = await CliRun.RunToEndAsync("migrate", $"--db=Data Source={file}", $"--data={data}");
            code.ShouldBe(0, error);
            output.ShouldContain("up to date");
        }
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='customers'", connection);
        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1);
    }

    private static async Task<ApiClient> SignInAsync(Uri address, string password, string realm = "admin", string login = "admin")
    {
        var client = new ApiClient(new HttpClient { BaseAddress = address });
        var response = (await client.PostAsync("/api/v1/auth/login", new { realm, login, password })).ShouldHave(HttpStatusCode.OK);
        client.AccessToken = response["accessToken"].GetString();
        return client;
    }
}
