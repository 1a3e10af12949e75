using Tollgate.Api.Features.Shared;
using Tollgate.Api.Hosting;
using Tollgate.Data;
using Tollgate.Data.Access;
using Tollgate.Domain.Access;

namespace Tollgate.Api.Features.Demo;

/// <summary>The demonstration's self-care roles, allowed for ABC Company, and Bob, its IT lead, as a customer individual.</summary>
public sealed class AccessDemo(CredentialStore credentials, TimeProvider clock) : IDemoSeeder
{
    public int Order => 10;

    public async Task SeedAsync(TollgateDb db, DemoData demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var customerAdmin = Role("Customer admin", RolePermissions.Everything, now);
        var pbxAdmin = Role("PBX admin", RolePermissions.Of(new Dictionary<Section, Permission>
        {
            [Section.Profile] = Permission.Read,
            [Section.Accounts] = Permission.Modify,
            [Section.Extensions] = Permission.Modify,
            [Section.Phones] = Permission.Modify,
            [Section.Subscriptions] = Permission.Read,
            [Section.Xdrs] = Permission.Read,
            [Section.AutoAttendants] = Permission.Modify,
            [Section.Conferencing] = Permission.Modify,
            [Section.Voicemail] = Permission.Modify,
        }), now);
        var operations = Role("Operations manager", RolePermissions.Of(new Dictionary<Section, Permission>
        {
            [Section.Profile] = Permission.Read,
            [Section.Subscriptions] = Permission.Read,
            [Section.Invoices] = Permission.Read,
            [Section.Payments] = Permission.Modify,
            [Section.Xdrs] = Permission.Read,
        }), now);
        db.Set<Role>().AddRange(customerAdmin, pbxAdmin, operations);
        await db.SaveChangesAsync(ct);
        foreach (var role in new[] { customerAdmin, pbxAdmin, operations }) demo.Other[$"role:{role.Name}"] = role.Id;

        if (!demo.Customers.TryGetValue("ABC Company", out var abc)) return;
        var customer = await db.Customers.FindAsync([abc], ct);
        foreach (var role in new[] { customerAdmin, pbxAdmin, operations })
            db.Set<CustomerAllowedRole>().Add(new CustomerAllowedRole { CustomerId = abc, ResellerId = customer!.ResellerId, RoleId = role.Id });

        var bob = new Individual
        {
            CustomerId = abc,
            ResellerId = customer!.ResellerId,
            Credential = credentials.New(Realm.Customer, CredentialOwner.Individual, "bob", PartiesDemo.Password),
            Email = "bob@abc-company.example",
            FirstName = "Bob",
            LastName = "Lee",
            RoleId = customerAdmin.Id,
            TimeZone = customer.TimeZone,
            CreatedAt = now,
        };
        db.Set<Individual>().Add(bob);
        await db.SaveChangesAsync(ct);
        bob.Credential.OwnerId = bob.Id;
        demo.Other["individual:bob"] = bob.Id;
        demo.Notes.Add($"individual bob / {PartiesDemo.Password}           (realm customer: ABC Company's IT lead, role Customer admin)");
    }

    private static Role Role(string name, RolePermissions permissions, DateTime now) => new()
    {
        Name = name, NameKey = Data.Access.Role.KeyOf(name), Type = RoleType.CustomerSelfCare, Permissions = permissions, CreatedAt = now,
    };
}
