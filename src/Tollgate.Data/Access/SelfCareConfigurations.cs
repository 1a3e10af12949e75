using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Access;

internal sealed class RoleConfiguration(TollgateDb db) : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.ToTable("roles");
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.NameKey).HasMaxLength(100);
        b.HasIndex(r => r.NameKey).IsUnique();
        b.Property(r => r.Permissions).HasMaxLength(2000).HasConversion(
            p => p.ToJson(), json => RolePermissions.FromJson(json),
            new ValueComparer<RolePermissions>((x, y) => Equals(x, y), p => p.GetHashCode(), p => p));
        // Roles are the provider's; a reseller sees those it can use, a customer only the ones allowed to it.
        b.HasQueryFilter(r => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && r.Type != RoleType.Administrator)
            || (db.FilterKind == ScopeKind.Customer && r.Type == RoleType.CustomerSelfCare
                && db.Set<CustomerAllowedRole>().Any(a => a.RoleId == r.Id && a.CustomerId == db.FilterCustomerId)));
    }
}

internal sealed class CustomerAllowedRoleConfiguration(TollgateDb db) : IEntityTypeConfiguration<CustomerAllowedRole>
{
    public void Configure(EntityTypeBuilder<CustomerAllowedRole> b)
    {
        b.ToTable("customer_allowed_roles");
        b.HasIndex(a => new { a.CustomerId, a.RoleId }).IsUnique();
        b.HasIndex(a => a.RoleId);
        b.HasOne(a => a.Customer).WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(a => a.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Role).WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(a => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && a.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && a.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class IndividualConfiguration(TollgateDb db) : IEntityTypeConfiguration<Individual>
{
    public void Configure(EntityTypeBuilder<Individual> b)
    {
        b.ToTable("individuals");
        b.Property(i => i.Email).HasMaxLength(254);
        b.Property(i => i.FirstName).HasMaxLength(100);
        b.Property(i => i.LastName).HasMaxLength(100);
        b.Property(i => i.TimeZone).HasMaxLength(64);
        b.HasIndex(i => i.CustomerId);
        b.HasIndex(i => i.ResellerId);
        b.HasIndex(i => i.RoleId);
        b.HasIndex(i => i.CredentialId).IsUnique();
        b.HasOne(i => i.Customer).WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(i => i.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Credential).WithMany().HasForeignKey(i => i.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Role).WithMany().HasForeignKey(i => i.RoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(i => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && i.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && i.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class SetPasswordTokenConfiguration : IEntityTypeConfiguration<SetPasswordToken>
{
    public void Configure(EntityTypeBuilder<SetPasswordToken> b)
    {
        b.ToTable("set_password_tokens");
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => t.CredentialId);
        b.HasOne<Credential>().WithMany().HasForeignKey(t => t.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}
