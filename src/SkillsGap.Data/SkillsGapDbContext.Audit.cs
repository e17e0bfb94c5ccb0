using Microsoft.EntityFrameworkCore;
using SkillsGap.Data.Entities;

namespace SkillsGap.Data;

/// <summary>The audit log: who imported, deleted, trained, issued, revoked, created challenges and signed in as a demo person.</summary>
public abstract partial class SkillsGapDbContext
{
    public const int AuditDetailLength = 2000;

    public DbSet<AuditEntryEntity> AuditLog => Set<AuditEntryEntity>();

    private static void ConfigureAudit(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntryEntity>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(NameLength);
            e.Property(x => x.Action).HasMaxLength(50);
            e.Property(x => x.Subject).HasMaxLength(NameLength);
            e.Property(x => x.Detail).HasMaxLength(AuditDetailLength);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Action, x.At });
        });
    }
}
