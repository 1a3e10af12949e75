using Tollgate.Api.Hosting;
using Tollgate.Data;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Cpe;

/// <summary>The demonstration provider's phones: Panda Telecom's batch of Yealink phones, half of them allocated to ABC Company.</summary>
public sealed class CpeDemo(TimeProvider clock) : IDemoSeeder
{
    public const string Model = "Yealink SIP-T21P E2";

    // The batch of the feature guide's example; the first five went to ABC Company.
    private static readonly string[] Macs =
    [
        "00:11:22:FF:13:44", "00:14:20:FF:3C:52", "00:1C:22:FA:22:50", "00:A1:22:FF:33:49", "00:B0:D0:1F:03:45",
        "00:E0:B1:FF:33:17", "00:F1:23:FC:31:51", "00:F1:A2:22:33:C8", "00:F7:22:2F:CF:71", "00:11:22:FF:33:44",
    ];

    public int Order => 10;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var yealink = new CpeModel { Name = Model, NameKey = CpeModel.KeyOf(Model), Ports = 2, CreatedAt = now };
        var adapter = new CpeModel { Name = "Grandstream HT802", NameKey = CpeModel.KeyOf("Grandstream HT802"), Ports = 2, CreatedAt = now };
        db.CpeModels.AddRange(yealink, adapter);
        await db.SaveChangesAsync(ct);
        var standard = new CpeProfile
        {
            Name = "Yealink Standard", NameKey = CpeModel.KeyOf("Yealink Standard"), ModelId = yealink.Id, SharedWithResellers = true, CreatedAt = now,
        };
        db.CpeProfiles.Add(standard);
        await db.SaveChangesAsync(ct);

        var abc = demo.Customers["ABC Company"];
        for (var i = 0; i < Macs.Length; i++)
        {
            var mac = MacAddress.Parse(Macs[i]).ToString();
            var allocated = i < 5;
            db.CpeDevices.Add(new CpeDevice
            {
                Name = $"Yealink_{mac[..10]}", ModelId = yealink.Id, Mac = mac, ProfileId = standard.Id,
                InventoryId = (983341321 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                CustomerId = allocated ? abc : null, AllocatedAt = allocated ? now : null, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
        demo.Other["cpe-model:" + Model] = yealink.Id;
        demo.Notes.Add($"phones     10 {Model} in stock, 5 of them allocated to ABC Company: GET /api/v1/cpe/devices?customerId={abc}");
    }
}
