using System.Text.Json;
using Tollgate.Api.Features.Cpe.Imports;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Tests.Cpe;

/// <summary>Builds CPE inventory data through the API for tests, and waits for uploads to finish.</summary>
public static class CpeTestData
{
    private static long _next = Random.Shared.NextInt64(1, 1L << 36);

    /// <summary>A MAC address no other test uses (locally administered, so never a real vendor's).</summary>
    public static string NewMac() => MacAddress.FromUInt64(0x0200_0000_0000UL | (ulong)Interlocked.Increment(ref _next)).ToString();

    public static async Task<long> CreateModelAsync(this ApiClient admin, string? name = null, int ports = 2) =>
        (await admin.PostAsync("/api/v1/cpe/models", new { name = name ?? TestData.Unique("Yealink"), ports })).ShouldHave(HttpStatusCode.Created).Id;

    public static async Task<(long Id, string Mac)> CreateDeviceAsync(this ApiClient caller, long modelId, string? mac = null, long? customerId = null,
        long? managedBy = null, bool shared = false, long? profileId = null, string? name = null)
    {
        mac ??= NewMac();
        var response = await caller.PostAsync("/api/v1/cpe/devices", new
        {
            name = name ?? $"Yealink_{mac[..10]}", modelId, mac, customerId, managedBy, sharedWithResellers = shared, profileId,
        });
        return (response.ShouldHave(HttpStatusCode.Created).Id, response["mac"].GetString()!);
    }

    /// <summary>Uploads a file and returns the 202 answer.</summary>
    public static async Task<ApiResponse> UploadDevicesAsync(this ApiClient caller, byte[] file, string fileName) =>
        (await caller.UploadAsync("/api/v1/cpe/imports", file, fileName)).ShouldHave(HttpStatusCode.Accepted);

    /// <summary>Waits for the worker to finish an import (a completion signal, not a timer), then reads it through the API.</summary>
    public static async Task<ApiResponse> FinishedImportAsync(this TollgateTestApp app, ApiClient caller, long importId)
    {
        var finished = app.Service<CpeImportSignals>().WhenFinished(importId);
        var status = (await caller.GetAsync($"/api/v1/cpe/imports/{importId}")).ShouldHave(HttpStatusCode.OK);
        if (status["status"].GetString() is "completed" or "failed") return status;
        // The bound only turns a worker that never finishes into a failure instead of a hung run.
        await finished.WaitAsync(TimeSpan.FromMinutes(5));
        return (await caller.GetAsync($"/api/v1/cpe/imports/{importId}")).ShouldHave(HttpStatusCode.OK);
    }

    /// <summary>Uploads a file and waits until it is processed.</summary>
    public static async Task<ApiResponse> ImportAsync(this TollgateTestApp app, ApiClient caller, byte[] file, string fileName)
    {
        var accepted = await caller.UploadDevicesAsync(file, fileName);
        return await app.FinishedImportAsync(caller, accepted.Id);
    }

    /// <summary>The errors CSV of an import, parsed into (row, column, reason).</summary>
    public static async Task<List<(int Row, string Column, string Reason)>> ImportErrorsAsync(this ApiClient caller, long importId)
    {
        var response = (await caller.GetAsync($"/api/v1/cpe/imports/{importId}/errors")).ShouldHave(HttpStatusCode.OK);
        response.MediaType.ShouldBe("text/csv");
        using var reader = new CsvHelper.CsvReader(new StringReader(response.Text.TrimStart('\uFEFF')), System.Globalization.CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        reader.HeaderRecord.ShouldBe(["Row", "Column", "Reason"]);
        var errors = new List<(int, string, string)>();
        while (reader.Read()) errors.Add((reader.GetField<int>(0), reader.GetField(1)!, reader.GetField(2)!));
        return errors;
    }

    public static long[] Ids(this ApiResponse page) => page.Items.Select(i => i.GetProperty("id").GetInt64()).ToArray();

    public static string[] Strings(this JsonElement array, string property) =>
        array.EnumerateArray().Select(i => i.GetProperty(property).GetString()!).ToArray();
}
