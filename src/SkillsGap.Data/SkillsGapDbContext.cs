using System.Text;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data.Entities;

namespace SkillsGap.Data;

/// <summary>
/// SkillsGap's storage. Use one of the provider subclasses (<see cref="SqliteSkillsGapDbContext"/>,
/// <see cref="PostgreSqlSkillsGapDbContext"/>, <see cref="SqlServerSkillsGapDbContext"/>); each carries its own migrations.
/// Table and column names are lower snake_case on every provider so that hand-written SQL needs no quoting.
/// </summary>
public abstract partial class SkillsGapDbContext : DbContext
{
    /// <summary>Longest stored identifier (skill code, role code, badge id, employee id).</summary>
    public const int IdLength = 200;
    public const int NameLength = 400;
    public const int EmailLength = 320;
    public const int UrlLength = 2000;
    public const int CredentialIdLength = 450;

    /// <summary>
    /// SQL Server collation of codes and ids: binary (by code point), so that SQL Server compares them as SQLite and
    /// PostgreSQL do and as the code does (ordinal, case-sensitive) — its default collations ignore case.
    /// </summary>
    public const string OrdinalCollation = "Latin1_General_100_BIN2";

    protected SkillsGapDbContext(DbContextOptions options) : base(options)
    {
    }

    /// <summary>The engine behind this context.</summary>
    public abstract DatabaseProvider Provider { get; }

    public DbSet<SkillEntity> Skills => Set<SkillEntity>();
    public DbSet<RoleVersionEntity> RoleVersions => Set<RoleVersionEntity>();
    public DbSet<RoleRequirementEntity> RoleRequirements => Set<RoleRequirementEntity>();
    public DbSet<BadgeEntity> Badges => Set<BadgeEntity>();
    public DbSet<BadgeSkillEntity> BadgeSkills => Set<BadgeSkillEntity>();
    public DbSet<BadgePrerequisiteEntity> BadgePrerequisites => Set<BadgePrerequisiteEntity>();
    public DbSet<EmployeeEntity> Employees => Set<EmployeeEntity>();
    public DbSet<EmployeeHistoryEntity> EmployeeHistory => Set<EmployeeHistoryEntity>();
    public DbSet<AwardEntity> Awards => Set<AwardEntity>();
    public DbSet<ImportEntity> Imports => Set<ImportEntity>();
    public DbSet<SettingEntity> Settings => Set<SettingEntity>();
    public DbSet<ModelEntity> Models => Set<ModelEntity>();
    public DbSet<ReportRunEntity> ReportRuns => Set<ReportRunEntity>();
    public DbSet<JobEntity> Jobs => Set<JobEntity>();

