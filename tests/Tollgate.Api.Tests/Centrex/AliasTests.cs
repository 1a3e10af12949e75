using Tollgate.Api.Features.Centrex;
using Tollgate.Api.Problems;

namespace Tollgate.Api.Tests.Centrex;

/// <summary>DIDs as aliases: digits only, unique across the installation, and a refusal that names the holder only to those who may see it.</summary>
public abstract class AliasTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    private static async Task<long> ExtensionAsync(PbxWorld w, string number)
    {
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }])).ShouldHave(HttpStatusCode.OK);
        return (await w.Self.CreateExtensionAsync(w.Customer, number, w.HostedPbx)).ShouldHave(HttpStatusCode.Created).AccountKey();
    }

    private static string NewDid() => "1209" + Random.Shared.NextInt64(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Did_IsUniqueAcrossTheInstallation_AndTheRefusalNamesTheHolderOnlyWhenVisible()
    {
        var abc = await CentrexTestKit.BuildAsync(App);
        var xyz = await CentrexTestKit.BuildAsync(App);
        var mine = await ExtensionAsync(abc, "466");
        var theirs = await ExtensionAsync(xyz, "466");
        var did = NewDid();

        var added = (await abc.Self.PostAsync($"/api/v1/accounts/{mine}/aliases", new { alias = did })).ShouldHave(HttpStatusCode.Created);
        (added["alias"].GetString(), added["accountId"].GetInt64()).ShouldBe((did, mine));
        added.Headers["Location"].ShouldBe($"/api/v1/accounts/{mine}/aliases/{did}");

        var hidden = await xyz.Self.PostAsync($"/api/v1/accounts/{theirs}/aliases", new { alias = did });
        hidden.ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AliasInUse);
        hidden["heldBy"].ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        hidden.Text.ShouldNotContain($"ph{abc.Customer}");
        hidden.ErrorsFor("alias").ShouldBe([$"{did} is already in use by an account of another customer"]);

        var named = await abc.Admin.PostAsync($"/api/v1/accounts/{theirs}/aliases", new { alias = did });
        named.ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AliasInUse);
        named["heldBy"].GetString().ShouldBe($"ph{abc.Customer}x466");
        (await abc.Self.PostAsync($"/api/v1/accounts/{mine}/aliases", new { alias = did })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Duplicate);

        var second = await abc.Admin.CreateAccountAsync(abc.Customer);
        (await abc.Self.PostAsync($"/api/v1/accounts/{second}/aliases", new { alias = did })).ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AliasInUse)
            ["heldBy"].GetString().ShouldBe($"ph{abc.Customer}x466");
        (await xyz.Self.GetAsync($"/api/v1/accounts/{theirs}/aliases")).ShouldHave(HttpStatusCode.OK).Json.GetArrayLength().ShouldBe(0);
        (await abc.Self.GetAsync($"/api/v1/accounts/{mine}/aliases")).ShouldHave(HttpStatusCode.OK).Json[0].GetProperty("alias").GetString().ShouldBe(did);
    }

    [Fact]
    public async Task Alias_IsValidated_WithAClearReason()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        var account = await ExtensionAsync(w, "466");
        async Task<string[]> Why(string alias) =>
            (await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias })).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("alias");

        (await Why("+12094555948")).ShouldBe(["must be written without '+': 12094555948"]);
        (await Why("1209-455-5948")).ShouldBe(["must be digits only; it contains '-' (for example 12094555948)"]);
        (await Why("12345")).ShouldBe(["must be 6 to 15 digits; it has 5 (for example 12094555948)"]);
        (await Why("1234567890123456")).ShouldBe(["must be 6 to 15 digits; it has 16 (for example 12094555948)"]);
        (await Why("")).ShouldBe(["must be 6 to 15 digits (for example 12094555948)"]);
        (await w.Self.GetAsync($"/api/v1/accounts/{account}/aliases")).Json.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Alias_CanBeRemoved_AndClosingTheAccountFreesIt()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        var account = await ExtensionAsync(w, "466");
        var did = NewDid();
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = did })).ShouldHave(HttpStatusCode.Created);
        (await w.Self.DeleteAsync($"/api/v1/accounts/{account}/aliases/{did}")).ShouldHave(HttpStatusCode.NoContent);
        (await w.Self.DeleteAsync($"/api/v1/accounts/{account}/aliases/{did}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);

        (await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = did })).ShouldHave(HttpStatusCode.Created);
        (await w.Admin.PostAsync($"/api/v1/accounts/{account}/close")).ShouldHave(HttpStatusCode.OK);
        (await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = NewDid() })).ShouldBeProblem(HttpStatusCode.Conflict, ProblemTypes.Conflict);
        var other = await w.Admin.CreateAccountAsync(w.Customer);
        (await w.Admin.PostAsync($"/api/v1/accounts/{other}/aliases", new { alias = did })).ShouldHave(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnOpenAccountsId_CannotBecomeAnAlias()
    {
        var w = await CentrexTestKit.BuildAsync(App);
        var account = await ExtensionAsync(w, "466");
        var number = NewDid();
        await w.Admin.CreateAccountAsync(w.Customer, number);
        var refused = await w.Self.PostAsync($"/api/v1/accounts/{account}/aliases", new { alias = number });
        refused.ShouldBeProblem(HttpStatusCode.Conflict, CentrexProblems.AliasInUse).ErrorsFor("alias").ShouldBe([$"{number} is the account id of account {number}"]);
    }
}

public sealed class AliasTestsOnSqlite(SqliteApp app) : AliasTests(app), IClassFixture<SqliteApp>;

public sealed class AliasTestsOnPostgres(PostgresApp app) : AliasTests(app), IClassFixture<PostgresApp>;
