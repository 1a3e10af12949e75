using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data.Cpe;
using Tollgate.Testing.Files;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>A file larger than <c>Tollgate:Cpe:Import:MaxBytes</c> is refused with 413 while it streams in, and nothing is stored.</summary>
public abstract class CpeUploadLimitTests(DbKind kind)
{
    [Fact]
    public async Task Upload_LargerThanTheLimit_Is413AndStoresNothing()
    {
        await using var app = await TollgateTestApp.StartAsync(kind, settings: new Dictionary<string, string?> { ["Tollgate:Cpe:Import:MaxBytes"] = "4096" });
        var admin = await app.AdminAsync();
        var file = new CpeFile();
        for (var i = 0; i < 200; i++) file.Add($"Phone{i}", "Yealink", CpeTestData.NewMac());
        var csv = file.Csv();
        csv.Length.ShouldBeGreaterThan(4096);

        var response = await admin.UploadAsync("/api/v1/cpe/imports", csv, "big.csv");
        response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        response["detail"].GetString()!.ShouldContain("4096 bytes");
        await using var db = app.Database();
        (await db.CpeImports.CountAsync()).ShouldBe(0);
        (await db.CpeImportChunks.CountAsync()).ShouldBe(0);

        var small = new CpeFile().Add("Small", "Yealink", CpeTestData.NewMac()).Csv();
        (await admin.UploadAsync("/api/v1/cpe/imports", small, "small.csv")).ShouldHave(HttpStatusCode.Accepted);
    }
}

public sealed class CpeUploadLimitTestsOnSqlite() : CpeUploadLimitTests(DbKind.Sqlite);

public sealed class CpeUploadLimitTestsOnPostgres() : CpeUploadLimitTests(DbKind.Postgres);
