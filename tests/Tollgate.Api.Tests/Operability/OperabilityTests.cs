using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Data;

namespace Tollgate.Api.Tests.Operability;

public abstract class OperabilityTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var doc = (await App.Anonymous().GetAsync("/openapi/v1.json")).ShouldHave(HttpStatusCode.OK);
        doc["openapi"].GetString()!.ShouldStartWith("3.");
        var paths = doc["paths"].EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/auth/login");
        paths.ShouldContain("/api/v1/customers/{id}");
        paths.ShouldContain("/api/v1/accounts");
        var create = doc["paths"].GetProperty("/api/v1/customers").GetProperty("post");
        create.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task InteractiveDocs_AreServedLocally()
    {
        var page = await App.Anonymous().GetAsync("/docs/");
        page.ShouldHave(HttpStatusCode.OK);
        page.Text.ShouldContain("openapi/v1.json");
        (await App.Anonymous().GetAsync("/docs/scalar.js")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Healthz_ChecksTheDatabase()
    {
        var health = (await App.Anonymous().GetAsync("/healthz")).ShouldHave(HttpStatusCode.OK);
        health["status"].GetString().ShouldBe("healthy");
        health["checks"].GetProperty("database").GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Fact]
    public async Task Metrics_ArePrometheusText()
    {
        await App.Anonymous().GetAsync("/healthz");
        var metrics = (await App.Anonymous().GetAsync("/metrics")).ShouldHave(HttpStatusCode.OK);
        metrics.Text.ShouldContain("# TYPE http_request_duration_seconds histogram");
        metrics.Text.ShouldContain("process_cpu_seconds_total");
    }

    [Fact]
    public void EveryApiEndpoint_DeclaresWhoMayCallIt()
    {
        var endpoints = App.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true).ToList();
        endpoints.Count.ShouldBeGreaterThan(15);
        foreach (var endpoint in endpoints)
        {
            var access = endpoint.Metadata.GetMetadata<EndpointAccess>();
            access.ShouldNotBeNull($"{endpoint.DisplayName} declares no EndpointAccess");
            if (access.Realms.HasFlag(Domain.Access.Realms.Customer) && !access.AnySignedIn)
                access.Section.ShouldNotBeNull($"{endpoint.DisplayName} is open to customers but names no permission section");
        }
    }

    [Fact]
    public async Task Restart_KeepsTheData()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Survivor");
        var id = await admin.CreateCustomerAsync(name: name);
        await using (var again = await TollgateTestApp.StartAsync(App.Kind, dataDirectory: App.DataDirectory, connectionString: App.ConnectionString))
        {
            var readAgain = await (await again.AdminAsync()).GetAsync($"/api/v1/customers/{id}");
            readAgain.ShouldHave(HttpStatusCode.OK)["name"].GetString().ShouldBe(name);
            // The token issued by the first process is still good: same signing key from the data folder, same session store.
            (await new ApiClient(new HttpClient { BaseAddress = again.BaseAddress }) { AccessToken = admin.AccessToken }
                .GetAsync($"/api/v1/customers/{id}")).ShouldHave(HttpStatusCode.OK);
        }
    }

    [Fact]
    public void EveryEntity_IsTenantScopedOrSaysWhyNot()
    {
        using var db = App.Database();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()))
        {
            var unscoped = entity.ClrType.GetCustomAttributes(typeof(UnscopedAttribute), false).Length > 0;
            var filtered = entity.GetDeclaredQueryFilters().Count > 0;
            (unscoped || filtered).ShouldBeTrue($"{entity.ClrType.Name} has no tenant query filter and no [Unscoped] reason");
        }
    }
}

public sealed class OperabilityTestsOnSqlite(SqliteApp app) : OperabilityTests(app), IClassFixture<SqliteApp>;

public sealed class OperabilityTestsOnPostgres(PostgresApp app) : OperabilityTests(app), IClassFixture<PostgresApp>;
