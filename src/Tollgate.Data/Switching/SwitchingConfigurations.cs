using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Data.Rating;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Switching;

// Service policies and vendor connections are the provider's own: only administrators see them. Registrations belong to
// an account and follow its tenant scope.

internal sealed class ServicePolicyConfiguration(TollgateDb db) : IEntityTypeConfiguration<ServicePolicy>
{
    public void Configure(EntityTypeBuilder<ServicePolicy> b)
    {
        b.ToTable("service_policies");
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.SipEndpointPattern).HasMaxLength(500);
        b.HasIndex(p => p.Name).IsUnique();
        b.HasQueryFilter(p => db.FilterAll);
    }
}

internal sealed class VendorConnectionConfiguration(TollgateDb db) : IEntityTypeConfiguration<VendorConnection>
{
    public void Configure(EntityTypeBuilder<VendorConnection> b)
    {
        b.ToTable("vendor_connections");
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.TrustedAddress).HasMaxLength(300);
        b.HasIndex(c => c.Name).IsUnique();
        b.HasIndex(c => c.TrustedAddress).IsUnique();
        b.HasOne<ServicePolicy>().WithMany().HasForeignKey(c => c.ServicePolicyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tariff>().WithMany().HasForeignKey(c => c.TariffId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Prefixes).WithOne().HasForeignKey(p => p.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasQueryFilter(c => db.FilterAll);
    }
}

internal sealed class VendorConnectionPrefixConfiguration : IEntityTypeConfiguration<VendorConnectionPrefix>
{
    public void Configure(EntityTypeBuilder<VendorConnectionPrefix> b)
    {
        b.ToTable("vendor_connection_prefixes");
        b.HasKey(p => new { p.ConnectionId, p.Prefix });
        b.Property(p => p.Prefix).HasMaxLength(32);
        // One connection per prefix, so the longest matching prefix names exactly one route.
        b.HasIndex(p => p.Prefix).IsUnique();
    }
}

internal sealed class SipRegistrationConfiguration(TollgateDb db) : IEntityTypeConfiguration<SipRegistration>
{
    public void Configure(EntityTypeBuilder<SipRegistration> b)
    {
        b.ToTable("sip_registrations");
        b.Property(r => r.ContactUri).HasMaxLength(500);
        b.Property(r => r.Source).HasMaxLength(100);
        b.Property(r => r.UserAgent).HasMaxLength(200);
        b.Property(r => r.CallId).HasMaxLength(200);
        b.HasIndex(r => new { r.AccountId, r.ExpiresAt });
        b.HasIndex(r => r.CustomerId);
        b.HasIndex(r => r.ResellerId);
        b.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasQueryFilter(r => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && r.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && r.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && r.AccountId == db.FilterAccountId));
    }
}

/// <summary>The switch's column on accounts: the service policy (the rest is in <c>AccountConfiguration</c>).</summary>
internal sealed class AccountSwitchingConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b) =>
        b.HasOne<ServicePolicy>().WithMany().HasForeignKey(a => a.ServicePolicyId).OnDelete(DeleteBehavior.Restrict);
}

/// <summary>The switch's column on products: the service policy (the rest is in <c>ProductConfiguration</c>).</summary>
internal sealed class ProductSwitchingConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b) =>
        b.HasOne<ServicePolicy>().WithMany().HasForeignKey(p => p.ServicePolicyId).OnDelete(DeleteBehavior.Restrict);
}
