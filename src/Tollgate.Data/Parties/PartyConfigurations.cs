using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Parties;

internal sealed class AdministratorConfiguration(TollgateDb db) : IEntityTypeConfiguration<Administrator>
{
    public void Configure(EntityTypeBuilder<Administrator> b)
    {
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Email).HasMaxLength(254);
        b.HasOne(a => a.Credential).WithMany().HasForeignKey(a => a.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.CredentialId).IsUnique();
        b.HasQueryFilter(a => db.FilterAll);
    }
}

internal sealed class ResellerConfiguration(TollgateDb db) : IEntityTypeConfiguration<Reseller>
{
    public void Configure(EntityTypeBuilder<Reseller> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Email).HasMaxLength(254);
        b.Property(r => r.Currency).HasMaxLength(3);
        b.Property(r => r.TimeZone).HasMaxLength(64);
        b.HasOne(r => r.Credential).WithMany().HasForeignKey(r => r.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.CredentialId).IsUnique();
        b.HasIndex(r => r.Name);
        b.HasQueryFilter(r => db.FilterAll || (db.FilterKind == ScopeKind.Reseller && r.Id == db.FilterResellerId));
    }
}

internal sealed class CustomerConfiguration(TollgateDb db) : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.Currency).HasMaxLength(3);
        b.Property(c => c.TimeZone).HasMaxLength(64);
        b.HasOne(c => c.Reseller).WithMany().HasForeignKey(c => c.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Credential).WithMany().HasForeignKey(c => c.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.CredentialId).IsUnique();
        b.HasIndex(c => new { c.ResellerId, c.Name });
        b.HasQueryFilter(c => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && c.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && c.Id == db.FilterCustomerId));
    }
}

internal sealed class AccountConfiguration(TollgateDb db) : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.Property(a => a.AccountId).HasMaxLength(64);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.Email).HasMaxLength(254);
        b.HasIndex(a => a.AccountId).IsUnique();
        b.HasIndex(a => a.CustomerId);
        b.HasIndex(a => a.ResellerId);
        b.HasOne(a => a.Customer).WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Credential).WithMany().HasForeignKey(a => a.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.CredentialId).IsUnique();
        // The reseller is copied onto the account so the filter needs no join (and no customer visibility).
        b.HasQueryFilter(a => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && a.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && a.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && a.Id == db.FilterAccountId));
    }
}
