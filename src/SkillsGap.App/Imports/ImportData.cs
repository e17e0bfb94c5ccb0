using System.Globalization;
using SkillsGap.App.Audit;
using SkillsGap.App.Issuing;
using SkillsGap.App.Writes;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>
/// The import use case, one entry for every kind (skills, roles, badges, employees, awards, Open Badges) and every door:
/// the CLI's <c>import</c>, <c>POST /api/imports/{kind}</c>, the uploads page and the background import job all call
/// <see cref="RunAsync"/>. It reads and checks every file of the batch against the stored keys first; a batch with
/// problems is rejected whole (its <c>imports</c> rows record why) unless <see cref="ImportRequest.SkipInvalid"/>. Then, in
/// one <see cref="DataWrite"/>: one ledger row per file, the records written (awards name their ledger row as
/// <c>source</c>), the data version bumped, committed — or, for a dry run, counted and rolled back and the dry run
/// recorded in the ledger. After a committed awards import, <see cref="AutoIssue"/> queues issuing the organisation's
/// credentials (<c>Issuer:AutoIssue</c>), outside the transaction; it never fails the import.
/// </summary>
public sealed class ImportData(SkillsGapDbContext db, DataWrite write, ImportLedger ledger, BusinessCalendar calendar, AutoIssue? autoIssue = null, AuditLog? audit = null)
{
    public async Task<ImportOutcome> RunAsync(ImportRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Files.Count == 0) throw new InputRejectedException("No file to import.");
        var staged = request.Kind == ImportKind.OpenBadges
            ? await OpenBadgesFiles.ReadAsync(db, request, calendar, ct)
            : await TabularFiles.ReadAsync(db, request, ct);

        if (staged.Errors.Count > 0 && !request.SkipInvalid)
        {
            var rejected = await ledger.StoreAsync([.. request.Files.Select(f => ledger.Entry(request.Kind, f.Name, request.DryRun,
                ImportLedger.Rejected, ChangeCounts.None, ErrorsOf(staged.Errors, f.Name)))], ct);
            throw new ImportRejectedException(staged.RejectionMessage(staged.Errors), staged.Errors, rejected);
        }

        var today = calendar.Today;
        var (files, extra) = await write.RunAsync(async (writing, ct) =>
        {
            // The ledger rows first: the awards written next name theirs as their source.
            var rows = staged.Files.Select(f => ledger.Entry(request.Kind, f.Name, request.DryRun,
                request.DryRun ? ImportLedger.DryRun : ImportLedger.Imported, ChangeCounts.None, ErrorsOf(staged.Errors, f.Name))).ToList();
            writing.Imports.AddRange(rows);
            await writing.SaveChangesAsync(ct);
            var writer = new ImportWriter(writing);
            var extra = staged.Prepare is null ? null : await staged.Prepare(writer, ct);
            var files = new List<FileOutcome>();
            for (var i = 0; i < staged.Files.Count; i++)
            {
                var file = staged.Files[i];
                var changes = await file.Write(writer, ImportLedger.SourceOf(rows[i].Id), today, ct);
                Count(rows[i], changes);
                writing.Imports.Update(rows[i]);
                files.Add(new FileOutcome(file.Name, file.Records, changes, rows[i].Id));
            }
            // Who imported what commits with the import itself.
            if (!request.DryRun && audit is not null)
                writing.AuditLog.Add(audit.Entry(AuditActions.Import, string.Join(", ", files.Select(f => f.File)),
                    string.Create(CultureInfo.InvariantCulture, $"{ImportKinds.Name(request.Kind)}: {files.Sum(f => f.Records)} record(s); ")
                    + string.Join("; ", files.Select(f => string.Create(CultureInfo.InvariantCulture,
                        $"{f.File}: {f.Changes.Inserted} inserted, {f.Changes.Updated} updated, {f.Changes.Unchanged} unchanged (import {f.ImportId})")))));
            return (files, extra);
        }, commit: !request.DryRun, ct);