    // No index for a foreign key unless one is declared: every other foreign key leads a key or unique index anyway
    // (but issued_credentials.key_id, whose issuer key is never deleted),
    // and awards.badge_id would get one that nothing reads but the check refusing to delete a badge with awards (which
    // SkillsGap never does) — keeping it up to date cost about a sixth of a bulk import.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Conventions.Remove(typeof(Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SkillEntity>(e =>
        {
            e.ToTable("skills");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(IdLength);
            e.Property(x => x.Name).HasMaxLength(NameLength);
            e.Property(x => x.Category).HasMaxLength(IdLength);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Aliases).HasMaxLength(4000);
        });

        modelBuilder.Entity<RoleVersionEntity>(e =>
        {
            e.ToTable("role_versions");
            e.HasKey(x => x.Id);
            e.Property(x => x.RoleCode).HasMaxLength(IdLength);
            e.Property(x => x.Title).HasMaxLength(NameLength);
            e.Property(x => x.Family).HasMaxLength(IdLength);
            e.HasIndex(x => new { x.RoleCode, x.Version }).IsUnique();
            e.HasIndex(x => new { x.RoleCode, x.EffectiveFrom });
            e.HasMany(x => x.Requirements).WithOne().HasForeignKey(r => r.RoleVersionId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RoleRequirementEntity>(e =>
        {
            e.ToTable("role_requirements");
            e.HasKey(x => new { x.RoleVersionId, x.SkillCode });
            e.Property(x => x.SkillCode).HasMaxLength(IdLength);
        });

        modelBuilder.Entity<BadgeEntity>(e =>
        {
            e.ToTable("badges");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(IdLength);
            e.Property(x => x.Name).HasMaxLength(NameLength);
            e.Property(x => x.Issuer).HasMaxLength(NameLength);
            e.Property(x => x.Hours).HasPrecision(9, 2);
            e.Property(x => x.StackId).HasMaxLength(IdLength);
            e.HasIndex(x => x.StackId);
            e.HasMany(x => x.Skills).WithOne().HasForeignKey(s => s.BadgeId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Prerequisites).WithOne().HasForeignKey(p => p.BadgeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BadgeSkillEntity>(e =>
        {
            e.ToTable("badge_skills");
            e.HasKey(x => new { x.BadgeId, x.SkillCode });
            e.Property(x => x.BadgeId).HasMaxLength(IdLength);
            e.Property(x => x.SkillCode).HasMaxLength(IdLength);
        });

        modelBuilder.Entity<BadgePrerequisiteEntity>(e =>
        {
            e.ToTable("badge_prerequisites");
            e.HasKey(x => new { x.BadgeId, x.GroupNo, x.Position });
            e.Property(x => x.BadgeId).HasMaxLength(IdLength);
            e.Property(x => x.AlternativeBadgeId).HasMaxLength(IdLength);
            e.HasIndex(x => x.AlternativeBadgeId);
        });

        modelBuilder.Entity<EmployeeEntity>(e =>
        {
            e.ToTable("employees");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(IdLength);
            e.Property(x => x.Name).HasMaxLength(NameLength);
            e.Property(x => x.Email).HasMaxLength(EmailLength);
            // Unique when present; a partial index holds no entry for the people without one.
            e.HasIndex(x => x.Email).IsUnique().HasFilter("email IS NOT NULL");
        });

        modelBuilder.Entity<EmployeeHistoryEntity>(e =>
        {
            e.ToTable("employee_history");
            e.HasKey(x => x.Id);
            e.Property(x => x.EmployeeId).HasMaxLength(IdLength);
            e.Property(x => x.RoleCode).HasMaxLength(IdLength);
            e.Property(x => x.ManagerId).HasMaxLength(IdLength);
            e.Property(x => x.Department).HasMaxLength(IdLength);
            e.Property(x => x.Location).HasMaxLength(IdLength);
            e.Property(x => x.TargetRoleCode).HasMaxLength(IdLength);
            e.HasIndex(x => new { x.EmployeeId, x.EffectiveFrom }).IsUnique();
            e.HasIndex(x => x.ManagerId);
            e.HasOne<EmployeeEntity>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AwardEntity>(e =>
        {
            e.ToTable("awards");
            e.HasKey(x => x.Id);
            e.Property(x => x.EmployeeId).HasMaxLength(IdLength);
            e.Property(x => x.BadgeId).HasMaxLength(IdLength);
            e.Property(x => x.EvidenceUrl).HasMaxLength(UrlLength);
            e.Property(x => x.CredentialId).HasMaxLength(CredentialIdLength);
            e.Property(x => x.Source).HasMaxLength(NameLength);
            e.HasIndex(x => new { x.EmployeeId, x.BadgeId, x.IssuedOn }).IsUnique();
            // Partial: most awards (CSV/XLSX) have no credential id, and a bulk import should not index a million NULLs.
            e.HasIndex(x => x.CredentialId).IsUnique().HasFilter("credential_id IS NOT NULL");
            // PostgreSQL checks a foreign key with a trigger query per inserted row (about 5 µs each, twice per award):
            // that alone would cap a bulk import far below what COPY reaches. There the same rules (an award's employee
            // and badge exist and are locked against deletion until commit; deleting an employee deletes their awards;
            // a badge with awards cannot be deleted) are kept by statement-level triggers that check a whole statement's
            // rows with one join — see the ScaleOutStorage migration. SQLite's check is an in-process index probe, and SQL
            // Server checks a statement's keys with one join.
            if (Provider != DatabaseProvider.PostgreSql)
            {
                e.HasOne<EmployeeEntity>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Cascade);
                e.HasOne<BadgeEntity>().WithMany().HasForeignKey(x => x.BadgeId).OnDelete(DeleteBehavior.Restrict);
            }
        });

        modelBuilder.Entity<ImportEntity>(e =>
        {
            e.ToTable("imports");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.FileName).HasMaxLength(1000);
            e.Property(x => x.Status).HasMaxLength(50);
            e.HasIndex(x => x.StartedAt);
        });

        modelBuilder.Entity<SettingEntity>(e =>
        {
            e.ToTable("settings");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(IdLength);
        });

        modelBuilder.Entity<ModelEntity>(e =>
        {
            e.ToTable("models");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.Version).HasMaxLength(50);
            e.Property(x => x.Trainer).HasMaxLength(100);
            e.HasIndex(x => new { x.Kind, x.CreatedAt });
        });

        modelBuilder.Entity<ReportRunEntity>(e =>
        {
            e.ToTable("report_runs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Scope).HasMaxLength(20);
            e.Property(x => x.Subject).HasMaxLength(IdLength);
            e.Property(x => x.IsoWeek).HasMaxLength(10);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.DeliveredTo).HasMaxLength(UrlLength);
            e.Property(x => x.FileName).HasMaxLength(1000);
            e.Property(x => x.LastError).HasMaxLength(4000);
            e.HasIndex(x => new { x.Scope, x.Subject, x.IsoWeek }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });

        modelBuilder.Entity<JobEntity>(e =>
        {
            e.ToTable("jobs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasMaxLength(50);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.RequestedBy).HasMaxLength(NameLength);
            e.Property(x => x.Error).HasMaxLength(4000);
            e.HasIndex(x => x.CreatedAt);
        });

        ConfigureIssuing(modelBuilder);
        ConfigureAudit(modelBuilder);
        ConfigureChallenges(modelBuilder);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(ToSnakeCase(property.Name));

        if (Provider == DatabaseProvider.SqlServer)
            foreach (var (entity, property) in OrdinalColumns)
                modelBuilder.Entity(entity).Property(property).UseCollation(OrdinalCollation);
    }

    /// <summary>The code and id columns: compared ordinally (case-sensitive) by the code, so by the database too.</summary>
    internal static readonly (Type Entity, string Property)[] OrdinalColumns =
    [
        (typeof(SkillEntity), nameof(SkillEntity.Code)),
        (typeof(RoleVersionEntity), nameof(RoleVersionEntity.RoleCode)),
        (typeof(RoleRequirementEntity), nameof(RoleRequirementEntity.SkillCode)),
        (typeof(BadgeEntity), nameof(BadgeEntity.Id)),
        (typeof(BadgeEntity), nameof(BadgeEntity.StackId)),
        (typeof(BadgeSkillEntity), nameof(BadgeSkillEntity.BadgeId)),
        (typeof(BadgeSkillEntity), nameof(BadgeSkillEntity.SkillCode)),
        (typeof(BadgePrerequisiteEntity), nameof(BadgePrerequisiteEntity.BadgeId)),
        (typeof(BadgePrerequisiteEntity), nameof(BadgePrerequisiteEntity.AlternativeBadgeId)),
        (typeof(EmployeeEntity), nameof(EmployeeEntity.Id)),
        (typeof(EmployeeHistoryEntity), nameof(EmployeeHistoryEntity.EmployeeId)),
        (typeof(EmployeeHistoryEntity), nameof(EmployeeHistoryEntity.RoleCode)),
        (typeof(EmployeeHistoryEntity), nameof(EmployeeHistoryEntity.ManagerId)),
        (typeof(EmployeeHistoryEntity), nameof(EmployeeHistoryEntity.TargetRoleCode)),
        (typeof(AwardEntity), nameof(AwardEntity.EmployeeId)),
        (typeof(AwardEntity), nameof(AwardEntity.BadgeId)),
        (typeof(AwardEntity), nameof(AwardEntity.CredentialId)),
        (typeof(ReportRunEntity), nameof(ReportRunEntity.Subject)),
        (typeof(IssuedCredentialEntity), nameof(IssuedCredentialEntity.CredentialId)),
        (typeof(IssuedCredentialEntity), nameof(IssuedCredentialEntity.EmployeeId)),
        (typeof(IssuedCredentialEntity), nameof(IssuedCredentialEntity.BadgeId)),
    ];

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0) builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            else builder.Append(c);
        }
        return builder.ToString();
    }
}
