using Microsoft.EntityFrameworkCore;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>What one import asks for: a kind, one or more files read as one batch, and whether to write.</summary>
/// <remarks>With <paramref name="SkipInvalid"/> the rows that pass every check are imported and the others are reported, not fatal.</remarks>
public sealed record ImportRequest(ImportKind Kind, IReadOnlyList<InputFile> Files, bool DryRun = false, InputFormat Format = InputFormat.Auto, bool SkipInvalid = false);

/// <summary>What one file of an import held and changed.</summary>
public sealed record FileOutcome(string File, int Records, ChangeCounts Changes);

/// <summary>What an import changed (or, for a dry run, would change).</summary>
public sealed record ImportOutcome(ImportKind Kind, bool DryRun, IReadOnlyList<FileOutcome> Files, IReadOnlyList<RowError>? Skipped = null)
{
    /// <summary>Rows left out by <see cref="ImportRequest.SkipInvalid"/>, with the reason.</summary>
    public IReadOnlyList<RowError> Skipped { get; } = Skipped ?? [];

    public ChangeCounts Total => new(Files.Sum(f => f.Changes.Inserted), Files.Sum(f => f.Changes.Updated), Files.Sum(f => f.Changes.Unchanged));
}

/// <summary>
/// Imports skills, roles, badges, employees or awards: every file of the batch is read and validated against
/// the stored keys first; then all of it is written in one transaction, or nothing (and a dry run rolls back).
/// </summary>
public sealed class ImportFiles(SkillsGapDbContext db, BusinessCalendar calendar)
{
    public async Task<ImportOutcome> RunAsync(ImportRequest request, CancellationToken ct = default)
    {
        if (request.Files.Count == 0) throw new InputRejectedException("No file to import.");
        var known = new StoredReferenceCatalogue(await new SnapshotLoader(db).LoadKeysAsync(ct));

        var parsed = new List<(InputFile File, object Records, int Count)>();
        var errors = new List<RowError>();
        foreach (var file in request.Files)
        {
            var format = request.Format != InputFormat.Auto ? request.Format : file.Format;
            var input = file with { Format = format };
            switch (request.Kind)
            {
                case ImportKind.Skills:
                    Collect(RecordReader.ReadSkills(input), known.Add);
                    break;
                case ImportKind.Roles when format is InputFormat.Onet or InputFormat.Esco:
                    // All framework files of the batch are read as one (O*NET Skills.txt + Knowledge.txt make one role each).
                    if (file != request.Files[0]) break;
                    var batch = RecordReader.ReadRoleFramework([.. request.Files.Select(f => f with { Format = format })]);
                    errors.AddRange(batch.Errors);
                    if (batch.IsValid || request.SkipInvalid)
                        foreach (var framework in batch.Records)
                        {
                            known.Add(framework.Skills);
                            known.Add(framework.Roles);
                            parsed.Add((input, framework, framework.Roles.Count));
                        }
                    break;
                case ImportKind.Roles:
                    Collect(RecordReader.ReadRoles(input, known), known.Add);
                    break;
                case ImportKind.Badges:
                    Collect(RecordReader.ReadBadges(input, known), known.Add);
                    break;
                case ImportKind.Employees:
                    Collect(RecordReader.ReadEmployees(input, known), known.Add);
                    break;
                case ImportKind.Awards:
                    Collect(RecordReader.ReadAwards(input, known), _ => { });
                    break;
                default:
                    throw new InputRejectedException($"Import of {request.Kind} is not supported here.");
            }

            void Collect<T>(ParseResult<T> result, Action<IReadOnlyList<T>> define)
            {
                errors.AddRange(result.Errors);
                // Records holds only the rows that passed every check: with --skip-invalid they go in on their own.
                if (!result.IsValid && !request.SkipInvalid) return;
                define(result.Records);
                parsed.Add((input, result.Records, result.Records.Count));
            }
        }
        if (errors.Count > 0 && !request.SkipInvalid)
        {
            await RecordRejectionAsync(request, errors, ct);
            throw new InputRejectedException(
                $"{errors.Count} problem(s) in {string.Join(", ", errors.Select(e => e.File).Distinct())}; nothing was imported.", errors);
        }

        var today = calendar.Today;
        var writer = new ImportWriter(db);
        var outcomes = new List<FileOutcome>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (file, records, count) in parsed)
        {
            var changes = records switch
            {
                IReadOnlyList<ImportedSkill> skills => await writer.UpsertSkillsAsync([.. skills.Select(s => s.Skill)], ct),
                IReadOnlyList<ImportedRole> roles => await writer.ApplyRolesAsync([.. roles.Select(ToDefinition)], today, ct),
                // A framework's skills come along with its roles; what the file changes is counted in roles.
                RoleFrameworkBatch framework => await WriteFrameworkAsync(writer, framework, today, ct),
                IReadOnlyList<ImportedBadge> badges => await writer.UpsertBadgesAsync([.. badges.Select(b => b.Badge)], ct),
                IReadOnlyList<ImportedEmployee> employees => await writer.ApplyEmployeesAsync(
                    [.. employees.Select(e => new EmployeeChange(e.Employee, e.EffectiveFrom))], today, ct),
                IReadOnlyList<ImportedAward> awards => await writer.UpsertAwardsAsync([.. awards.Select(a => a.Award)], ct),
                _ => throw new InvalidOperationException($"Unexpected parsed records {records.GetType()}."),
            };
            outcomes.Add(new FileOutcome(file.Name, count, changes));
            db.Imports.Add(Record(request, file.Name, request.DryRun ? "dry-run" : "imported", changes, [.. errors.Where(e => e.File == file.Name)]));
        }
        await db.SaveChangesAsync(ct);
        if (!request.DryRun) await Figures.DataVersion.BumpAsync(db, calendar.Now, ct);
        if (request.DryRun) await transaction.RollbackAsync(ct);
        else
        {
            await transaction.CommitAsync(ct);
            Figures.DataVersion.NoteCommitted();
        }
        db.ChangeTracker.Clear();
        return new ImportOutcome(request.Kind, request.DryRun, outcomes, errors);
    }

    /// <summary>A rejected import writes nothing but its own record, so that what was refused and why can be looked up.</summary>
    private async Task RecordRejectionAsync(ImportRequest request, IReadOnlyList<RowError> errors, CancellationToken ct)
    {
        foreach (var file in request.Files)
            db.Imports.Add(Record(request, file.Name, "rejected", ChangeCounts.None, [.. errors.Where(e => e.File == file.Name)]));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private ImportEntity Record(ImportRequest request, string file, string status, ChangeCounts changes, IReadOnlyList<RowError> errors) => new()
    {
        Kind = request.Kind.ToString().ToLowerInvariant(),
        FileName = file.Length > 400 ? file[^400..] : file,
        DryRun = request.DryRun,
        StartedAt = calendar.Now,
        FinishedAt = calendar.Now,
        Status = status,
        Inserted = changes.Inserted,
        Updated = changes.Updated,
        Unchanged = changes.Unchanged,
        ErrorCount = errors.Count,
        ErrorsJson = errors.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(errors.Take(1000)),
    };

    private static RoleDefinition ToDefinition(ImportedRole role) =>
        new(role.Code, role.Title, role.Family, role.Requirements, role.EffectiveFrom);

    private static async Task<ChangeCounts> WriteFrameworkAsync(ImportWriter writer, RoleFrameworkBatch framework, DateOnly today, CancellationToken ct)
    {
        await writer.UpsertSkillsAsync([.. framework.Skills.Select(s => s.Skill)], ct);
        return await writer.ApplyRolesAsync([.. framework.Roles.Select(ToDefinition)], today, ct);
    }
}