        if (request.DryRun)
        {
            // The transaction (ledger rows included) was rolled back: the dry run is recorded on its own.
            var ids = await ledger.StoreAsync([.. files.Select(f => Count(ledger.Entry(request.Kind, f.File, true, ImportLedger.DryRun,
                f.Changes, ErrorsOf(staged.Errors, f.File)), f.Changes))], ct);
            files = [.. files.Select((f, i) => f with { ImportId = ids[i] })];
        }
        var outcome = new ImportOutcome(request.Kind, request.DryRun, files, staged.Errors, staged.OpenBadges?.Invoke(files, extra));
        if (autoIssue is not null) await autoIssue.AfterImportAsync(outcome, ct);
        return outcome;
    }

    private static ImportEntity Count(ImportEntity row, ChangeCounts changes)
    {
        (row.Inserted, row.Updated, row.Unchanged) = (changes.Inserted, changes.Updated, changes.Unchanged);
        return row;
    }

    private static IReadOnlyList<RowError> ErrorsOf(IReadOnlyList<RowError> errors, string file) => [.. errors.Where(e => e.File == file)];
}

/// <summary>One file of an import, read and checked: what to write, and how.</summary>
/// <param name="Write">Writes the file's records with the given <c>source</c> (its ledger row) on the given import date.</param>
internal sealed record StagedFile(string Name, int Records, Func<ImportWriter, string, DateOnly, CancellationToken, Task<ChangeCounts>> Write);

/// <summary>
/// An import batch read and checked, nothing written yet: its files, every row error, an optional first write of the
/// batch (Open Badges: the catalogue badges its credentials need) and, for Open Badges, how to describe the outcome.
/// </summary>
internal sealed record StagedImport(
    IReadOnlyList<StagedFile> Files,
    IReadOnlyList<RowError> Errors,
    Func<IReadOnlyList<RowError>, string> RejectionMessage,
    Func<ImportWriter, CancellationToken, Task<ChangeCounts>>? Prepare = null,
    Func<IReadOnlyList<FileOutcome>, ChangeCounts?, OpenBadgesOutcome>? OpenBadges = null);

/// <summary>The tabular kinds (CSV, XLSX, JSON; O*NET and ESCO frameworks for roles), read and checked as one batch.</summary>
internal static class TabularFiles
{
    public static async Task<StagedImport> ReadAsync(SkillsGapDbContext db, ImportRequest request, CancellationToken ct)
    {
        var known = new StoredReferenceCatalogue(await new SnapshotLoader(db).LoadKeysAsync(ct));
        var files = new List<StagedFile>();
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
                            // A framework's skills come along with its roles; what the file changes is counted in roles.
                            files.Add(new StagedFile(input.Name, framework.Roles.Count, async (w, _, today, ct) =>
                            {
                                await w.UpsertSkillsAsync([.. framework.Skills.Select(s => s.Skill)], ct);
                                return await w.ApplyRolesAsync([.. framework.Roles.Select(ToDefinition)], today, ct);
                            }));
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
                    throw new InputRejectedException($"Import of {ImportKinds.Name(request.Kind)} is not read from tables.");
            }

            void Collect<T>(ParseResult<T> result, Action<IReadOnlyList<T>> define)
            {
                errors.AddRange(result.Errors);
                // Records holds only the rows that passed every check: with --skip-invalid they go in on their own.
                if (!result.IsValid && !request.SkipInvalid) return;
                define(result.Records);
                var records = result.Records;
                files.Add(new StagedFile(input.Name, records.Count, (w, source, today, ct) => records switch
                {
                    IReadOnlyList<ImportedSkill> skills => w.UpsertSkillsAsync([.. skills.Select(s => s.Skill)], ct),
                    IReadOnlyList<ImportedRole> roles => w.ApplyRolesAsync([.. roles.Select(ToDefinition)], today, ct),
                    IReadOnlyList<ImportedBadge> badges => w.UpsertBadgesAsync([.. badges.Select(b => b.Badge)], ct),
                    IReadOnlyList<ImportedEmployee> employees => w.ApplyEmployeesAsync(
                        [.. employees.Select(e => new EmployeeChange(e.Employee, e.EffectiveFrom))], today, ct),
                    IReadOnlyList<ImportedAward> awards => w.UpsertAwardsAsync([.. awards.Select(a => a.Award with { Source = source })], ct),
                    _ => throw new InvalidOperationException($"Unexpected records {records.GetType()}."),
                }));
            }
        }
        return new StagedImport(files, errors,
            e => $"{e.Count} problem(s) in {string.Join(", ", e.Select(x => x.File).Distinct())}; nothing was imported.");
    }

    private static RoleDefinition ToDefinition(ImportedRole role) =>
        new(role.Code, role.Title, role.Family, role.Requirements, role.EffectiveFrom);
}
