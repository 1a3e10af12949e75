using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tollgate.Data.Access;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> b)
    {
        b.Property(c => c.Login).HasMaxLength(120);
        b.Property(c => c.LoginKey).HasMaxLength(120);
        b.Property(c => c.PasswordHash).HasMaxLength(200);
        b.HasIndex(c => new { c.Realm, c.LoginKey }).IsUnique();
        b.HasIndex(c => new { c.Owner, c.OwnerId });
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.Property(s => s.RefreshTokenHash).HasMaxLength(64);
        b.Property(s => s.PreviousRefreshTokenHash).HasMaxLength(64);
        b.Property(s => s.RevokedReason).HasMaxLength(60);
        b.HasIndex(s => s.RefreshTokenHash).IsUnique();
        b.HasIndex(s => s.PreviousRefreshTokenHash);
        b.HasIndex(s => new { s.Owner, s.OwnerId });
        b.HasOne<Credential>().WithMany().HasForeignKey(s => s.CredentialId).OnDelete(DeleteBehavior.Cascade);
    }
}
