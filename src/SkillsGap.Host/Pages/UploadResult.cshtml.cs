using Microsoft.AspNetCore.Mvc;
using SkillsGap.App.Imports;
using SkillsGap.Host.Security;
using SkillsGap.Host.Web;

namespace SkillsGap.Host.Pages;

/// <summary>
/// <c>/uploads/{id}</c> (hr only, as the uploads page): one past import's result — kind, file name, when, dry run or not,
/// status, inserted / updated / unchanged counts and its row errors — read from the <c>imports</c> ledger through App.
/// </summary>
public sealed class UploadResultModel(ImportLedger ledger) : SkillsGapPageModel
{
    /// <summary>The import shown; null when refused or missing.</summary>
    public ImportRecordView? Import { get; private set; }

    /// <summary>The file's name as uploaded, never a server path.</summary>
    public string FileName => Import is null ? "" : Path.GetFileName(Import.Line.File.Replace('\\', '/'));

    /// <summary>The status in plain words.</summary>
    public string StatusText => Import?.Line.Status switch
    {
        ImportLedger.Imported => "Imported",
        ImportLedger.DryRun => "Checked by a dry run (nothing was written)",
        ImportLedger.Rejected => "Rejected (nothing was written)",
        { } other => other,
        null => "",
    };

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!AccessRules.IsHr(User)) return Denied("Uploads are for HR only.");
        Import = await ledger.ResultAsync(id, ct);
        if (Import is null) return Missing($"Import {Format.Count(id)} does not exist.");
        return Page();
    }
}
