using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Auth;

/// <summary>
/// A process without the api role follows the api's key set: a new key is picked up after the minimum interval, a key
/// set that cannot be fetched leaves the known keys in use, and with no key at all requests get 503, never 401.
/// </summary>
/// <remarks>The key set is served by a small HTTP server of the test, so the test can publish a second key as a rotated api would.</remarks>
public abstract class KeySetSourceTests(AppFixture fixture)
{
    private TollgateTestApp Api => fixture.App;

    [Fact]
    public async Task NewKey_IsPickedUpAfterTheMinimumInterval_AndKnownKeysOutliveAnOutage()
    {
        var published = (await Api.Anonymous().GetAsync("/.well-known/jwks.json")).ShouldHave(HttpStatusCode.OK).Text;
        await using var server = await KeySetServer.StartAsync(published);
        await using var features = await SeparateHost.StartAsync(Api, "features", new Dictionary<string, string?> { ["Tollgate:Auth:JwksUrl"] = server.Url });
        var admin = await Api.AdminAsync();
        var path = $"/api/v1/centrex/voicemail/{TestData.Unique("none")}";
        var remote = features.Anonymous();
        remote.AccessToken = admin.AccessToken;
        (await remote.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        using var rotated = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var key = new ECDsaSecurityKey(rotated) { KeyId = "rotated-key" };
        server.Publish(KeySetServer.With(published, rotated, "rotated-key"));
        var signedWithNewKey = features.Anonymous();
        signedWithNewKey.AccessToken = Sign(admin.AccessToken!, key);
        (await signedWithNewKey.GetAsync(path)).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.InvalidToken)
            ["detail"].GetString()!.ShouldContain("signature", customMessage: "the key set was fetched a moment ago");

        Api.Clock.Advance(TimeSpan.FromSeconds(10));
        (await signedWithNewKey.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        server.Requests.ShouldBe(2);

        // The api is away for a while: the known keys stay in use once the set is due for a refresh.
        await server.DisposeAsync();
        Api.Clock.Advance(TimeSpan.FromHours(1));
        admin = await Api.AdminAsync();
        signedWithNewKey.AccessToken = Sign(admin.AccessToken!, key);
        (await signedWithNewKey.GetAsync(path)).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task KeySetThatCannotBeFetched_Answers503WithRetryAfter_NotA401()
    {
        string url;
        await using (var gone = await KeySetServer.StartAsync("{}"))
            url = gone.Url;
        await using var features = await SeparateHost.StartAsync(Api, "features", new Dictionary<string, string?> { ["Tollgate:Auth:JwksUrl"] = url });
        var admin = await Api.AdminAsync();
        var remote = features.Anonymous();
        remote.AccessToken = admin.AccessToken;
        var refused = await remote.GetAsync("/api/v1/centrex/conference-rooms");
        refused.ShouldBeProblem(HttpStatusCode.ServiceUnavailable, ProblemTypes.Unavailable);
        refused.Headers["Retry-After"].ShouldBe("10");
        refused.Headers.ContainsKey("WWW-Authenticate").ShouldBeFalse("the token is not at fault");
        refused["detail"].GetString()!.ShouldStartWith($"The keys that verify access tokens could not be fetched from {url}");

        (await features.Anonymous().GetAsync("/api/v1/centrex/conference-rooms")).ShouldBeProblem(HttpStatusCode.Unauthorized, ProblemTypes.Unauthorized);
    }

    [Fact]
    public async Task KeySetWithoutAnEs256Key_IsNoKeySet()
    {
        await using var server = await KeySetServer.StartAsync("""{"keys":[{"kty":"RSA","kid":"r1","n":"sXch","e":"AQAB"}]}""");
        await using var features = await SeparateHost.StartAsync(Api, "features", new Dictionary<string, string?> { ["Tollgate:Auth:JwksUrl"] = server.Url });
        var remote = features.Anonymous();
        remote.AccessToken = (await Api.AdminAsync()).AccessToken;
        (await remote.GetAsync("/api/v1/centrex/conference-rooms")).ShouldBeProblem(HttpStatusCode.ServiceUnavailable, ProblemTypes.Unavailable)
            ["detail"].GetString()!.ShouldEndWith("its key set holds no ES256 (P-256) signing key.");
    }

    private string Sign(string like, SecurityKey key) =>
        TokenKit.Sign(TokenKit.ClaimsOf(like), key, Api.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMinutes(5));
}

/// <summary>A real HTTP server that publishes a JSON Web Key Set the test can change, and counts how often it was fetched.</summary>
internal sealed class KeySetServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _json;
    private int _requests;
    private bool _disposed;

    private KeySetServer(WebApplication app, string json)
    {
        _app = app;
        _json = json;
    }

    public string Url { get; private set; } = "";
    public int Requests => _requests;

    public static async Task<KeySetServer> StartAsync(string json)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new KeySetServer(app, json);
        app.MapGet("/jwks.json", () =>
        {
            Interlocked.Increment(ref server._requests);
            return Results.Text(server._json, "application/json");
        });
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/jwks.json";
        return server;
    }

    public void Publish(string json) => _json = json;

    /// <summary>A key set with one more P-256 key.</summary>
    public static string With(string keySet, ECDsa key, string keyId)
    {
        var q = key.ExportParameters(false).Q;
        var set = JsonNode.Parse(keySet)!.AsObject();
        set["keys"]!.AsArray().Add(new JsonObject
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64UrlEncoder.Encode(q.X!), ["y"] = Base64UrlEncoder.Encode(q.Y!), ["use"] = "sig",
            ["alg"] = "ES256", ["kid"] = keyId,
        });
        return set.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed class KeySetSourceTestsOnSqlite(SqliteApp app) : KeySetSourceTests(app), IClassFixture<SqliteApp>;

public sealed class KeySetSourceTestsOnPostgres(PostgresApp app) : KeySetSourceTests(app), IClassFixture<PostgresApp>;
