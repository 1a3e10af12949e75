using System.Text;
using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Features.Cpe;
using Tollgate.Api.Features.Cpe.Imports;
using Tollgate.Api.Problems;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Cpe;
using Tollgate.Testing.Files;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>Batch upload of devices: every format, every row error with its row and column, refused files, notifications.</summary>
public abstract class CpeImportTests(AppFixture fixture)
{
    private TollgateTestApp App => fixture.App;

    public static TheoryData<string> Formats => ["csv", "xls", "xlsx"];

    private sealed record World(ApiClient Admin, string Model, long ModelId, string Profile, long ProfileId, string Reseller, long ResellerId,
        string Customer, long CustomerId);

    private async Task<World> BuildAsync()
    {
        var admin = await App.AdminAsync();
        var model = TestData.Unique("Yealink T21P");
        var modelId = await admin.CreateModelAsync(model);
        var profile = TestData.Unique("Standard");
        var profileId = (await admin.PostAsync("/api/v1/cpe/profiles", new { name = profile, modelId, sharedWithResellers = true })).ShouldHave(HttpStatusCode.Created).Id;
        var reseller = TestData.Unique("Shuttle");
        var resellerId = await admin.CreateResellerAsync(name: reseller);
        var customer = TestData.Unique("ABC Company");
        var customerId = await admin.CreateCustomerAsync(resellerId, name: customer);
        return new World(admin, model, modelId, profile, profileId, reseller, resellerId, customer, customerId);
    }

    [Fact]
    public async Task Template_Csv_HasEveryColumnInTheRequiredOrder()
    {
        var admin = await App.AdminAsync();
        var csv = (await admin.GetAsync("/api/v1/cpe/import-template?format=csv")).ShouldHave(HttpStatusCode.OK);
        csv.MediaType.ShouldBe("text/csv");
        csv.Headers["Content-Disposition"].ShouldContain("cpe-import-template.csv");
        csv.Text.TrimStart('\uFEFF').TrimEnd().ShouldBe(
            "Action,Name,Device model,MAC address,Managed by,CPE profile,Shared with reseller,Tenant customer name,Inventory ID");
    }

