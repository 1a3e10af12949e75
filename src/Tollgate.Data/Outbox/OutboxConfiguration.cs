using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tollgate.Data.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Recipient).HasMaxLength(254);
        b.Property(m => m.RecipientName).HasMaxLength(200);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.CustomerId);
    }
}
