using Tollgate.Api.Features.Shared;
using Tollgate.Api.Hosting;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Parties;

namespace Tollgate.Api.Features.Demo;

/// <summary>The demonstration provider's parties: reseller ABC Shuttle with its customer, and two direct customers.</summary>
public sealed class PartiesDemo(CredentialStore credentials, TimeProvider clock) : IDemoSeeder
{
    public const string Password = "demo-password";

    public int Order => 0;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var abcShuttle = new Reseller
        {
            Name = "ABC Shuttle", Email = "billing@abc-shuttle.example", Currency = "USD", TimeZone = "America/Vancouver",
            BillingPeriod = BillingPeriodKind.Monthly, CreatedAt = now,
            Credential = credentials.New(Realm.Reseller, CredentialOwner.Reseller, "abc-shuttle", Password),
        };
        db.Resellers.Add(abcShuttle);
        await db.SaveChangesAsync(ct);
        abcShuttle.Credential!.OwnerId = abcShuttle.Id;
        demo.Resellers[abcShuttle.Name] = abcShuttle.Id;

        var johnDoe = await CustomerAsync(db, demo, "John Doe", abcShuttle.Id, "john-doe", "America/Vancouver", now, ct);
        var abcCompany = await CustomerAsync(db, demo, "ABC Company", null, "abc-company", "America/Los_Angeles", now, ct);
        var marySmith = await CustomerAsync(db, demo, "Mary Smith", null, "mary-smith", "Europe/London", now, ct);

        await AccountAsync(db, demo, "12095550101", johnDoe, now, ct);
        await AccountAsync(db, demo, "12094555001", abcCompany, now, ct);
        await AccountAsync(db, demo, "12094555002", abcCompany, now, ct);
        await AccountAsync(db, demo, "442071234567", marySmith, now, ct);

        demo.Notes.Add($"reseller   abc-shuttle / {Password}   (ABC Shuttle, customer John Doe)");
        demo.Notes.Add($"customer   abc-company / {Password}   (ABC Company, an IP Centrex business)");
        demo.Notes.Add($"account    12095550101 / {Password}   (John Doe's line)");
    }

    private async Task<Customer> CustomerAsync(TollgateDb db, DemoData demo, string name, long? resellerId, string login,
        string zone, DateTime now, CancellationToken ct)
    {
        var customer = new Customer
        {
            Name = name, ResellerId = resellerId, Email = $"{login}@example.com", Currency = "USD", TimeZone = zone,
            BillingPeriod = BillingPeriodKind.Monthly, CreatedAt = now,
            Credential = credentials.New(Realm.Customer, CredentialOwner.Customer, login, Password),
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        customer.Credential!.OwnerId = customer.Id;
        demo.Customers[name] = customer.Id;
        return customer;
    }

    private async Task AccountAsync(TollgateDb db, DemoData demo, string accountId, Customer customer, DateTime now, CancellationToken ct)
    {
        var account = new Account
        {
            AccountId = accountId, CustomerId = customer.Id, ResellerId = customer.ResellerId, Status = AccountStatus.Active,
            CreatedAt = now, Credential = credentials.New(Realm.Account, CredentialOwner.Account, accountId, Password),
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        account.Credential!.OwnerId = account.Id;
        demo.Accounts[accountId] = account.Id;
    }
}
