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
        // Every index is paid for by every CDR stored, and one whose key is spread over the accounts is the dearest kind
        // (bench/README.md, "Rating"). An account's CDRs are found within its customer's, so the customer's index carries
        // the account as its last column instead of the account having an index of its own: an account's newest CDRs are
        // its customer's newest with the account checked in the index, never in the table.
        b.HasIndex(c => new { c.CustomerId, c.SetupAt, c.AccountId });
        b.HasIndex(c => new { c.ResellerId, c.SetupAt });
        b.HasIndex(c => c.SetupAt);
        b.HasQueryFilter(c => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && c.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && c.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && c.CustomerId == db.FilterCustomerId && c.AccountId == db.FilterAccountId));
    }
}
