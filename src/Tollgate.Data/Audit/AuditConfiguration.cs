using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tollgate.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.Property(e => e.ActorType).HasMaxLength(20);
        b.Property(e => e.ActorLogin).HasMaxLength(120);
        b.Property(e => e.Entity).HasMaxLength(60);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.HasIndex(e => new { e.CustomerId, e.At });
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.Entity, e.EntityId });
    }
}
