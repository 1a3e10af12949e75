using System.Text.Json;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Switching;

public abstract class ConnectionsApiTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    /// <summary>Number prefixes no other test uses: prefixes are unique in the installation.</summary>
    private static string Prefix() => "9" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string?> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString());

    [Fact]
    public async Task OutgoingConnection_IsCreatedReadListedChangedAndDeleted()
    {
        var admin = await App.AdminAsync();
        var policy = (await admin.PostAsync("/api/v1/service-policies", new { name = TestData.Unique("Carrier"), forbidUpdateMethod = true }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var (p1, p2, p3) = (Prefix(), Prefix(), Prefix());
        var name = TestData.Unique("Carrier A");
        var created = (await admin.PostAsync("/api/v1/connections", new
        {
            name, direction = "outgoing", address = "GW1.Carrier.example:5070", transport = "tcp", prefixes = new[] { p2, p1 }, servicePolicyId = policy,
        })).ShouldHave(HttpStatusCode.Created);
        created["address"].GetString().ShouldBe("gw1.carrier.example:5070");
        created["direction"].GetString().ShouldBe("outgoing");
        created["transport"].GetString().ShouldBe("tcp");
        Strings(created["prefixes"]).ShouldBe(new[] { p1, p2 }.Order(StringComparer.Ordinal));
        created["servicePolicyId"].GetInt64().ShouldBe(policy);
        created.Headers["Location"].ShouldBe($"/api/v1/connections/{created.Id}");

        (await admin.GetAsync($"/api/v1/connections/{created.Id}")).ShouldHave(HttpStatusCode.OK)["name"].GetString().ShouldBe(name);
        (await admin.GetAsync($"/api/v1/connections?prefix={p1}")).ShouldHave(HttpStatusCode.OK).Items.Select(c => c.GetProperty("id").GetInt64())
            .ShouldBe([created.Id]);
        (await admin.GetAsync($"/api/v1/connections?direction=incoming&name={Uri.EscapeDataString(name)}")).ShouldHave(HttpStatusCode.OK).Items.ShouldBeEmpty();
        (await admin.GetAsync("/api/v1/connections?direction=sideways")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("direction").ShouldNotBeEmpty();

        var changed = (await admin.PatchAsync($"/api/v1/connections/{created.Id}", new
        {
            prefixes = new[] { p1, p3 }, transport = "udp", servicePolicyId = (long?)null, address = "192.0.2.10",
        })).ShouldHave(HttpStatusCode.OK);
        Strings(changed["prefixes"]).ShouldBe(new[] { p1, p3 }.Order(StringComparer.Ordinal));
        changed["transport"].GetString().ShouldBe("udp");
        changed["address"].GetString().ShouldBe("192.0.2.10");
        changed["servicePolicyId"].ValueKind.ShouldBe(JsonValueKind.Null);
        changed["name"].GetString().ShouldBe(name);

        (await admin.DeleteAsync($"/api/v1/connections/{created.Id}")).ShouldHave(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/v1/connections/{created.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        // The prefixes went with it: another connection may take them.
        (await admin.PostAsync("/api/v1/connections", new { name = TestData.Unique("B"), direction = "outgoing", address = "192.0.2.11", prefixes = new[] { p1 } }))
            .ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task IncomingConnection_IsTrustedByAnIpAddressWrittenOneWay()
    {
        var admin = await App.AdminAsync();
        var v6 = $"2001:db8::{Random.Shared.Next(1, 0xffff):x}";
        var created = (await admin.PostAsync("/api/v1/connections", new
        {
            name = TestData.Unique("Carrier in"), direction = "incoming", address = $"[{v6.ToUpperInvariant().Replace("2001:DB8::", "2001:0DB8:0:0::", StringComparison.Ordinal)}]:5060",
        })).ShouldHave(HttpStatusCode.Created);
        created["address"].GetString().ShouldBe($"[{v6}]:5060");
        created["transport"].GetString().ShouldBe("udp", "the default");
        created["prefixes"].GetArrayLength().ShouldBe(0);

        var again = await admin.PostAsync("/api/v1/connections", new { name = TestData.Unique("Same"), direction = "incoming", address = $"[{v6}]:5060" });
        again.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        again.ErrorsFor("address").Single().ShouldContain(created["name"].GetString()!);
    }

    [Fact]
    public async Task Create_BadFields_NamesEveryFieldAndStoresNothing()
    {
        var admin = await App.AdminAsync();
        var name = TestData.Unique("Bad");
        var incoming = await admin.PostAsync("/api/v1/connections", new { name, direction = "incoming", address = "gw.carrier.example", prefixes = new[] { "1" } });
        incoming.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        incoming.ErrorsFor("address").Single().ShouldContain("not an IP address");
        incoming.ErrorsFor("prefixes").Single().ShouldContain("outgoing connections only");

        var outgoing = await admin.PostAsync("/api/v1/connections", new
        {
            name, direction = "outgoing", address = "192.0.2.1:70000", prefixes = new[] { "+1209", "12a", "44", "44" },
        });
        outgoing.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        outgoing.ErrorsFor("address").Single().ShouldContain("not a port");
        outgoing.ErrorsFor("prefixes[0]").Single().ShouldContain("without '+'");
        outgoing.ErrorsFor("prefixes[1]").Single().ShouldContain("digits");
        outgoing.ErrorsFor("prefixes[3]").Single().ShouldContain("twice");

        var noDirection = await admin.PostAsync("/api/v1/connections", new { name, address = "192.0.2.1", transport = "sctp" });
        noDirection.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        noDirection.ErrorsFor("direction").ShouldNotBeEmpty();
        noDirection.ErrorsFor("transport").ShouldNotBeEmpty();

        var unknownPolicy = await admin.PostAsync("/api/v1/connections", new { name, direction = "outgoing", address = "192.0.2.1", servicePolicyId = 987654321 });
        unknownPolicy.ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        unknownPolicy.ErrorsFor("servicePolicyId").ShouldNotBeEmpty();

        (await admin.GetAsync($"/api/v1/connections?name={Uri.EscapeDataString(name)}")).ShouldHave(HttpStatusCode.OK).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task PrefixOfAnotherConnection_IsRefusedNamingItAndNothingChanges()
    {
        var admin = await App.AdminAsync();
        var (mine, theirs) = (Prefix(), Prefix());
        var owner = (await admin.PostAsync("/api/v1/connections", new { name = TestData.Unique("Owner"), direction = "outgoing", address = "192.0.2.20", prefixes = new[] { theirs } }))
            .ShouldHave(HttpStatusCode.Created);
        var other = (await admin.PostAsync("/api/v1/connections", new { name = TestData.Unique("Other"), direction = "outgoing", address = "192.0.2.21", prefixes = new[] { mine } }))
            .ShouldHave(HttpStatusCode.Created);

        var taken = await admin.PatchAsync($"/api/v1/connections/{other.Id}", new { name = TestData.Unique("Renamed"), prefixes = new[] { mine, theirs } });
        taken.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        taken.ErrorsFor("prefixes[1]").Single().ShouldContain(owner["name"].GetString()!);
        var after = (await admin.GetAsync($"/api/v1/connections/{other.Id}")).ShouldHave(HttpStatusCode.OK);
        after["name"].GetString().ShouldBe(other["name"].GetString());
        Strings(after["prefixes"]).ShouldBe([mine]);

        var sameName = await admin.PostAsync("/api/v1/connections", new { name = owner["name"].GetString(), direction = "outgoing", address = "192.0.2.22" });
        sameName.ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);
        sameName.ErrorsFor("name").ShouldNotBeEmpty();

        var direction = await admin.PatchAsync($"/api/v1/connections/{other.Id}", new { direction = "incoming" });
        direction.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        direction.ErrorsFor("direction").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Connections_AreForAdministratorsOnly()
    {
        var admin = await App.AdminAsync();
        var connection = (await admin.PostAsync("/api/v1/connections", new { name = TestData.Unique("C"), direction = "outgoing", address = "192.0.2.30" }))
            .ShouldHave(HttpStatusCode.Created).Id;
        var resellerLogin = TestData.Unique("r");
        var reseller = await admin.CreateResellerAsync(resellerLogin);
        var customerLogin = TestData.Unique("c");
        var customer = await admin.CreateCustomerAsync(reseller, customerLogin);
        var accountId = TestData.Unique("a");
        await admin.CreateAccountAsync(customer, accountId, webSignIn: true);

        foreach (var client in new[]
                 {
                     await App.SignInAsync("reseller", resellerLogin, TestData.Password), await App.SignInAsync("customer", customerLogin, TestData.Password),
                     await App.SignInAsync("account", accountId, TestData.Password),
                 })
        {
            (await client.GetAsync("/api/v1/connections")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            (await client.PatchAsync($"/api/v1/connections/{connection}", new { name = "x" })).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
            (await client.DeleteAsync($"/api/v1/connections/{connection}")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        }

        (await admin.GetAsync($"/api/v1/connections/{connection}")).ShouldHave(HttpStatusCode.OK);
    }
}

public sealed class ConnectionsApiTestsOnSqlite(SqliteApp app) : ConnectionsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ConnectionsApiTestsOnPostgres(PostgresApp app) : ConnectionsApiTests(app), IClassFixture<PostgresApp>;
