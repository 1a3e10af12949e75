using Tollgate.Api.Hosting;
using Tollgate.Billing.Balances;
using Tollgate.Billing.Parties;
using Tollgate.Data;
using Tollgate.Data.Billing;
using Tollgate.Data.Rating;
using Tollgate.Data.Switching;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Switching;

namespace Tollgate.Api.Features.Rating;

/// <summary>The demo's price lists: the Voice product's retail tariff, ABC Shuttle's wholesale tariff, a vendor's cost, and credit limits.</summary>
/// <remarks>
/// John Doe's line (Voice product) pays the retail tariff; ABC Shuttle pays the wholesale one for each of its customers'
/// calls; outgoing calls to +1, +44 and +33 leave by vendor connection "Vendor A", which costs the provider the vendor's tariff. John Doe may run up $50 and ABC Shuttle $500. No
/// calls are made up: import some (docs/rating.md) or let the switch carry them.
/// </remarks>
public sealed class RatingDemo(TimeProvider clock) : IDemoSeeder
{
    public int Order => 20;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var retail = await TariffAsync(db, "Panda Voice", "USD", shared: true, now, ct,
            ("1", 0.02m, 60, 6), ("44", 0.05m, 60, 6), ("4420", 0.04m, 1, 1), ("33", 0.06m, 60, 60));
        var wholesale = await TariffAsync(db, "Panda wholesale", "USD", shared: false, now, ct,
            ("1", 0.01m, 1, 1), ("44", 0.03m, 1, 1), ("33", 0.04m, 1, 1));
        var vendor = await TariffAsync(db, "Vendor A (cost)", "EUR", shared: false, now, ct,
            ("1", 0.004m, 1, 1), ("44", 0.012m, 1, 1), ("33", 0.015m, 1, 1));

        var voice = await db.Set<Product>().FindAsync([demo.Other["product Voice"]], ct) ?? throw new InvalidOperationException("The Voice product is missing.");
        voice.TariffId = retail.Id;
        var abcShuttle = await db.Resellers.FindAsync([demo.Resellers["ABC Shuttle"]], ct) ?? throw new InvalidOperationException("ABC Shuttle is missing.");
        abcShuttle.TariffId = wholesale.Id;
        // Where the switch sends calls to +1, +44 and +33, and what each minute there costs the provider.
        var vendorA = new VendorConnection
        {
            Name = "Vendor A", Direction = ConnectionDirection.Outgoing, Address = "sip.vendor-a.example", Transport = ConnectionTransport.Udp,
            TariffId = vendor.Id, CreatedAt = now, Prefixes = new[] { "1", "44", "33" }.Select(p => new VendorConnectionPrefix { Prefix = p }).ToList(),
        };
        db.Add(vendorA);
        foreach (var (kind, id, limit) in new[] { (PayerKind.Customer, demo.Customers["John Doe"], 50m), (PayerKind.Reseller, abcShuttle.Id, 500m) })
        {
            var balance = BalanceLedger.New(await Payers.FindAsync(db, kind, id, ct) ?? throw new InvalidOperationException($"{kind} {id} is missing."), now);
            balance.CreditLimit = limit;
            db.Set<PartyBalance>().Add(balance);
        }
        await db.SaveChangesAsync(ct);
        demo.Other["tariff Panda Voice"] = retail.Id;
        demo.Other["connection Vendor A"] = vendorA.Id;

        demo.Notes.Add("rating     Voice calls cost John Doe 0.02/min to +1 (tariff 'Panda Voice'); ABC Shuttle pays 0.01/min ('Panda wholesale');");
        demo.Notes.Add($"           they leave by vendor connection {vendorA.Id} ('Vendor A', cost tariff 'Vendor A (cost)', EUR 0.004/min).");
        demo.Notes.Add("           Import calls: POST /api/v1/cdrs/import or tollgate cdrs import FILE; see docs/rating.md");
    }

    private static async Task<Tariff> TariffAsync(TollgateDb db, string name, string currency, bool shared, DateTime now, CancellationToken ct,
        params (string Prefix, decimal PricePerMinute, int First, int Next)[] rates)
    {
        var tariff = new Tariff { Name = name, Currency = currency, TimeZone = "UTC", SharedWithResellers = shared, CreatedAt = now };
        db.Set<Tariff>().Add(tariff);
        await db.SaveChangesAsync(ct);
        db.Set<Rate>().AddRange(rates.Select(r => new Rate
        {
            TariffId = tariff.Id, Prefix = r.Prefix, PricePerMinute = r.PricePerMinute, FirstInterval = r.First, NextInterval = r.Next, EffectiveFrom = Rate.Always,
        }));
        return tariff;
    }
}
