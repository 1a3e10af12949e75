using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Features.Demo;
using Tollgate.Api.Tests.Billing;
using Tollgate.Hosting;

namespace Tollgate.Api.Tests.Centrex;

/// <summary><c>tollgate up --demo</c> includes ABC Company's PBX: its agreement, auto attendant with a DID, and John Doe's extension 466.</summary>
public abstract class CentrexDemoTests(DbKind kind)
{
    [Fact]
    public async Task Demo_HasAbcCompanysAgreementAutoAttendantAndExtension466()
    {
        await using var app = await TollgateTestApp.StartAsync(kind);
        var demo = await Bootstrap.SeedDemoAsync(app.App, CancellationToken.None);
        demo.ShouldNotBeNull();
        demo.Notes.ShouldContain(n => n.StartsWith("centrex", StringComparison.Ordinal));
        var abc = demo.Customers["ABC Company"];
        var bob = await app.SignInAsync("customer", "bob", PartiesDemo.Password);

        var agreement = (await bob.GetAsync($"/api/v1/customers/{abc}/agreement")).ShouldHave(HttpStatusCode.OK);
        var attendant = agreement.Line("mainProducts", demo.Other["product Auto attendant"]);
        (attendant.Str("name"), attendant.GetProperty("quantity").GetInt32(), attendant.GetProperty("used").GetInt32()).ShouldBe(("Auto attendant", 1, 1));
        agreement.Line("mainProducts", demo.Other["product Hosted IP PBX"]).GetProperty("quantity").GetInt32().ShouldBe(0);
        var recording = agreement.Line("addonProducts", demo.Other["product Call recording"]);
        (recording.GetProperty("quantity").GetInt32(), recording.GetProperty("used").GetInt32()).ShouldBe((300, 1));

        var menu = (await bob.GetAsync($"/api/v1/customers/{abc}/auto-attendants")).ShouldHave(HttpStatusCode.OK).Items.ShouldHaveSingleItem();
        menu.GetProperty("account").Str("accountId").ShouldBe($"ph{abc}aa1");
        menu.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).ShouldBe([CentrexDemo.Did]);

        var john = (await bob.GetAsync($"/api/v1/customers/{abc}/extensions?extension=466")).ShouldHave(HttpStatusCode.OK).Items.ShouldHaveSingleItem();
        (john.Str("name"), john.GetProperty("account").Str("accountId")).ShouldBe(("John Doe", $"ph{abc}x466"));
        john.GetProperty("productId").GetInt64().ShouldBe(demo.Other["product Hosted IP PBX"]);
        john.GetProperty("addonProductIds").EnumerateArray().Select(a => a.GetInt64()).ShouldBe([demo.Other["product Call recording"]]);
        john.GetProperty("phone").Str("mac").ShouldBe(CentrexDemo.PhoneMac);

        // Bob may add extensions within the agreement, and not a second auto attendant.
        (await bob.CreateExtensionAsync(abc, "467", demo.Other["product Hosted IP PBX"], name: "Jane Roe")).ShouldHave(HttpStatusCode.Created);
        (await bob.CreateAutoAttendantAsync(abc, "After hours", demo.Other["product Auto attendant"]))
            .ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AgreementQuantityExceeded);
    }
}

public sealed class CentrexDemoTestsOnSqlite() : CentrexDemoTests(DbKind.Sqlite);

public sealed class CentrexDemoTestsOnPostgres() : CentrexDemoTests(DbKind.Postgres);
