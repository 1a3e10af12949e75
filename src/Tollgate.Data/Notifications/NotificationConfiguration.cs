using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Notifications;

internal sealed class NotificationConfiguration(TollgateDb db) : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Topic).HasMaxLength(60);
        b.Property(n => n.Title).HasMaxLength(200);
        b.Property(n => n.Text).HasMaxLength(2000);
        b.Property(n => n.Link).HasMaxLength(400);
        b.HasIndex(n => new { n.RecipientOwner, n.RecipientOwnerId, n.Id });
        // A reseller's scope holds the reseller's own notifications, not its customers'; a customer's, not its accounts'.
        b.HasQueryFilter(n => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && n.ResellerId == db.FilterResellerId && n.CustomerId == null)
            || (db.FilterKind == ScopeKind.Customer && n.CustomerId == db.FilterCustomerId && n.AccountId == null)
            || (db.FilterKind == ScopeKind.Account && n.AccountId == db.FilterAccountId));
    }
}

/// <summary>The notifications table on <see cref="TollgateDb"/>.</summary>
public static class NotificationSets
{
    extension(TollgateDb db)
    {
        public DbSet<Notification> Notifications => db.Set<Notification>();
    }
}
