using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>The feature guide's example: Panda Telecom allocates 10 phones to ABC Company by MAC; ABC's PBX administrator assigns one.</summary>
public abstract class PandaTelecomTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static readonly string[] ShippedToAbc =
    [
        "00:11:22:FF:13:44", "00:14:20:FF:3C:52", "00:1C:22:FA:22:50", "00:A1:22:FF:33:49", "00:B0:D0:1F:03:45",
        "00:E0:B1:FF:33:17", "00:F1:23:FC:31:51", "00:F1:A2:22:33:C8", "00:F7:22:2F:CF:71", "00:11:22:FF:33:44",
    ];

    [Fact]
    public async Task AdministratorAllocatesTenPhonesByMac_AbcAssignsOneToANewExtension()
    {
        var admin = await App.AdminAsync();
        var model = await admin.CreateModelAsync("Yealink SIP-T21P E2", ports: 2);
        // Panda's stock: the ten phones for ABC and some others.
        var ids = new Dictionary<string, long>();
        foreach (var mac in ShippedToAbc) ids[mac] = (await admin.CreateDeviceAsync(model, mac)).Id;
        var other = await admin.CreateDeviceAsync(model);

        var abcLogin = TestData.Unique("abc-company");
        var abc = await admin.CreateCustomerAsync(login: abcLogin, name: TestData.Unique("ABC Company"));

        // The warehouse sends the MACs as scanned, in whatever notation; the administrator looks each one up.
        var found = new List<long>();
        foreach (var mac in ShippedToAbc)
        {
            var scanned = mac.Replace(":", "").ToLowerInvariant();
            var page = (await admin.GetAsync($"/api/v1/cpe/devices?mac={scanned}")).ShouldHave(HttpStatusCode.OK);
            page.Items.Single().GetProperty("mac").GetString().ShouldBe(mac);
            found.Add(page.Items.Single().GetProperty("id").GetInt64());
        }
        var allocated = (await admin.PostAsync("/api/v1/cpe/devices/allocate", new { deviceIds = found, customerId = abc })).ShouldHave(HttpStatusCode.OK);
        allocated["changed"].GetInt32().ShouldBe(10);

        var abcAdmin = await App.SignInAsync("customer", abcLogin, TestData.Password);
        var mine = (await abcAdmin.GetAsync("/api/v1/cpe/devices?limit=100")).ShouldHave(HttpStatusCode.OK);
        mine.Ids().ShouldBe(ids.Values, ignoreOrder: true);
        (await abcAdmin.GetAsync($"/api/v1/cpe/devices/{other.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        // A new employee: the extension's account is created, then ABC's PBX administrator picks the phone by its MAC.
        var extension = await admin.CreateAccountAsync(abc, TestData.Unique("ext"));
        var phone = (await abcAdmin.GetAsync("/api/v1/cpe/devices?mac=00-11-22-ff-13-44")).ShouldHave(HttpStatusCode.OK).Items.Single();
        var assigned = (await abcAdmin.PutAsync($"/api/v1/accounts/{extension}/cpe", new { deviceId = phone.GetProperty("id").GetInt64() }))
            .ShouldHave(HttpStatusCode.OK);
        assigned["mac"].GetString().ShouldBe("00:11:22:FF:13:44");
        assigned["port"].GetInt32().ShouldBe(1);
        assigned["model"].GetString().ShouldBe("Yealink SIP-T21P E2");

        var device = (await abcAdmin.GetAsync($"/api/v1/cpe/devices/{ids["00:11:22:FF:13:44"]}")).ShouldHave(HttpStatusCode.OK);
        device["totalPorts"].GetInt32().ShouldBe(2);
        device["freePorts"].GetInt32().ShouldBe(1);
        device["ports"].EnumerateArray().Single().GetProperty("accountId").GetInt64().ShouldBe(extension);
        (await abcAdmin.GetAsync($"/api/v1/accounts/{extension}/cpe")).ShouldHave(HttpStatusCode.OK)["deviceId"].GetInt64()
            .ShouldBe(ids["00:11:22:FF:13:44"]);

        // The PBX administrator may also take the phone away again.
        (await abcAdmin.DeleteAsync($"/api/v1/accounts/{extension}/cpe")).ShouldHave(HttpStatusCode.NoContent);
        (await abcAdmin.GetAsync($"/api/v1/cpe/devices/{ids["00:11:22:FF:13:44"]}")).ShouldHave(HttpStatusCode.OK)["freePorts"].GetInt32().ShouldBe(2);
        (await abcAdmin.GetAsync($"/api/v1/accounts/{extension}/cpe")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}

public sealed class PandaTelecomTestsOnSqlite(SqliteApp app) : PandaTelecomTests(app), IClassFixture<SqliteApp>;

public sealed class PandaTelecomTestsOnPostgres(PostgresApp app) : PandaTelecomTests(app), IClassFixture<PostgresApp>;
