using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Problems;
using Tollgate.Data.Cpe;
using Tollgate.Testing.Files;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>
/// A file larger than <c>Tollgate:Cpe:Import:MaxBytes</c> is refused with 413 while it streams in, and nothing is stored;
/// so is an XLSX whose parts unpack to more than <c>Tollgate:Cpe:Import:MaxUnpackedBytes</c> (a small upload must not
/// make the reader hold gigabytes of shared strings).
/// </summary>
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

    [Fact]
    public async Task Upload_XlsxThatUnpacksBeyondTheLimit_Is413AndStoresNothing()
    {
        await using var app = await TollgateTestApp.StartAsync(kind,
            settings: new Dictionary<string, string?> { ["Tollgate:Cpe:Import:MaxUnpackedBytes"] = "1048576" });
        var admin = await app.AdminAsync();
        var file = new CpeFile();
        var padding = new string('x', 90);
        for (var i = 0; i < 20_000; i++) file.Add($"Phone {padding}", "Yealink", "00:11:22:33:44:55", inventoryId: padding);
        var xlsx = file.Xlsx();
        xlsx.Length.ShouldBeLessThan(1 << 20, "compressed, the file is well under the unpacked limit");

        var response = await admin.UploadAsync("/api/v1/cpe/imports", xlsx, "bomb.xlsx");
        response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge);
        response["detail"].GetString()!.ShouldContain("1048576 bytes");
        await using var db = app.Database();
        (await db.CpeImports.CountAsync()).ShouldBe(0);
        (await db.CpeImportChunks.CountAsync()).ShouldBe(0);

        var small = new CpeFile().Add("Small", "Yealink", CpeTestData.NewMac()).Xlsx();
        (await admin.UploadAsync("/api/v1/cpe/imports", small, "small.xlsx")).ShouldHave(HttpStatusCode.Accepted);
    }
}

public sealed class CpeUploadLimitTestsOnSqlite() : CpeUploadLimitTests(DbKind.Sqlite);

public sealed class CpeUploadLimitTestsOnPostgres() : CpeUploadLimitTests(DbKind.Postgres);
