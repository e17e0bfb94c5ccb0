using Microsoft.EntityFrameworkCore;
using SkillsGap.Data.Entities;

namespace SkillsGap.Data;

/// <summary>Tables of challenges and of the standings opt-in (DESIGN §7b).</summary>
public abstract partial class SkillsGapDbContext
{
    public DbSet<ChallengeEntity> Challenges => Set<ChallengeEntity>();
    public DbSet<StandingsOptInEntity> StandingsOptIns => Set<StandingsOptInEntity>();

    private static void ConfigureChallenges(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ChallengeEntity>(e =>
        {
            e.ToTable("challenges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Name).HasMaxLength(NameLength);
            e.Property(x => x.Scope).HasMaxLength(20);
            e.Property(x => x.ManagerId).HasMaxLength(IdLength);
            e.Property(x => x.Department).HasMaxLength(NameLength);
            e.Property(x => x.Goal).HasMaxLength(4000);
            e.Property(x => x.CreatedBy).HasMaxLength(NameLength);
            e.HasIndex(x => x.ToDate);
        });

        modelBuilder.Entity<StandingsOptInEntity>(e =>
        {
            e.ToTable("standings_opt_ins");
            e.HasKey(x => x.EmployeeId);
            e.Property(x => x.EmployeeId).HasMaxLength(IdLength);
            e.HasOne<EmployeeEntity>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
