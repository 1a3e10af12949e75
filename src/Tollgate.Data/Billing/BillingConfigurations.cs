using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;
using Tollgate.Domain.Billing;

namespace Tollgate.Data.Billing;

// Catalog visibility: administrators see everything; a reseller sees the administrators' shared items and its own; a
// customer or account sees what its seller offers (its reseller's items and the shared ones, or for a direct customer
// the administrators' items). Another reseller's items are simply not found.

internal sealed class SubscriptionConfiguration(TollgateDb db) : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> b)
    {
        b.ToTable("subscriptions");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Currency).HasMaxLength(3);
        b.HasOne<Reseller>().WithMany().HasForeignKey(s => s.ManagedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ManagedBy, s.Name });
        b.HasQueryFilter(s => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && ((s.ManagedBy == null && s.SharedWithResellers) || (s.ManagedBy != null && s.ManagedBy == db.FilterResellerId)))
            || ((db.FilterKind == ScopeKind.Customer || db.FilterKind == ScopeKind.Account)
                && ((s.ManagedBy == null && (s.SharedWithResellers || db.FilterResellerId == null)) || (s.ManagedBy != null && s.ManagedBy == db.FilterResellerId))));
    }
}

internal sealed class ProductConfiguration(TollgateDb db) : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasOne<Reseller>().WithMany().HasForeignKey(p => p.ManagedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Subscriptions).WithOne().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.AllowedMainProducts).WithOne().HasForeignKey(a => a.AddonProductId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ManagedBy, p.Name });
        b.HasQueryFilter(p => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && ((p.ManagedBy == null && p.SharedWithResellers) || (p.ManagedBy != null && p.ManagedBy == db.FilterResellerId)))
            || ((db.FilterKind == ScopeKind.Customer || db.FilterKind == ScopeKind.Account)
                && ((p.ManagedBy == null && (p.SharedWithResellers || db.FilterResellerId == null)) || (p.ManagedBy != null && p.ManagedBy == db.FilterResellerId))));
    }
}

internal sealed class ProductSubscriptionConfiguration : IEntityTypeConfiguration<ProductSubscription>
{
    public void Configure(EntityTypeBuilder<ProductSubscription> b)
    {
        b.ToTable("product_subscriptions");
        b.HasKey(s => new { s.ProductId, s.SubscriptionId });
        b.HasOne(s => s.Subscription).WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.SubscriptionId);
    }
}

internal sealed class ProductAllowedMainConfiguration : IEntityTypeConfiguration<ProductAllowedMain>
{
    public void Configure(EntityTypeBuilder<ProductAllowedMain> b)
    {
        b.ToTable("product_allowed_mains");
        b.HasKey(a => new { a.AddonProductId, a.MainProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(a => a.MainProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.MainProductId);
    }
}

internal sealed class AccountProductConfiguration(TollgateDb db) : IEntityTypeConfiguration<AccountProduct>
{
    public void Configure(EntityTypeBuilder<AccountProduct> b)
    {
        b.ToTable("account_products");
        b.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Product>().WithMany().HasForeignKey(a => a.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.AccountId, a.ProductId }).IsUnique();
        b.HasIndex(a => a.ProductId);
        b.HasIndex(a => new { a.CustomerId, a.ProductId }); // how many of a customer's accounts hold a product (IP Centrex agreements)
        b.HasQueryFilter(a => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && a.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && a.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && a.AccountId == db.FilterAccountId));
    }
}

internal sealed class AccountFirstUsageConfiguration(TollgateDb db) : IEntityTypeConfiguration<AccountFirstUsage>
{
    public void Configure(EntityTypeBuilder<AccountFirstUsage> b)
    {
        b.ToTable("account_first_usages");
        b.HasKey(a => a.AccountId);
        b.HasOne<Account>().WithOne().HasForeignKey<AccountFirstUsage>(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasQueryFilter(a => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && a.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && a.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && a.AccountId == db.FilterAccountId));
    }
}

