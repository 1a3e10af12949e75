using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tollgate.Data.Parties;
using Tollgate.Domain.Access;

namespace Tollgate.Data.CentrexFeatures;

// Each row carries its customer and reseller (and its account where it has one), so a reseller sees its customers'
// features, a customer its own, and an account only its own voicemail.

internal sealed class VoicemailConfiguration(TollgateDb db) : IEntityTypeConfiguration<Voicemail>
{
    public void Configure(EntityTypeBuilder<Voicemail> b)
    {
        b.ToTable("voicemails");
        b.HasKey(v => v.AccountId);
        b.Property(v => v.PinHash).HasMaxLength(200);
        b.Property(v => v.Email).HasMaxLength(254);
        b.HasIndex(v => v.CustomerId);
        b.HasIndex(v => v.ResellerId);
        b.HasOne<Account>().WithOne().HasForeignKey<Voicemail>(v => v.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(v => v.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(v => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && v.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && v.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && v.AccountId == db.FilterAccountId));
    }
}

internal sealed class AutoAttendantMenuConfiguration(TollgateDb db) : IEntityTypeConfiguration<AutoAttendantMenu>
{
    public void Configure(EntityTypeBuilder<AutoAttendantMenu> b)
    {
        b.ToTable("auto_attendant_menus");
        b.Property(m => m.Name).HasMaxLength(100);
        b.Property(m => m.NameKey).HasMaxLength(100);
        b.HasIndex(m => new { m.AccountId, m.NameKey }).IsUnique();
        b.HasIndex(m => m.CustomerId);
        b.HasIndex(m => m.ResellerId);
        b.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(m => m.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(m => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && m.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && m.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && m.AccountId == db.FilterAccountId));
    }
}

internal sealed class AutoAttendantGreetingConfiguration(TollgateDb db) : IEntityTypeConfiguration<AutoAttendantGreeting>
{
    public void Configure(EntityTypeBuilder<AutoAttendantGreeting> b)
    {
        b.ToTable("auto_attendant_greetings");
        b.HasKey(g => g.MenuId);
        b.Property(g => g.ContentType).HasMaxLength(40);
        b.Property(g => g.Encoding).HasMaxLength(10);
        b.Property(g => g.Sha256).HasMaxLength(64);
        b.HasIndex(g => g.AccountId);
        b.HasIndex(g => g.CustomerId);
        b.HasIndex(g => g.ResellerId);
        b.HasOne<AutoAttendantMenu>().WithOne().HasForeignKey<AutoAttendantGreeting>(g => g.MenuId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(g => g.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(g => g.ResellerId).OnDelete(DeleteBehavior.Restrict);
        b.HasQueryFilter(g => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && g.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && g.CustomerId == db.FilterCustomerId)
            || (db.FilterKind == ScopeKind.Account && g.AccountId == db.FilterAccountId));
    }
}

internal sealed class ConferenceRoomConfiguration(TollgateDb db) : IEntityTypeConfiguration<ConferenceRoom>
{
    public void Configure(EntityTypeBuilder<ConferenceRoom> b)
    {
        b.ToTable("conference_rooms");
        b.Property(r => r.Number).HasMaxLength(16);
        b.Property(r => r.Name).HasMaxLength(100);
        b.Property(r => r.ParticipantPin).HasMaxLength(16);
        b.Property(r => r.ModeratorPin).HasMaxLength(16);
        // "A room's number is unique within its customer", and what the switch looks up when a number is dialled.
        b.HasIndex(r => new { r.CustomerId, r.Number }).IsUnique();
        b.HasIndex(r => r.ResellerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Reseller>().WithMany().HasForeignKey(r => r.ResellerId).OnDelete(DeleteBehavior.Restrict);
        // An account sees no conference room: rooms belong to the customer as a whole.
        b.HasQueryFilter(r => db.FilterAll
            || (db.FilterKind == ScopeKind.Reseller && r.ResellerId == db.FilterResellerId)
            || (db.FilterKind == ScopeKind.Customer && r.CustomerId == db.FilterCustomerId));
    }
}
