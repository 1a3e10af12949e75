using Microsoft.EntityFrameworkCore;
using Tollgate.Api.Access;
using Tollgate.Api.Hosting;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Billing;
using Tollgate.Data.Centrex;
using Tollgate.Data.Cpe;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;
using Tollgate.Domain.Cpe;

namespace Tollgate.Api.Features.Centrex;

/// <summary>The ABC example of IP Centrex: ABC Company's agreement, its auto attendant with a DID, and John Doe's extension 466.</summary>
/// <remarks>
/// The agreement allows the Auto attendant product on one account, Hosted IP PBX on any number, and the Call recording
/// add-on (the billing demo's) on 300. The auto attendant <c>ph{id}aa1</c> answers DID 12094555948; extension 466 for
/// John Doe has Hosted IP PBX with Call recording and the first Yealink phone ABC Company bought.
/// </remarks>
public sealed class CentrexDemo(PbxAccounts pbx, TimeProvider clock) : IDemoSeeder
{
    public const string Did = "12094555948";
    public const string PhoneMac = "00:11:22:FF:13:44";

    public int Order => 20;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        if (!demo.Customers.TryGetValue("ABC Company", out var abc)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var autoAttendant = Product(db, "Auto attendant", 10m, now);
        var hostedPbx = Product(db, "Hosted IP PBX", 15m, now);
        await db.SaveChangesAsync(ct);
        var recording = demo.Other.TryGetValue("product Call recording", out var id)
            ? id
            : throw new InvalidOperationException("The billing demo's Call recording add-on is missing.");
        demo.Other["product Auto attendant"] = autoAttendant.Id;
        demo.Other["product Hosted IP PBX"] = hostedPbx.Id;

        db.Agreements.Add(new CustomerAgreement
        {
            CustomerId = abc, UpdatedAt = now,
            Products =
            [
                new AgreementProduct { CustomerId = abc, ProductId = autoAttendant.Id, Kind = ProductKind.Main, Quantity = 1 },
                new AgreementProduct { CustomerId = abc, ProductId = hostedPbx.Id, Kind = ProductKind.Main, Quantity = 0 },
                new AgreementProduct { CustomerId = abc, ProductId = recording, Kind = ProductKind.Addon, Quantity = 300 },
            ],
        });
        await db.SaveChangesAsync(ct);

        // The provider's administrator sets it up, through the same service the API uses.
        var admin = new Caller(Realm.Admin, CredentialOwner.Administrator, 0, Guid.Empty, "demo", null, null, null);
        var menu = await CreateAsync(db, admin, abc, new PbxAccounts.NewPbxAccount(ExtensionKind.AutoAttendant, null, "Main menu", autoAttendant.Id, [], null, null), ct);
        db.AccountAliases.Add(new AccountAlias { Alias = Did, AccountId = menu.AccountId, CustomerId = abc, CreatedAt = now });
        var phone = await db.CpeDevices.Where(d => d.Mac == MacAddress.Parse(PhoneMac).ToString()).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
        var john = await CreateAsync(db, admin, abc,
            new PbxAccounts.NewPbxAccount(ExtensionKind.Extension, "466", "John Doe", hostedPbx.Id, [recording], phone, null), ct);
        await db.SaveChangesAsync(ct);

        var menuAccount = await db.Accounts.Where(a => a.Id == menu.AccountId).Select(a => a.AccountId).FirstAsync(ct);
        var johnAccount = await db.Accounts.Where(a => a.Id == john.AccountId).Select(a => a.AccountId).FirstAsync(ct);
        demo.Accounts[menuAccount] = menu.AccountId;
        demo.Accounts[johnAccount] = john.AccountId;
        demo.Notes.Add($"centrex    ABC Company: agreement Auto attendant x1, Hosted IP PBX x0 (unlimited), Call recording x300;");
        demo.Notes.Add($"           {menuAccount} (auto attendant, DID {Did}), {johnAccount} (extension 466, John Doe, phone {PhoneMac});");
        demo.Notes.Add($"           GET /api/v1/customers/{abc}/extensions as bob; a SIP password: POST /api/v1/accounts/{{id}}/sip-password");
    }

    private async Task<Extension> CreateAsync(TollgateDb db, Caller admin, long customerId, PbxAccounts.NewPbxAccount input, CancellationToken ct)
    {
        var (created, problem) = await pbx.CreateAsync(db, admin, customerId, input, ct);
        return problem is null ? created!.Extension : throw new InvalidOperationException($"Demo IP Centrex set-up failed: {problem.Detail}");
    }

    private static Product Product(TollgateDb db, string name, decimal fee, DateTime now)
    {
        var plan = new Subscription
        {
            Name = name, Kind = SubscriptionKind.Account, Fee = fee, Currency = "USD", ActivationMode = ActivationMode.StartDate,
            ChargeMode = ChargeMode.InAdvance, SharedWithResellers = true, CreatedAt = now,
        };
        var product = new Product
        {
            Name = name, Kind = ProductKind.Main, SharedWithResellers = true, CreatedAt = now, Subscriptions = [new ProductSubscription { Subscription = plan }],
        };
        db.Set<Product>().Add(product);
        return product;
    }
}