internal sealed class AssignedSubscriptionConfiguration(TollgateDb db) : IEntityTypeConfiguration<AssignedSubscription>
{
    public void Configure(EntityTypeBuilder<AssignedSubscription> b)
    {
        b.ToTable("assigned_subscriptions");
        b.Ignore(s => s.Adjustment);
        b.HasOne(s => s.Subscription).WithMany().HasForeignKey(s => s.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(s => s.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.PayerKind, s.PayerId });
        b.HasIndex(s => s.AccountId);
        b.HasIndex(s => s.CustomerId);
        b.HasIndex(s => s.ResellerId);
        b.HasIndex(s => new { s.ProductId, s.SubscriptionId });
        b.HasIndex(s => s.SubscriptionId);
        // A reseller sees everything under it; a customer or account only what the customer pays (never what its reseller
        // pays the provider for it).
        b.HasQueryFilter(s => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && s.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && s.PayerKind == PayerKind.Customer && s.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && s.PayerKind == PayerKind.Customer && s.AccountId == db.FilterAccountId));
    }
}

internal sealed class XdrConfiguration(TollgateDb db) : IEntityTypeConfiguration<Xdr>
{
    public void Configure(EntityTypeBuilder<Xdr> b)
    {
        b.ToTable("xdrs");
        b.Property(x => x.Currency).HasMaxLength(3);
        // Source first: a charge's source (a CDR, an assigned subscription) grows with time, so new keys land at the index's
        // right edge instead of all over it, and "the charges of this CDR / subscription" is a range of this index. The
        // payer's id comes before the kinds: the charges of one source differ mostly by payer, and comparing numbers is
        // cheaper than comparing text.
        b.HasIndex(x => new { x.SourceId, x.PayerId, x.Kind, x.PayerKind, x.KeyDate }).IsUnique().HasDatabaseName("ux_xdrs_natural_key");
        // The payer's period (its invoice) and with it the customer's and the account's charges: a customer pays its own
        // charges, and an account's are within its customer's. The ledger is written fastest of all tables and every
        // index costs each charge stored, so the account has no index of its own (bench/README.md, "Rating").
        b.HasIndex(x => new { x.PayerId, x.PayerKind, x.PeriodStart }).HasDatabaseName("ix_xdrs_payer_period");
        b.HasIndex(x => x.ResellerId);
        b.HasQueryFilter(x => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && x.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && x.PayerKind == PayerKind.Customer && x.PayerId == db.FilterCustomerId
                && x.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && x.PayerKind == PayerKind.Customer && x.PayerId == db.FilterCustomerId
                && x.AccountId == db.FilterAccountId));
    }
}

internal sealed class InvoiceConfiguration(TollgateDb db) : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("invoices");
        b.Property(i => i.Currency).HasMaxLength(3);
        b.Property(i => i.IssuerName).HasMaxLength(200);
        b.Property(i => i.PayerName).HasMaxLength(200);
        b.HasIndex(i => new { i.PayerKind, i.PayerId, i.PeriodStart }).IsUnique().HasDatabaseName("ux_invoices_payer_period");
        b.HasIndex(i => new { i.IssuerKey, i.Number }).IsUnique().HasDatabaseName("ux_invoices_issuer_number");
        b.HasIndex(i => i.CustomerId);
        b.HasIndex(i => i.ResellerId);
        b.HasQueryFilter(i => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && i.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && i.PayerKind == PayerKind.Customer && i.CustomerId == db.FilterCustomerId));
    }
}

internal sealed class InvoiceCounterConfiguration : IEntityTypeConfiguration<InvoiceCounter>
{
    public void Configure(EntityTypeBuilder<InvoiceCounter> b)
    {
        b.ToTable("invoice_counters");
        b.HasKey(c => c.IssuerKey);
        b.Property(c => c.IssuerKey).ValueGeneratedNever();
    }
}

internal sealed class BillingCycleConfiguration : IEntityTypeConfiguration<BillingCycle>
{
    public void Configure(EntityTypeBuilder<BillingCycle> b)
    {
        b.ToTable("billing_cycles");
        b.HasIndex(c => new { c.PayerKind, c.PayerId }).IsUnique();
        b.HasIndex(c => c.DueAt);
    }
}