    [Fact]
    public async Task Template_Xlsx_ReadsBackWithTheSameColumns()
    {
        var admin = await App.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cpe/import-template?format=xlsx");
        request.Headers.Authorization = new("Bearer", admin.AccessToken);
        using var response = await admin.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = CpeRowReader.Open(new MemoryStream(bytes), CpeImportFormat.Xlsx);
        reader.Read().ShouldBeTrue();
        reader.Cells().ShouldBe(CpeFile.TemplateHeader);
        reader.Read().ShouldBeFalse("the template has no device rows");
        (await admin.GetAsync("/api/v1/cpe/import-template?format=pdf")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation)
            .ErrorsFor("format").ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Upload_ValidRows_AreAddedInTheBackground(string format)
    {
        var w = await BuildAsync();
        string[] macs = [CpeTestData.NewMac(), CpeTestData.NewMac(), CpeTestData.NewMac()];
        var file = new CpeFile()
            .Add("Yealink_A", w.Model, macs[0].Replace(":", "-").ToLowerInvariant(), profile: w.Profile, customer: w.Customer, inventoryId: 983341321)
            .Add("Yealink_B", w.Model.ToUpperInvariant(), macs[1].Replace(":", ""), managedBy: w.Reseller, shared: "N")
            .Add("Yealink_C", w.Model, macs[2], shared: "Y");
        file.Rows.Insert(1, new object?[9]); // a blank row is skipped, not counted
        var accepted = await w.Admin.UploadDevicesAsync(file.As(format), $"phones.{format}");
        accepted["status"].GetString().ShouldBe("queued");
        accepted.Headers["Location"].ShouldBe($"/api/v1/cpe/imports/{accepted.Id}");
        accepted["format"].GetString().ShouldBe(format);

        var done = await App.FinishedImportAsync(w.Admin, accepted.Id);
        done["status"].GetString().ShouldBe("completed");
        (done["rows"].GetInt32(), done["added"].GetInt32(), done["removed"].GetInt32(), done["failed"].GetInt32()).ShouldBe((3, 3, 0, 0));
        done["finishedAt"].GetDateTime().ShouldBe(App.Clock.GetUtcNow().UtcDateTime);

        var a = (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={macs[0]}")).Items.Single();
        a.GetProperty("name").GetString().ShouldBe("Yealink_A");
        a.GetProperty("modelId").GetInt64().ShouldBe(w.ModelId);
        a.GetProperty("profileId").GetInt64().ShouldBe(w.ProfileId);
        a.GetProperty("customerId").GetInt64().ShouldBe(w.CustomerId);
        a.GetProperty("inventoryId").GetString().ShouldBe("983341321");
        var b = (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={macs[1]}")).Items.Single();
        b.GetProperty("managedBy").GetInt64().ShouldBe(w.ResellerId);
        b.GetProperty("customerId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var c = (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={macs[2]}")).Items.Single();
        c.GetProperty("sharedWithResellers").GetBoolean().ShouldBeTrue();
        (await w.Admin.ImportErrorsAsync(accepted.Id)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Upload_EveryRowError_IsReportedWithRowColumnAndReason_AndTheValidRowsApplied(string format)
    {
        var w = await BuildAsync();
        var existing = await w.Admin.CreateDeviceAsync(w.ModelId);
        var removable = await w.Admin.CreateDeviceAsync(w.ModelId);
        var busy = await w.Admin.CreateDeviceAsync(w.ModelId, customerId: w.CustomerId);
        var account = await w.Admin.CreateAccountAsync(w.CustomerId);
        (await w.Admin.PutAsync($"/api/v1/accounts/{account}/cpe", new { deviceId = busy.Id })).ShouldHave(HttpStatusCode.OK);
        var good = CpeTestData.NewMac();
        var twice = CpeTestData.NewMac();
        var absent = CpeTestData.NewMac();

        var file = new CpeFile()
            .Add("Good", w.Model, good)                                              // row 2: added
            .Row("Install", "X", w.Model, CpeTestData.NewMac())                      // row 3
            .Add("", w.Model, CpeTestData.NewMac())                                  // row 4
            .Add("NoMac", w.Model, "")                                               // row 5
            .Add("BadMac", w.Model, "00:11:22:33:44")                                // row 6
            .Add("Existing", w.Model, existing.Mac)                                  // row 7
            .Add("Twice1", w.Model, twice)                                           // row 8: added
            .Add("Twice2", w.Model, twice.Replace(":", ""))                          // row 9
            .Add("NoModel", "Cisco 7960", CpeTestData.NewMac())                      // row 10
            .Add("NoProfile", w.Model, CpeTestData.NewMac(), profile: "Gold")        // row 11
            .Add("NoReseller", w.Model, CpeTestData.NewMac(), managedBy: "Nobody Ltd")   // row 12
            .Add("NoCustomer", w.Model, CpeTestData.NewMac(), customer: "Nobody Inc")    // row 13
            .Remove(busy.Mac)                                                        // row 14
            .Remove(absent)                                                          // row 15
            .Remove(removable.Mac)                                                   // row 16: removed
            .Add("BadShare", w.Model, CpeTestData.NewMac(), shared: "maybe");        // row 17
        var done = await App.ImportAsync(w.Admin, file.As(format), $"errors.{format}");
        done["status"].GetString().ShouldBe("completed");
        (done["rows"].GetInt32(), done["added"].GetInt32(), done["removed"].GetInt32(), done["failed"].GetInt32()).ShouldBe((16, 2, 1, 13));

        var errors = await w.Admin.ImportErrorsAsync(done.Id);
        errors.ShouldBe(
        [
            (3, "Action", "'Install' is not an action; use Add or Remove"),
            (4, "Name", "is required to add a device"),
            (5, "MAC address", "is required"),
            (6, "MAC address", "'00:11:22:33:44' is not a MAC address: it has 10 hexadecimal digits; a MAC address has 12"),
            (7, "MAC address", $"{existing.Mac} is already in the inventory"),
            (9, "MAC address", $"{twice} appears twice in the file (first at row 8)"),
            (10, "Device model", "there is no device model 'Cisco 7960'"),
            (11, "CPE profile", "there is no CPE profile 'Gold'"),
            (12, "Managed by", "there is no reseller 'Nobody Ltd'"),
            (13, "Tenant customer name", "there is no customer 'Nobody Inc'"),
            (14, "Action", $"the device cannot be removed: it is assigned to account {(await w.Admin.GetAsync($"/api/v1/accounts/{account}"))["accountId"].GetString()}; unassign it first"),
            (15, "MAC address", $"{absent} is not in the inventory"),
            (17, "Shared with reseller", "'maybe' is not Y or N"),
        ]);

        (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={good}"))["total"].GetInt32().ShouldBe(1);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={twice}")).Items.Single().GetProperty("name").GetString().ShouldBe("Twice1");
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{removable.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices/{busy.Id}")).ShouldHave(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_OfAHundredThousandRows_IsReadToTheEnd()
    {
        var w = await BuildAsync();
        var csv = new System.Text.StringBuilder("Action,Name,Device model,MAC address,Tenant customer name\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            var mac = CpeTestData.NewMac();
            csv.Append($"Add,P{i},{w.Model},{mac},{(i % 10 == 0 ? w.Customer : "")}\r\n");
        }
        csv.Append($"Add,Broken,{w.Model},not-a-mac\r\n");
        var done = await App.ImportAsync(w.Admin, Encoding.UTF8.GetBytes(csv.ToString()), "big.csv");
        done["status"].GetString().ShouldBe("completed");
        (done["rows"].GetInt32(), done["added"].GetInt32(), done["failed"].GetInt32()).ShouldBe((100_001, 100_000, 1));
        (await w.Admin.ImportErrorsAsync(done.Id)).Single().Row.ShouldBe(100_002);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices?customerId={w.CustomerId}&limit=1"))["total"].GetInt32().ShouldBe(10_000);
    }

    [Fact]
    public async Task Upload_RowWithSeveralProblems_ReportsEachAndAppliesNothingOfIt()
    {
        var w = await BuildAsync();
        var mac = CpeTestData.NewMac();
        var done = await App.ImportAsync(w.Admin, new CpeFile()
            .Add("Half", w.Model, mac, profile: "Gold", managedBy: w.Reseller, customer: "Nobody Inc").Csv(), "half.csv");
        (done["added"].GetInt32(), done["failed"].GetInt32()).ShouldBe((0, 1));
        (await w.Admin.ImportErrorsAsync(done.Id)).Select(e => e.Column).ShouldBe(["CPE profile", "Tenant customer name"], ignoreOrder: true);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={mac}"))["total"].GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Upload_AllocationRules_AreTheSameAsThroughTheApi()
    {
        var w = await BuildAsync();
        var direct = TestData.Unique("Direct Customer");
        await w.Admin.CreateCustomerAsync(name: direct);
        var otherProfile = TestData.Unique("Private");
        await w.Admin.PostAsync("/api/v1/cpe/profiles", new { name = otherProfile, modelId = w.ModelId });
        var done = await App.ImportAsync(w.Admin, new CpeFile()
            .Add("Reserved", w.Model, CpeTestData.NewMac(), managedBy: w.Reseller, customer: direct)
            .Add("Mismatch", w.Model, CpeTestData.NewMac(), managedBy: w.Reseller, profile: otherProfile)
            .Add("SharedOwn", w.Model, CpeTestData.NewMac(), managedBy: w.Reseller, shared: "Y").Csv(), "rules.csv");
        (done["added"].GetInt32(), done["failed"].GetInt32()).ShouldBe((0, 3));
        var errors = await w.Admin.ImportErrorsAsync(done.Id);
        errors[0].ShouldBe((2, "Tenant customer name",
            $"the device cannot be allocated to '{direct}': it is managed by reseller {w.ResellerId} and can be allocated only to that reseller's customers"));
        errors[1].ShouldBe((3, "CPE profile", $"CPE profile '{otherProfile}' belongs to another manager and is not shared with resellers"));
        errors[2].Column.ShouldBe("Shared with reseller");
    }

    [Fact]
    public async Task Upload_SameFileTwice_AddsNothingTheSecondTime()
    {
        var w = await BuildAsync();
        var file = new CpeFile();
        for (var i = 0; i < 25; i++) file.Add($"Phone{i}", w.Model, CpeTestData.NewMac(), customer: w.Customer);
        var first = await App.ImportAsync(w.Admin, file.Xlsx(), "batch.xlsx");
        (first["added"].GetInt32(), first["failed"].GetInt32()).ShouldBe((25, 0));
        var second = await App.ImportAsync(w.Admin, file.Xlsx(), "batch.xlsx");
        (second["rows"].GetInt32(), second["added"].GetInt32(), second["failed"].GetInt32()).ShouldBe((25, 0, 25));
        (await w.Admin.ImportErrorsAsync(second.Id)).ShouldAllBe(e => e.Column == "MAC address" && e.Reason.EndsWith("is already in the inventory"));
        (await w.Admin.GetAsync($"/api/v1/cpe/devices?customerId={w.CustomerId}"))["total"].GetInt32().ShouldBe(25);
    }

    [Fact]
    public async Task Upload_MacTypedAsANumberInASpreadsheet_KeepsItsLeadingZeros()
    {
        var w = await BuildAsync();
        var done = await App.ImportAsync(w.Admin, new CpeFile().Row("Add", "Numeric", w.Model, 1122334466L).Xlsx(), "numbers.xlsx");
        done["added"].GetInt32().ShouldBe(1, string.Join("; ", await w.Admin.ImportErrorsAsync(done.Id)));
        (await w.Admin.GetAsync("/api/v1/cpe/devices?mac=00:11:22:33:44:66")).Items.Single().GetProperty("name").GetString().ShouldBe("Numeric");
    }

    [Fact]
    public async Task Upload_HeadersInAnotherOrderAndCase_AreAccepted()
    {
        var w = await BuildAsync();
        var mac = CpeTestData.NewMac();
        var file = new CpeFile("mac address", "ACTION", "Device  model", "name").Row(mac, "add", w.Model, "Reordered");
        var done = await App.ImportAsync(w.Admin, file.Csv(), "reordered.csv");
        done["added"].GetInt32().ShouldBe(1);
        (await w.Admin.GetAsync($"/api/v1/cpe/devices?mac={mac}")).Items.Single().GetProperty("name").GetString().ShouldBe("Reordered");
    }

    [Fact]
    public async Task Upload_SemicolonSeparatedCsv_IsRead()
    {
        var w = await BuildAsync();
        var mac = CpeTestData.NewMac();
        var csv = Encoding.UTF8.GetBytes($"Action;Name;Device model;MAC address\r\nAdd;Semi;{w.Model};{mac}\r\n");
        (await App.ImportAsync(w.Admin, csv, "semi.csv"))["added"].GetInt32().ShouldBe(1);
    }

    public static TheoryData<string, byte[], HttpStatusCode, string, string> RefusedFiles => new()
    {
        { "empty", [], HttpStatusCode.BadRequest, CpeProblems.ImportFileInvalid, "is empty" },
        { "binary", [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02], HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "binary" },
        { "latin1", Encoding.Latin1.GetBytes("Action,Name,Device model,MAC address\nAdd,Caf\u00e9,M,00:11:22:33:44:55\n"), HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "not UTF-8" },
        { "header only", Encoding.UTF8.GetBytes("Action,Name,Device model,MAC address\n"), HttpStatusCode.BadRequest, CpeProblems.ImportFileInvalid, "no device rows" },
        { "no header", Encoding.UTF8.GetBytes("Add,Phone,Yealink,00:11:22:33:44:55\n"), HttpStatusCode.BadRequest, CpeProblems.ImportFileInvalid, "has no header row" },
        { "wrong headers", Encoding.UTF8.GetBytes("Action,Nmae,Device model,MAC address\nAdd,P,M,00:11:22:33:44:55\n"), HttpStatusCode.BadRequest, CpeProblems.ImportFileInvalid, "wrong headers" },
        { "corrupt xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], HttpStatusCode.BadRequest, CpeProblems.ImportFileInvalid, "cannot be read" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task Upload_UnreadableFile_IsRefusedAndChangesNothing(string what, byte[] content, HttpStatusCode status, string type, string detail)
    {
        var admin = await App.AdminAsync();
        var name = what == "corrupt xlsx" ? "broken.xlsx" : "devices.csv";
        var before = await CountsAsync();
        var response = await admin.UploadAsync("/api/v1/cpe/imports", content, name);
        response.ShouldBeProblem(status, type);
        response["detail"].GetString()!.ShouldContain(detail);
        (await CountsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Upload_WrongHeaders_NamesEachCellAndTheMissingColumns()
    {
        var admin = await App.AdminAsync();
        var response = await admin.UploadAsync("/api/v1/cpe/imports",
            new CpeFile("Action", "Nmae", "Device model", "Colour", "Action").Row("Add", "x", "y", "z", "Add").Xlsx(), "bad.xlsx");
        response.ShouldBeProblem(HttpStatusCode.BadRequest, CpeProblems.ImportFileInvalid);
        response.ErrorsFor("row 1, column B").Single().ShouldStartWith("'Nmae' is not a column of the template");
        response.ErrorsFor("row 1, column D").Single().ShouldStartWith("'Colour' is not a column of the template");
        response.ErrorsFor("row 1, column E").ShouldBe(["'Action' appears twice (first in column A)"]);
        response.ErrorsFor("header").ShouldBe(["the mandatory column 'Name' is missing", "the mandatory column 'MAC address' is missing"]);
    }

    [Fact]
    public async Task Upload_NameSaysOneFormatContentAnother_IsRefused()
    {
        var admin = await App.AdminAsync();
        var response = await admin.UploadAsync("/api/v1/cpe/imports", new CpeFile().Add("P", "M", CpeTestData.NewMac()).Xlsx(), "devices.csv");
        response.ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
        response["detail"].GetString()!.ShouldContain("its name says CSV but its content is XLSX");
    }

    [Fact]
    public async Task Upload_NotAFormUpload_OrWithoutTheFileField_IsRefused()
    {
        var admin = await App.AdminAsync();
        (await admin.PostAsync("/api/v1/cpe/imports", new { file = "x" })).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
        var wrongField = await admin.UploadAsync("/api/v1/cpe/imports", Encoding.UTF8.GetBytes("Action\n"), "x.csv", field: "upload");
        wrongField.ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        wrongField.ErrorsFor("file").ShouldNotBeEmpty();
        wrongField.ErrorsFor("upload").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Upload_Notifies_TheUploaderOnly()
    {
        var w = await BuildAsync();
        var other = await App.AdminAsync();
        var staffLogin = TestData.Unique("staff");
        await w.Admin.PostAsync("/api/v1/administrators", new { login = staffLogin, password = "staff-password-1" });
        var staff = await App.SignInAsync("admin", staffLogin, "staff-password-1");
        var done = await App.ImportAsync(staff, new CpeFile().Add("N", w.Model, CpeTestData.NewMac()).Add("Bad", w.Model, "xx").Csv(), "notify.csv");

        var unread = (await staff.GetAsync("/api/v1/notifications?unread=true")).ShouldHave(HttpStatusCode.OK);
        var note = unread.Items.Single(n => n.GetProperty("link").GetString() == $"/api/v1/cpe/imports/{done.Id}");
        note.GetProperty("topic").GetString().ShouldBe("cpe.import.completed");
        note.GetProperty("title").GetString().ShouldBe("Device upload 'notify.csv' is done");
        note.GetProperty("text").GetString().ShouldBe($"2 rows: 1 added, 0 removed, 1 failed. The failed rows and why: GET /api/v1/cpe/imports/{done.Id}/errors.");
        note.GetProperty("read").GetBoolean().ShouldBeFalse();
        (await other.GetAsync("/api/v1/notifications?limit=1000")).Items
            .ShouldNotContain(n => n.GetProperty("link").GetString() == $"/api/v1/cpe/imports/{done.Id}", "another administrator is not notified");
    }

    [Fact]
    public async Task Reseller_Upload_AppliesRowsInItsOwnScope()
    {
        var w = await BuildAsync();
        var login = TestData.Unique("reseller");
        var resellerId = await w.Admin.CreateResellerAsync(login, name: TestData.Unique("Koala"));
        var reseller = await App.SignInAsync("reseller", login, TestData.Password);
        var own = TestData.Unique("Koala Customer");
        var ownId = await reseller.CreateCustomerAsync(name: own);
        var adminDevice = await w.Admin.CreateDeviceAsync(w.ModelId);
        var mine = CpeTestData.NewMac();

        var done = await App.ImportAsync(reseller, new CpeFile()
            .Add("Mine", w.Model, mine, profile: w.Profile, customer: own)          // row 2: added, the reseller's own
            .Add("Theirs", w.Model, CpeTestData.NewMac(), customer: w.Customer)     // row 3: another reseller's customer
            .Add("Other", w.Model, CpeTestData.NewMac(), managedBy: w.Reseller)     // row 4: another reseller
            .Add("Shared", w.Model, CpeTestData.NewMac(), shared: "Y")              // row 5: only the administrator shares
            .Remove(adminDevice.Mac).Csv(), "koala.csv");                           // row 6: not visible to the reseller
        (done["added"].GetInt32(), done["failed"].GetInt32()).ShouldBe((1, 4));
        (await reseller.ImportErrorsAsync(done.Id)).ShouldBe(
        [
            (3, "Tenant customer name", $"there is no customer '{w.Customer}'"),
            (4, "Managed by", $"there is no reseller '{w.Reseller}'"),
            (5, "Shared with reseller", "only the administrator shares devices with resellers"),
            (6, "MAC address", $"{adminDevice.Mac} is not in the inventory"),
        ]);
        var added = (await reseller.GetAsync($"/api/v1/cpe/devices?mac={mine}")).Items.Single();
        added.GetProperty("managedBy").GetInt64().ShouldBe(resellerId);
        added.GetProperty("customerId").GetInt64().ShouldBe(ownId);

        (await w.Admin.GetAsync($"/api/v1/cpe/imports/{done.Id}")).ShouldHave(HttpStatusCode.OK);
        var stranger = await w.Admin.CreateResellerAsync(TestData.Unique("stranger"));
        var strangerClient = await App.SignInAsync("reseller", (await w.Admin.GetAsync($"/api/v1/resellers/{stranger}"))["login"].GetString()!, TestData.Password);
        (await strangerClient.GetAsync($"/api/v1/cpe/imports/{done.Id}")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await strangerClient.GetAsync($"/api/v1/cpe/imports/{done.Id}/errors")).ShouldBeProblem(HttpStatusCode.NotFound, ProblemTypes.NotFound);
        (await strangerClient.GetAsync("/api/v1/cpe/imports")).Ids().ShouldNotContain(done.Id);
    }

    [Fact]
    public async Task Customer_CannotUpload()
    {
        var admin = await App.AdminAsync();
        var login = TestData.Unique("cust");
        await admin.CreateCustomerAsync(login: login);
        var customer = await App.SignInAsync("customer", login, TestData.Password);
        (await customer.UploadAsync("/api/v1/cpe/imports", new CpeFile().Add("P", "M", CpeTestData.NewMac()).Csv(), "x.csv"))
            .ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
        (await customer.GetAsync("/api/v1/cpe/import-template")).ShouldBeProblem(HttpStatusCode.Forbidden, ProblemTypes.Forbidden);
    }

    [Fact]
    public async Task InterruptedImport_ResumesAfterTheLastRowDone_WhenItsLeaseRunsOut()
    {
        var w = await BuildAsync();
        var file = new CpeFile();
        for (var i = 0; i < 10; i++) file.Add($"Resume{i}", w.Model, CpeTestData.NewMac());
        file.Add("Repeat", w.Model, file.Rows[1][3]!.ToString()!); // row 12 repeats row 3's MAC, applied before the stop
        var path = Path.Combine(App.DataDirectory, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, file.Csv());

        // A worker applied rows 2-4 and stopped (say the machine went down) while holding the lease.
        long id;
        await using (var db = App.Database())
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var import = new CpeImport
            {
                FileName = "resume.csv", Format = CpeImportFormat.Csv, Status = CpeImportStatus.Running, UploaderRealm = Domain.Access.Realm.Admin,
                Rows = 3, Added = 3, RowsDone = 4, Attempts = 1, LeaseOwner = Guid.NewGuid(), LeaseUntil = now + CpeImporter.Lease,
                CreatedAt = now, StartedAt = now,
            };
            db.CpeImports.Add(import);
            await db.SaveChangesAsync();
            id = import.Id;
            for (var i = 0; i < 3; i++)
            {
                db.CpeDevices.Add(new CpeDevice
                {
                    Name = $"Resume{i}", ModelId = w.ModelId, Mac = MacAddress.Parse(file.Rows[i][3]!.ToString()!).ToString(), CreatedAt = now, ImportId = id,
                });
            }
            await CpeImportStore.SaveAsync(db, id, path, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var finished = App.Service<CpeImportSignals>().WhenFinished(id);
        App.Clock.Advance(CpeImporter.Lease + TimeSpan.FromSeconds(1));
        await finished.WaitAsync(TimeSpan.FromMinutes(5));
        var done = (await w.Admin.GetAsync($"/api/v1/cpe/imports/{id}")).ShouldHave(HttpStatusCode.OK);
        done["status"].GetString().ShouldBe("completed");
        (done["rows"].GetInt32(), done["added"].GetInt32(), done["failed"].GetInt32()).ShouldBe((11, 10, 1));
        (await w.Admin.ImportErrorsAsync(id)).ShouldBe([(12, "MAC address", $"{MacAddress.Parse(file.Rows[1][3]!.ToString()!)} appears twice in the file (first at row 3)")]);
        await using var check = App.Database();
        (await check.CpeDevices.CountAsync(d => d.ImportId == id || d.Name.StartsWith("Resume"))).ShouldBe(10);
        (await check.CpeImportChunks.CountAsync(c => c.ImportId == id)).ShouldBe(0, "the stored file is forgotten once read");
    }

    [Fact]
    public async Task FileThatBreaksPartWay_FailsVisiblyAndTellsTheUploader()
    {
        var admin = await App.AdminAsync();
        var me = (await admin.GetAsync("/api/v1/auth/me")).ShouldHave(HttpStatusCode.OK);
        var broken = new CpeFile().Add("P", "M", CpeTestData.NewMac()).Xlsx()[..200];
        var path = Path.Combine(App.DataDirectory, $"{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, broken);
        long id;
        await using (var db = App.Database())
        {
            var import = new CpeImport
            {
                FileName = "broken.xlsx", Format = CpeImportFormat.Xlsx, Status = CpeImportStatus.Queued, UploaderRealm = Domain.Access.Realm.Admin,
                UploaderOwner = Data.Access.CredentialOwner.Administrator, UploaderOwnerId = me["ownerId"].GetInt64(), CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.CpeImports.Add(import);
            await db.SaveChangesAsync();
            id = import.Id;
            await CpeImportStore.SaveAsync(db, id, path, CancellationToken.None);
        }
        var finished = App.Service<CpeImportSignals>().WhenFinished(id);
        App.Service<CpeImportSignals>().Wake();
        await finished.WaitAsync(TimeSpan.FromMinutes(5));

        var done = (await admin.GetAsync($"/api/v1/cpe/imports/{id}")).ShouldHave(HttpStatusCode.OK);
        done["status"].GetString().ShouldBe("failed");
        done["failureReason"].GetString()!.ShouldStartWith("the file cannot be read to the end: it cannot be read as an XLSX workbook");
        var note = (await admin.GetAsync("/api/v1/notifications?topic=cpe.import.failed&limit=1000")).Items
            .Single(n => n.GetProperty("link").GetString() == $"/api/v1/cpe/imports/{id}");
        note.GetProperty("title").GetString().ShouldBe("Device upload 'broken.xlsx' stopped");
    }

    [Fact]
    public async Task ImportInterruptedTooOften_IsFailedInsteadOfRetriedForever()
    {
        var admin = await App.AdminAsync();
        long id;
        await using (var db = App.Database())
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            var import = new CpeImport
            {
                FileName = "crashy.csv", Format = CpeImportFormat.Csv, Status = CpeImportStatus.Running, UploaderRealm = Domain.Access.Realm.Admin,
                Attempts = CpeImportJobs.MaxAttempts, LeaseOwner = Guid.NewGuid(), LeaseUntil = now, CreatedAt = now,
            };
            db.CpeImports.Add(import);
            await db.SaveChangesAsync();
            id = import.Id;
        }
        var finished = App.Service<CpeImportSignals>().WhenFinished(id);
        App.Clock.Advance(CpeImportWorker.PollInterval);
        await finished.WaitAsync(TimeSpan.FromMinutes(5));
        var done = (await admin.GetAsync($"/api/v1/cpe/imports/{id}")).ShouldHave(HttpStatusCode.OK);
        done["status"].GetString().ShouldBe("failed");
        done["failureReason"].GetString()!.ShouldStartWith($"its processing was interrupted {CpeImportJobs.MaxAttempts} times");
    }

    [Fact]
    public async Task Imports_ListNewestFirst_AndFilterByStatus()
    {
        var w = await BuildAsync();
        var first = await App.ImportAsync(w.Admin, new CpeFile().Add("L1", w.Model, CpeTestData.NewMac()).Csv(), "l1.csv");
        var second = await App.ImportAsync(w.Admin, new CpeFile().Add("L2", w.Model, CpeTestData.NewMac()).Csv(), "l2.csv");
        var list = (await w.Admin.GetAsync("/api/v1/cpe/imports?status=completed&limit=1000")).ShouldHave(HttpStatusCode.OK).Ids();
        list.ShouldContain(first.Id);
        Array.IndexOf(list, second.Id).ShouldBeLessThan(Array.IndexOf(list, first.Id));
        (await w.Admin.GetAsync("/api/v1/cpe/imports?status=done")).ShouldBeProblem(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    private async Task<(int Devices, int Imports)> CountsAsync()
    {
        await using var db = App.Database();
        return (await db.CpeDevices.CountAsync(), await db.CpeImports.CountAsync());
    }
}

public sealed class CpeImportTestsOnSqlite(SqliteApp app) : CpeImportTests(app), IClassFixture<SqliteApp>;

public sealed class CpeImportTestsOnPostgres(PostgresApp app) : CpeImportTests(app), IClassFixture<PostgresApp>;
