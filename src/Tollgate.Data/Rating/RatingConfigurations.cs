using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Billing;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Data.Rating;

// Tariffs are seen like products: administrators see all; a reseller the administrators' shared tariffs and its own.
// Customers and accounts never read tariffs through the API; their charges say what they paid.

internal sealed class TariffConfiguration(TollgateDb db) : IEntityTypeConfiguration<Tariff>
{
    public void Configure(EntityTypeBuilder<Tariff> b)
    {
        b.ToTable("tariffs");
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Currency).HasMaxLength(3);
        b.Property(t => t.TimeZone).HasMaxLength(64);
        b.Property(t => t.LastRateChange).HasMaxLength(300);
        b.HasOne<Reseller>().WithMany().HasForeignKey(t => t.ManagedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.ManagedBy, t.Name });
        // The links that make a tariff count: a product's retail tariff and a reseller's wholesale tariff.
        b.HasMany<Product>().WithOne().HasForeignKey(p => p.TariffId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<Reseller>().WithOne().HasForeignKey(r => r.TariffId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(t => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && ((t.ManagedBy == null && t.SharedWithResellers) || (t.ManagedBy != null && t.ManagedBy == db.FilterResellerId))));
    }
}

internal sealed class RateConfiguration : IEntityTypeConfiguration<Rate>
{
    public void Configure(EntityTypeBuilder<Rate> b)
    {
        b.ToTable("rates");
        b.Property(r => r.Prefix).HasMaxLength(32);
        b.HasOne<Tariff>().WithMany().HasForeignKey(r => r.TariffId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.TariffId, r.Prefix, r.EffectiveFrom }).IsUnique().HasDatabaseName("ux_rates_tariff_prefix_from");
    }
}

internal sealed class CdrRatingConfiguration : IEntityTypeConfiguration<CdrRating>
{
    public void Configure(EntityTypeBuilder<CdrRating> b)
    {
        b.ToTable("cdr_ratings");
        b.HasKey(r => r.CdrId);
        b.Property(r => r.CdrId).ValueGeneratedNever();
        b.Property(r => r.Reason).HasMaxLength(500);
        // No foreign key: ratings are written in bulk beside the CDRs, like the xDR ledger. Only the unratable few are
        // listed by status, so only they are indexed by it (a partial index costs nothing for the millions rated).
        b.HasIndex(r => r.CdrId).HasFilter("status = 'Unratable'").HasDatabaseName("ix_cdr_ratings_unratable");
    }
}

internal sealed class PartyBalanceConfiguration(TollgateDb db) : IEntityTypeConfiguration<PartyBalance>
{
    public void Configure(EntityTypeBuilder<PartyBalance> b)
    {
        b.ToTable("balances");
        b.Ignore(x => x.IsLimited);
        b.Ignore(x => x.Floor);
        b.Property(x => x.Currency).HasMaxLength(3);
        b.HasIndex(x => new { x.PayerKind, x.PayerId }).IsUnique().HasDatabaseName("ux_balances_payer");
        b.HasIndex(x => x.ResellerId);
        b.HasQueryFilter(x => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && x.ResellerId == db.FilterResellerId)
            || ((db.FilterKind == ScopeKind.Customer || db.FilterKind == ScopeKind.Account)
                && x.PayerKind == PayerKind.Customer && x.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class PaymentConfiguration(TollgateDb db) : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("payments");
        b.Property(p => p.Currency).HasMaxLength(3);
        b.Property(p => p.Reference).HasMaxLength(100);
        b.Property(p => p.Note).HasMaxLength(500);
        b.Property(p => p.RecordedBy).HasMaxLength(120);
        b.HasIndex(p => new { p.PayerKind, p.PayerId, p.Reference }).IsUnique().HasDatabaseName("ux_payments_payer_reference");
        b.HasIndex(p => new { p.PayerKind, p.PayerId, p.ReceivedAt });
        b.HasIndex(p => p.ResellerId);
        b.HasQueryFilter(p => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && p.ResellerId == db.FilterResellerId)
            || ((db.FilterKind == ScopeKind.Customer || db.FilterKind == ScopeKind.Account)
                && p.PayerKind == PayerKind.Customer && p.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class CreditReservationConfiguration : IEntityTypeConfiguration<CreditReservation>
{
    public void Configure(EntityTypeBuilder<CreditReservation> b)
    {
        b.ToTable("credit_reservations");
        b.Property(r => r.CallId).HasMaxLength(200);
        b.HasIndex(r => r.CallId).IsUnique();
        b.HasIndex(r => r.CustomerId);
        b.HasIndex(r => r.ResellerId);
    }
}
