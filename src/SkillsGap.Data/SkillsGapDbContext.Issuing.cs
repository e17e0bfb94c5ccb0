using Microsoft.EntityFrameworkCore;
using SkillsGap.Data.Entities;

namespace SkillsGap.Data;

/// <summary>Tables of the organisation's own Open Badges 3.0 credentials: signing keys, status lists, issued credentials.</summary>
public abstract partial class SkillsGapDbContext
{
    public DbSet<IssuerKeyEntity> IssuerKeys => Set<IssuerKeyEntity>();
    public DbSet<StatusListEntity> StatusLists => Set<StatusListEntity>();
    public DbSet<IssuedCredentialEntity> IssuedCredentials => Set<IssuedCredentialEntity>();

    private static void ConfigureIssuing(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IssuerKeyEntity>(e =>
        {
            e.ToTable("issuer_keys");
            e.HasKey(x => x.Id);
            // Ids are chosen, not generated: the first key is 1, so two hosts creating it at once collide on the key.
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Did).HasMaxLength(IdLength);
            e.Property(x => x.PrivateKey).HasMaxLength(1000);
            e.HasIndex(x => x.Did).IsUnique();
        });

        modelBuilder.Entity<StatusListEntity>(e =>
        {
            e.ToTable("status_lists");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Purpose).HasMaxLength(20);
            e.HasIndex(x => new { x.KeyId, x.Purpose });
            e.HasOne<IssuerKeyEntity>().WithMany().HasForeignKey(x => x.KeyId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<IssuedCredentialEntity>(e =>
        {
            e.ToTable("issued_credentials");
            e.HasKey(x => x.Id);
            e.Property(x => x.CredentialId).HasMaxLength(CredentialIdLength);
            e.Property(x => x.EmployeeId).HasMaxLength(IdLength);
            e.Property(x => x.BadgeId).HasMaxLength(IdLength);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.RevocationReason).HasMaxLength(1000);
            e.HasIndex(x => x.CredentialId).IsUnique();
            // One current credential per award; two hosts issuing the same award at once collide here.
            e.HasIndex(x => x.AwardId).IsUnique().HasFilter("award_id IS NOT NULL AND superseded_at IS NULL");
            e.HasIndex(x => new { x.StatusListId, x.StatusIndex }).IsUnique();
            e.HasIndex(x => new { x.EmployeeId, x.BadgeId });
            e.HasOne<AwardEntity>().WithMany().HasForeignKey(x => x.AwardId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<IssuerKeyEntity>().WithMany().HasForeignKey(x => x.KeyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StatusListEntity>().WithMany().HasForeignKey(x => x.StatusListId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
