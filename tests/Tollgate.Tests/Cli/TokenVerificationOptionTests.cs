using Microsoft.Extensions.Configuration;

namespace Tollgate.Tests.Cli;

/// <summary>How <c>tollgate up</c> is told to verify tokens without the api role, and the mistakes it refuses before starting.</summary>
public sealed class TokenVerificationOptionTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("tollgate-cli-").FullName;

    [Theory]
    [InlineData(new[] { "--role=features" }, "--auth-jwks-url: the features role without the api role verifies access tokens with the api's public keys")]
    [InlineData(new[] { "--role=features,worker", "--auth-jwks-url=ftp://api.example/jwks" }, "--auth-jwks-url: 'ftp://api.example/jwks' is not an http:// or https:// address")]
    [InlineData(new[] { "--role=api,features", "--auth-jwks-url=http://127.0.0.1:5080/.well-known/jwks.json" }, "--auth-jwks-url: this process runs the api role, which signs access tokens with its own key")]
    [InlineData(new[] { "--auth-jwks-url=http://127.0.0.1:5080/.well-known/jwks.json" }, "--auth-jwks-url: this process runs the api role")]
    public async Task Up_WithoutAWayToVerifyTokens_OrWithOneThatCannotBeRight_EndsWithExitCode2(string[] options, string message)
    {
        var (code, _, error) = await CliRun.RunToEndAsync(["up", $"--data={TempDir()}", .. options]);
        code.ShouldBe(2);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, error);
        lines[0].ShouldStartWith($"tollgate: error: {message}");
    }

    [Theory]
    [InlineData("JwksMinRefreshSeconds", "0", "Tollgate:Auth:JwksMinRefreshSeconds: '0' is not a whole number of seconds from 1 to 3600 (default 10)")]
    [InlineData("JwksRefreshSeconds", "soon", "Tollgate:Auth:JwksRefreshSeconds: 'soon' is not a whole number of seconds from 60 to 86400 (default 3600)")]
    public void Settings_BadKeySetRefreshIntervals_AreNamed(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tollgate:Data"] = TempDir(), ["Tollgate:Roles"] = "features", ["Tollgate:Auth:JwksUrl"] = "http://127.0.0.1:1/jwks.json",
            [$"Tollgate:Auth:{key}"] = value,
        }).Build();
        var (settings, error) = Tollgate.Hosting.TollgateSettings.From(configuration);
        settings.ShouldBeNull();
        error.ShouldBe(message);
    }

    [Fact]
    public async Task Up_FeaturesOnlyWithTheApisKeyFile_StartsWithoutAKeySetUrl()
    {
        var data = TempDir();
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(Path.Combine(data, "keys", "jwt-signing-key.pem"), key.ExportPkcs8PrivateKeyPem());
        await using var run = await CliRun.UpAsync($"--data={data}", "--urls=http://127.0.0.1:0", "--role=features");
        run.Output.ShouldContain("roles      features");
        using var http = new HttpClient { BaseAddress = run.Address };
        (await http.GetAsync("/api/v1/centrex/conference-rooms")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync("/.well-known/jwks.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Up_WorkerAlone_NeedsNoKey_AndStillAnswersHealthChecks()
    {
        var data = TempDir();
        await using var run = await CliRun.UpAsync($"--data={data}", "--urls=http://127.0.0.1:0", "--role=worker");
        using var http = new HttpClient { BaseAddress = run.Address };
        (await http.GetAsync("/livez")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/healthz") { Headers = { Authorization = new("Bearer", "a.b.c") } };
        (await http.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        File.Exists(Path.Combine(data, "keys", "jwt-signing-key.pem")).ShouldBeFalse();
    }

    [Fact]
    public async Task Up_FeaturesFirstOnAFreshDatabase_StartsWithoutAKey_AndWaitsForTheApisKeySet()
    {
        var data = TempDir();
        await using var run = await CliRun.UpAsync($"--data={data}", "--urls=http://127.0.0.1:0", "--role=features",
            "--auth-jwks-url=http://127.0.0.1:1/.well-known/jwks.json");
        run.GeneratedPassword.ShouldNotBeNull("the first administrator is created by whichever process starts first");
        using var http = new HttpClient { BaseAddress = run.Address };
        (await http.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/centrex/conference-rooms")
        {
            Headers = { Authorization = new("Bearer", "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln") },
        };
        var answer = await http.SendAsync(request);
        answer.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        answer.Headers.RetryAfter.ShouldNotBeNull();
        File.Exists(Path.Combine(data, "keys", "jwt-signing-key.pem")).ShouldBeFalse();
    }
}
