using Tollgate.Api.Features.Cpe;
using Tollgate.Hosting;

namespace Tollgate.Api.Tests.Cpe;

/// <summary><c>tollgate up --demo</c> includes Panda Telecom's phones, half of them ABC Company's.</summary>
public abstract class CpeDemoTests(DbKind kind)
{
    [Fact]
    public async Task Demo_HasTenPhones_FiveAllocatedToAbcCompany()
    {
        await using var app = await TollgateTestApp.StartAsync(kind);
        var demo = await Bootstrap.SeedDemoAsync(app.App, CancellationToken.None);
        demo.ShouldNotBeNull();
        demo.Notes.ShouldContain(n => n.StartsWith("phones", StringComparison.Ordinal));

        var admin = await app.AdminAsync();
        var phones = (await admin.GetAsync("/api/v1/cpe/devices?limit=100")).ShouldHave(HttpStatusCode.OK);
        phones["total"].GetInt32().ShouldBe(10);
        phones.Items.ShouldAllBe(p => p.GetProperty("model").GetString() == CpeDemo.Model);

        var abc = await app.SignInAsync("customer", "abc-company", Api.Features.Demo.PartiesDemo.Password);
        var mine = (await abc.GetAsync("/api/v1/cpe/devices")).ShouldHave(HttpStatusCode.OK);
        mine["total"].GetInt32().ShouldBe(5);
        mine.Items.Select(p => p.GetProperty("mac").GetString()).ShouldContain("00:11:22:FF:13:44");
    }
}

public sealed class CpeDemoTestsOnSqlite() : CpeDemoTests(DbKind.Sqlite);

public sealed class CpeDemoTestsOnPostgres() : CpeDemoTests(DbKind.Postgres);
