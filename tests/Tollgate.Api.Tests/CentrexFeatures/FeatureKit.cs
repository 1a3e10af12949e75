using System.Buffers.Binary;
using Tollgate.Api.Tests.Centrex;

namespace Tollgate.Api.Tests.CentrexFeatures;

/// <summary>An IP Centrex customer with extensions 466 and 467 and one auto attendant, for the feature API tests.</summary>
/// <param name="Pbx">The customer, its staff and its main login (see <see cref="PbxWorld"/>).</param>
/// <param name="John">The account id of extension 466 (<c>ph{customer}x466</c>).</param>
/// <param name="Jane">The account id of extension 467.</param>
/// <param name="Attendant">The account id of the auto attendant (<c>ph{customer}aa1</c>).</param>
public sealed record FeatureWorld(PbxWorld Pbx, string John, string Jane, string Attendant)
{
    public ApiClient Self => Pbx.Self;
    public ApiClient Staff => Pbx.Staff;
    public ApiClient Admin => Pbx.Admin;
    public long Customer => Pbx.Customer;
    public string Menus => $"/api/v1/centrex/auto-attendants/{Attendant}/menus";
}

/// <summary>Builds feature worlds and test audio.</summary>
public static class FeatureKit
{
    public static async Task<FeatureWorld> BuildAsync(TollgateTestApp app, bool viaReseller = false, string timeZone = "America/Los_Angeles")
    {
        var w = await CentrexTestKit.BuildAsync(app, viaReseller, timeZone);
        (await w.PutAgreementAsync([new { productId = w.HostedPbx, quantity = 0 }, new { productId = w.AutoAttendant, quantity = 0 }]))
            .ShouldHave(HttpStatusCode.OK);
        var john = (await w.Self.CreateExtensionAsync(w.Customer, "466", w.HostedPbx, name: "John Doe")).ShouldHave(HttpStatusCode.Created);
        var jane = (await w.Self.CreateExtensionAsync(w.Customer, "467", w.HostedPbx, name: "Jane Roe")).ShouldHave(HttpStatusCode.Created);
        var attendant = (await w.Self.CreateAutoAttendantAsync(w.Customer, "Main menu", w.AutoAttendant)).ShouldHave(HttpStatusCode.Created);
        return new FeatureWorld(w, john.AccountName(), jane.AccountName(), attendant.AccountName());
    }

    /// <summary>A playable WAV file: 8 kHz mono, in the encoding asked (pcm16, alaw, ulaw), of <paramref name="seconds"/> of a tone.</summary>
    public static byte[] Wav(double seconds = 1.5, string encoding = "pcm16", int rate = 8000)
    {
        var (format, bits) = encoding switch { "alaw" => (6, 8), "ulaw" => (7, 8), _ => (1, 16) };
        var bytesPerSample = bits / 8;
        var samples = (int)(seconds * rate);
        var data = new byte[samples * bytesPerSample];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate));
            if (bytesPerSample == 2) BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), value);
            else data[i] = (byte)(value >> 8);
        }
        var file = new byte[44 + data.Length];
        var s = file.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + data.Length));
        "WAVE"u8.CopyTo(s[8..]);
        "fmt "u8.CopyTo(s[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], (ushort)format);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], (uint)(rate * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], (ushort)bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], (ushort)bits);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)data.Length);
        data.CopyTo(s[44..]);
        return file;
    }

    /// <summary>The start of an MP3 file: an ID3v2 header and one MPEG-1 Layer III frame header with silence.</summary>
    public static byte[] Mp3()
    {
        var file = new byte[10 + 417];
        "ID3"u8.CopyTo(file);
        file[3] = 4;
        file[10] = 0xFF;
        file[11] = 0xFB;
        file[12] = 0x90;
        return file;
    }

    /// <summary>Sends raw bytes with a content type (an audio upload).</summary>
    public static async Task<ApiResponse> PutBytesAsync(this ApiClient client, string path, byte[] bytes, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await client.SendAsync(request);
    }

    /// <summary>Downloads bytes, with their content type.</summary>
    public static async Task<(HttpStatusCode Status, byte[] Bytes, string? ContentType, string? ETag)> GetBytesAsync(this ApiClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (client.AccessToken is not null) request.Headers.Authorization = new("Bearer", client.AccessToken);
        using var response = await client.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType, response.Headers.ETag?.Tag);
    }
}
