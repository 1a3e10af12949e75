using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Cpe;

namespace Tollgate.Data.Cpe;

internal sealed class CpeModelConfiguration : IEntityTypeConfiguration<CpeModel>
{
    public void Configure(EntityTypeBuilder<CpeModel> b)
    {
        b.ToTable("cpe_models");
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.NameKey).HasMaxLength(100);
        b.HasIndex(m => m.NameKey).IsUnique();
    }
}

internal sealed class CpeProfileConfiguration(TollgateDb db) : IEntityTypeConfiguration<CpeProfile>
{
    public void Configure(EntityTypeBuilder<CpeProfile> b)
    {
        b.ToTable("cpe_profiles");
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.NameKey).HasMaxLength(100);
        b.HasIndex(p => new { p.ManagerKey, p.NameKey }).IsUnique();
        b.HasIndex(p => p.ModelId);
        b.HasIndex(p => p.ManagedById);
        b.HasOne(p => p.Model).WithMany().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ManagedById).OnDelete(DeleteBehavior.Restrict);
        // A customer sees the profiles of the devices allocated to it, and no others.
        b.HasQueryFilter(p => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && (p.ManagedById == db.FilterResellerId || (p.ManagedById == null && p.SharedWithResellers)))
            || (db.FilterKind == ScopeKind.Customer && db.Set<CpeDevice>().Any(d => d.ProfileId == p.Id && d.CustomerId == db.FilterCustomerId)));
    }
}

internal sealed class CpeDeviceConfiguration(TollgateDb db) : IEntityTypeConfiguration<CpeDevice>
{
    public void Configure(EntityTypeBuilder<CpeDevice> b)
    {
        b.ToTable("cpe_devices");
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.Mac).HasMaxLength(MacAddress.CanonicalLength).IsFixedLength(false);
        b.Property(d => d.InventoryId).HasMaxLength(100);
        b.HasIndex(d => d.Mac).IsUnique();
        b.HasIndex(d => d.CustomerId);
        b.HasIndex(d => d.CustomerResellerId);
        b.HasIndex(d => d.ManagedById);
        b.HasIndex(d => d.ModelId);
        b.HasIndex(d => d.ProfileId);
        b.HasOne(d => d.Model).WithMany().HasForeignKey(d => d.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Profile).WithMany().HasForeignKey(d => d.ProfileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(d => d.ManagedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(d => d.CustomerResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Ports).WithOne(p => p.Device).HasForeignKey(p => p.DeviceId).OnDelete(DeleteBehavior.Restrict);
        // A reseller sees its customers' devices, and the stock it may hand out: its own and what the administrator shares.
        // It never sees stock allocated to a customer outside its scope, even a shared device.
        b.HasQueryFilter(d => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && (d.CustomerResellerId == db.FilterResellerId
                || (d.CustomerId == null && (d.ManagedById == db.FilterResellerId || (d.ManagedById == null && d.SharedWithResellers)))))
            || (db.FilterKind == ScopeKind.Customer && d.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class CpePortAssignmentConfiguration(TollgateDb db) : IEntityTypeConfiguration<CpePortAssignment>
{
    public void Configure(EntityTypeBuilder<CpePortAssignment> b)
    {
        b.ToTable("cpe_port_assignments");
        b.HasIndex(p => new { p.DeviceId, p.Port }).IsUnique();
        b.HasIndex(p => p.AccountId).IsUnique();
        b.HasIndex(p => p.CustomerId);
        b.HasIndex(p => p.ResellerId);
        b.HasOne(p => p.Account).WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(p => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && p.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && p.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && p.AccountId == db.FilterAccountId));
    }
}

internal sealed class CpeImportConfiguration(TollgateDb db) : IEntityTypeConfiguration<CpeImport>
{
    public void Configure(EntityTypeBuilder<CpeImport> b)
    {
        b.ToTable("cpe_imports");
        b.Property(i => i.FileName).HasMaxLength(255);
        b.Property(i => i.UploaderLogin).HasMaxLength(120);
        b.Property(i => i.FailureReason).HasMaxLength(1000);
        b.HasIndex(i => new { i.Status, i.Id });
        b.HasIndex(i => i.ResellerId);
        b.HasOne<Reseller>().WithMany().HasForeignKey(i => i.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(i => db.FilterAll || (db.FilterKind == ScopeKind.Reseller && i.ResellerId == db.FilterResellerId));
    }
}

internal sealed class CpeImportChunkConfiguration : IEntityTypeConfiguration<CpeImportChunk>
{
    public void Configure(EntityTypeBuilder<CpeImportChunk> b)
    {
        b.ToTable("cpe_import_chunks");
        b.HasKey(c => new { c.ImportId, c.Sequence });
        b.HasOne<CpeImport>().WithMany().HasForeignKey(c => c.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CpeImportErrorConfiguration : IEntityTypeConfiguration<CpeImportError>
{
    public void Configure(EntityTypeBuilder<CpeImportError> b)
    {
        b.ToTable("cpe_import_errors");
        b.Property(e => e.Column).HasMaxLength(40);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasIndex(e => new { e.ImportId, e.Row });
        b.HasOne<CpeImport>().WithMany().HasForeignKey(e => e.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
