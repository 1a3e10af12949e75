using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Domain.Access;

namespace Tollgate.Data.Calls;

internal sealed class CdrConfiguration(TollgateDb db) : IEntityTypeConfiguration<Cdr>
{
    public void Configure(EntityTypeBuilder<Cdr> b)
    {
        b.Property(c => c.CallId).HasMaxLength(200);
        b.Property(c => c.CallingNumber).HasMaxLength(64);
        b.Property(c => c.CalledNumber).HasMaxLength(64);
        b.Property(c => c.DisconnectReason).HasMaxLength(40);
        b.Property(c => c.DisconnectSide).HasMaxLength(10);
        b.Property(c => c.CallerKeepAlive).HasMaxLength(10);
        b.Property(c => c.CalleeKeepAlive).HasMaxLength(10);
        b.HasIndex(c => c.CallId).IsUnique();
        b.HasIndex(c => new { c.AccountId, c.SetupAt });
        b.HasIndex(c => new { c.CustomerId, c.SetupAt });
        b.HasIndex(c => new { c.ResellerId, c.SetupAt });
        b.HasIndex(c => c.SetupAt);
        b.HasQueryFilter(c => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && c.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && c.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && c.AccountId == db.FilterAccountId));
    }
}
