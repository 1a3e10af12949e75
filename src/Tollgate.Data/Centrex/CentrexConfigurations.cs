using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Centrex;

// Every IP Centrex row carries its customer and reseller, so a reseller sees its customers' PBXs, a customer its own,
// and an account only what is its own.

internal sealed class ExtensionConfiguration(TollgateDb db) : IEntityTypeConfiguration<Extension>
{
    public void Configure(EntityTypeBuilder<Extension> b)
    {
        b.ToTable("extensions");
        b.Property(e => e.Number).HasMaxLength(16);
        b.Property(e => e.Name).HasMaxLength(200);
        // What the switch looks up: number N dialled within customer C. Also "extension numbers are unique per customer".
        b.HasIndex(e => new { e.CustomerId, e.Number }).IsUnique();
        b.HasIndex(e => new { e.CustomerId, e.AutoAttendantNumber }).IsUnique();
        b.HasIndex(e => e.AccountId).IsUnique();
        b.HasIndex(e => e.ResellerId);
        b.HasOne(e => e.Account).WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(e => e.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(e => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && e.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && e.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && e.AccountId == db.FilterAccountId));
    }
}

internal sealed class AccountAliasConfiguration(TollgateDb db) : IEntityTypeConfiguration<AccountAlias>
{
    public void Configure(EntityTypeBuilder<AccountAlias> b)
    {
        b.ToTable("account_aliases");
        b.Property(a => a.Alias).HasMaxLength(16);
        // One holder per number in the whole installation: what the switch looks up for a DID.
        b.HasIndex(a => a.Alias).IsUnique();
        b.HasIndex(a => a.AccountId);
        b.HasIndex(a => a.CustomerId);
        b.HasIndex(a => a.ResellerId);
        b.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(a => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && a.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && a.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && a.AccountId == db.FilterAccountId));
    }
}

internal sealed class SipCredentialConfiguration(TollgateDb db) : IEntityTypeConfiguration<SipCredential>
{
    public void Configure(EntityTypeBuilder<SipCredential> b)
    {
        b.ToTable("sip_credentials");
        b.HasKey(s => s.AccountId);
        b.Property(s => s.Password).HasMaxLength(64);
        b.HasIndex(s => s.CustomerId);
        b.HasIndex(s => s.ResellerId);
        b.HasOne(s => s.Account).WithOne().HasForeignKey<SipCredential>(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(s => s.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(s => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && s.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && s.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && s.AccountId == db.FilterAccountId));
    }
}

internal sealed class CustomerAgreementConfiguration(TollgateDb db) : IEntityTypeConfiguration<CustomerAgreement>
{
    public void Configure(EntityTypeBuilder<CustomerAgreement> b)
    {
        b.ToTable("customer_agreements");
        b.HasKey(a => a.CustomerId);
        b.HasIndex(a => a.ResellerId);
        b.HasOne<Customer>().WithOne().HasForeignKey<CustomerAgreement>(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Products).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasQueryFilter(a => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && a.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && a.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class AgreementProductConfiguration(TollgateDb db) : IEntityTypeConfiguration<AgreementProduct>
{
    public void Configure(EntityTypeBuilder<AgreementProduct> b)
    {
        b.ToTable("agreement_products");
        b.HasKey(p => new { p.CustomerId, p.ProductId });
        b.HasIndex(p => p.ProductId);
        b.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(p => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && p.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && p.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class ProductUseConfiguration(TollgateDb db) : IEntityTypeConfiguration<ProductUse>
{
    public void Configure(EntityTypeBuilder<ProductUse> b)
    {
        b.ToTable("product_use", t => t.HasCheckConstraint("ck_product_use_open_accounts", "open_accounts >= 0"));
        b.HasKey(u => new { u.CustomerId, u.ProductId });
        b.HasIndex(u => u.ProductId);
        b.HasIndex(u => u.ResellerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(u => u.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(u => u.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Reseller>().WithMany().HasForeignKey(u => u.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(u => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && u.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && u.CustomerId == db.FilterCustomerId));
    }
}
