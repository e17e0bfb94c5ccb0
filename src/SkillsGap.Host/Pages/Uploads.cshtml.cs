using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.Core.Domain;
using SkillsGap.Data;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;
using SkillsGap.Ingestion;

namespace SkillsGap.Host.Pages;

/// <summary>HR's uploads: one file of a chosen kind imported at once, its row errors shown, and the recent imports.</summary>
public sealed class UploadsModel(ImportFiles import, SkillsGapDbContext db) : SkillsGapPageModel
{
    private const int LedgerSize = 20;

    /// <summary>The kinds offered, in the order HR loads them.</summary>
    public static IReadOnlyList<ImportKind> Kinds { get; } = [ImportKind.Skills, ImportKind.Roles, ImportKind.Badges, ImportKind.Employees, ImportKind.Awards];

    [BindProperty]
    [Required]
    public ImportKind? Kind { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DryRun { get; set; }

    [BindProperty]
    public bool SkipInvalid { get; set; }

    /// <summary>What the last post did; null before any.</summary>
    public UploadResult? Result { get; private set; }

    public IReadOnlyList<LedgerLine> Ledger { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed()) return Denied("Uploads are for HR only.");
        await LoadLedgerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Allowed()) return Denied("Uploads are for HR only.");
        if (Kind is not ImportKind kind || !Kinds.Contains(kind))
            ModelState.AddModelError(nameof(Kind), "Choose what the file holds.");
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), "Choose a non-empty file.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadLedgerAsync(ct);
            return Page();
        }

        var chosen = Kind!.Value;
        var name = Path.GetFileName(Upload!.FileName);
        if (string.IsNullOrWhiteSpace(name)) name = "upload";
        var bytes = new byte[Upload.Length];
        await using (var stream = Upload.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        var file = new InputFile(name, () => new MemoryStream(bytes, writable: false));
        try
        {
            var outcome = await import.RunAsync(new ImportRequest(chosen, [file], DryRun, InputFormat.Auto, SkipInvalid), ct);
            Result = new UploadResult(name, chosen, Rejected: false, outcome.DryRun, Message(outcome), outcome.Skipped);
        }
        catch (InputRejectedException rejected)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Result = new UploadResult(name, chosen, Rejected: true, DryRun, rejected.Message, rejected.Errors);
        }
        await LoadLedgerAsync(ct);
        return Page();
    }

    private bool Allowed() => AccessRules.IsHr(User);

    private static string Message(ImportOutcome outcome)
    {
        var total = outcome.Total;
        var verb = outcome.DryRun ? "Dry run — would change" : "Imported";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{verb}: {outcome.Files.Sum(f => f.Records)} record(s); {total.Inserted} inserted, {total.Updated} updated, {total.Unchanged} unchanged.");
    }

    private async Task LoadLedgerAsync(CancellationToken ct)
    {
        var rows = await db.Imports.AsNoTracking().OrderByDescending(i => i.Id).Take(LedgerSize).ToListAsync(ct);
        Ledger = [.. rows.Select(r => new LedgerLine(r.Id, r.StartedAt, r.Kind, r.FileName, r.Status, r.DryRun, r.Inserted, r.Updated, r.Unchanged, r.ErrorCount))];
    }
}

/// <summary>The outcome of one upload: accepted (with any rows skipped) or rejected with its row errors.</summary>
public sealed record UploadResult(string File, ImportKind Kind, bool Rejected, bool DryRun, string Message, IReadOnlyList<RowError> Errors);

/// <summary>One line of the imports ledger.</summary>
public sealed record LedgerLine(long Id, DateTimeOffset StartedAt, string Kind, string File, string Status, bool DryRun, int Inserted, int Updated, int Unchanged, int Errors);
