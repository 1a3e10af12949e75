using Tollgate.Api.Features.Demo;
using Tollgate.Api.Problems;
using Tollgate.Hosting;

namespace Tollgate.Api.Tests.Hosting;

/// <summary><c>tollgate up --demo</c> gives ABC Company its three self-care roles and Bob, who can sign in and add colleagues.</summary>
public abstract class AccessDemoTests(DbKind kind)
{
    [Fact]
    public async Task Demo_BobSignsInAsCustomerAdminOfAbcCompany()
    {
        await using var app = await TollgateTestApp.StartAsync(kind);
        var demo = await Bootstrap.SeedDemoAsync(app.App, CancellationToken.None);
        demo.ShouldNotBeNull();
        demo.Notes.ShouldContain(n => n.Contains("bob / " + PartiesDemo.Password));
        var abc = demo.Customers["ABC Company"];

        var bob = await app.SignInAsync("customer", "bob", PartiesDemo.Password);
        (await bob.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK)["customerId"].GetInt64().ShouldBe(abc);
        var allowed = (await bob.GetAsync($"/api/v1/customers/{abc}/allowed-roles")).ShouldHave(HttpStatusCode.OK);
        allowed["roles"].EnumerateArray().Select(r => r.GetProperty("name").GetString())
            .ShouldBe(["Customer admin", "PBX admin", "Operations manager"], ignoreOrder: true);

        var pbxAdmin = allowed["roles"].EnumerateArray().Single(r => r.GetProperty("name").GetString() == "PBX admin");
        pbxAdmin.GetProperty("permissions").GetProperty("invoices").GetString().ShouldBe("restrict");
        var steve = await bob.CreateIndividualAsync(abc, pbxAdmin.GetProperty("id").GetInt64(), firstName: "Steve");
        var steveClient = await app.ActivateAsync(new MailFolder(app.MailDirectory), steve);
        (await steveClient.GetAsync("/api/v1/accounts")).ShouldHave(HttpStatusCode.OK);
        (await steveClient.GetAsync($"/api/v1/customers/{abc}/individuals"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, $"{ProblemTypes.PermissionMissing}/customerIndividuals/read");
        (await (await app.SignInAsync("customer", "abc-company", PartiesDemo.Password)).GetAsync($"/api/v1/customers/{abc}")).ShouldHave(HttpStatusCode.OK);
    }
}

public sealed class AccessDemoTestsOnSqlite() : AccessDemoTests(DbKind.Sqlite);

public sealed class AccessDemoTestsOnPostgres() : AccessDemoTests(DbKind.Postgres);
