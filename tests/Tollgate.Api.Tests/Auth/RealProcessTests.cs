using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Auth;

/// <summary>
/// The same token against a real second operating-system process: <c>dotnet tollgate.dll up --role features
/// --auth-jwks-url …</c>, sharing the database with the api host of the test and nothing else.
/// </summary>
/// <remarks>
/// That process runs on the real clock, so the api host's clock starts at the real time here, and what the other
/// tests show by moving the clock (a session revoked while cached) is left to them; what needs no waiting is checked here.
/// </remarks>
public abstract class RealProcessTests(RealProcessFixture fixture)
{
    private TollgateTestApp Api => fixture.App;

    private ApiClient Remote(string? token)
    {
        var client = new ApiClient(fixture.Http);
        client.AccessToken = token;
        return client;
    }

    [Fact]
    public async Task EveryRealmsToken_WorksInTheSeparateProcess()
    {
        var t = await RealmClients.CreateAsync(Api, fixture.Mail, new { voicemail = "modify" });
        var path = $"/api/v1/centrex/voicemail/{t.AccountId}";
        foreach (var (client, greeting) in new[] { (t.Admin, "name"), (t.Reseller, "personal"), (t.Customer, "extendedAbsence"), (t.Individual, "name"), (t.Account, "standard") })
        {
            (await Remote(client.AccessToken).PutAsync(path, new { greetingType = greeting })).ShouldHave(HttpStatusCode.OK);
            (await client.GetAsync(path)).ShouldHave(HttpStatusCode.OK)["greetingType"].GetString().ShouldBe(greeting);
        }
        (await Remote(t.Customer.AccessToken).GetAsync($"/api/v1/centrex/voicemail/{TestData.Unique("other")}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await Remote(t.Customer.AccessToken).GetAsync("/api/v1/auth/me")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.RouteNotFound);
    }

    [Fact]
    public async Task BadTokens_AreRefusedByTheSeparateProcess_WithTheSameProblem()
    {
        var admin = await Api.AdminAsync();
        var path = "/api/v1/centrex/conference-rooms";
        (await Remote(admin.AccessToken).GetAsync(path)).ShouldHave(HttpStatusCode.OK);
        var claims = TokenKit.ClaimsOf(admin.AccessToken!);
        var key = Api.Service<Tollgate.Api.Auth.SigningKeys>().SecurityKey;
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var parts = admin.AccessToken!.Split('.');

        var cases = new (string Token, string Reason)[]
        {
            (TokenKit.Sign(claims, key, now.AddMinutes(-20), TimeSpan.FromMinutes(15)), "expired"),
            ($"{parts[0]}.{Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("\"realm\":\"admin\"", "\"realm\":\"admln\""))}.{parts[2]}", "signature"),
            (TokenKit.Sign(claims, new ECDsaSecurityKey(other) { KeyId = key.KeyId }, now, TimeSpan.FromMinutes(5)), "signature"),
            (TokenKit.Sign(claims, key, now, TimeSpan.FromMinutes(5), audience: "some-other-api"), "audience"),
        };
        foreach (var (token, reason) in cases)
        {
            var refused = await Remote(token).GetAsync(path);
            refused.ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken);
            refused["detail"].GetString()!.ShouldContain(reason);
            refused.Headers["WWW-Authenticate"].ShouldBe("Bearer error=\"invalid_token\"");
        }
    }

    [Fact]
    public async Task SignedOutSessionOrDeletedIndividual_IsRefusedByTheSeparateProcess()
    {
        var admin = await Api.AdminAsync();
        var login = TestData.Unique("cus");
        var customerId = await admin.CreateCustomerAsync(login: login);
        var customer = await Api.SignInAsync("customer", login, TestData.Password);
        var role = await admin.CreateRoleAsync(new { conferencing = "read" });
        await admin.AllowRolesAsync(customerId, role);
        var info = await customer.CreateIndividualAsync(customerId, role);
        var individual = await Api.ActivateAsync(fixture.Mail, info);
        var signedOut = await Api.SignInAsync("customer", login, TestData.Password);

        (await signedOut.PostAsync("/api/v1/auth/logout")).ShouldHave(HttpStatusCode.NoContent);
        (await customer.DeleteAsync($"/api/v1/customers/{customerId}/individuals/{info.Id}")).ShouldHave(HttpStatusCode.NoContent);
        foreach (var gone in new[] { signedOut, individual })
            (await Remote(gone.AccessToken).GetAsync("/api/v1/centrex/conference-rooms")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken)
                ["detail"].GetString()!.ShouldContain("ended");
        (await Remote(customer.AccessToken).GetAsync("/api/v1/centrex/conference-rooms")).ShouldHave(HttpStatusCode.OK);
    }
}

/// <summary>An api host whose clock starts at the real time, and a real <c>tollgate up --role features</c> process beside it.</summary>
public abstract partial class RealProcessFixture(DbKind kind) : AppFixture(kind)
{
    private Process? _process;
    private readonly StringBuilder _output = new();

    public HttpClient Http { get; private set; } = null!;

    protected override async Task<TollgateTestApp> StartAppAsync()
    {
        var api = await TollgateTestApp.StartAsync(Kind, clock: new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var data = Directory.CreateTempSubdirectory("tollgate-features-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "tollgate.dll"), "up", "--role", "features",
                     "--auth-jwks-url", new Uri(api.BaseAddress, "/.well-known/jwks.json").ToString(),
                     "--db", api.ConnectionString, "--data", data, "--urls", "http://127.0.0.1:0", "--admin-password", TollgateTestApp.AdminPassword,
                 })
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TOLLGATE_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Received(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => Received(e.Data, listening);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"tollgate up ended with {_process.ExitCode}: {_output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120));
        Http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        return api;
    }

    private void Received(string? line, TaskCompletionSource<string> listening)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } m) listening.TrySetResult(m.Groups[1].Value);
    }

    public override async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        await base.DisposeAsync();
    }

    [GeneratedRegex(@"listening  (\S+)")]
    private static partial Regex ListeningLine();
}

public sealed class SqliteRealProcess() : RealProcessFixture(DbKind.Sqlite);

public sealed class PostgresRealProcess() : RealProcessFixture(DbKind.Postgres);

public sealed class RealProcessTestsOnSqlite(SqliteRealProcess app) : RealProcessTests(app), IClassFixture<SqliteRealProcess>;

public sealed class RealProcessTestsOnPostgres(PostgresRealProcess app) : RealProcessTests(app), IClassFixture<PostgresRealProcess>;
