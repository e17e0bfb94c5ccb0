using SkillsGap.Data;
using SkillsGap.Ingestion;

namespace SkillsGap.App.Imports;

/// <summary>
/// What one import asks for: a kind, one or more files read as one batch, and whether to write. With
/// <paramref name="SkipInvalid"/> the rows (or credentials) that pass every check are imported and the others reported,
/// not fatal. <paramref name="Format"/> overrides the extension (csv, xlsx, json; onet or esco for roles);
/// <paramref name="UrlMapFile"/> stands in for the network when Open Badges are checked.
/// </summary>
public sealed record ImportRequest(ImportKind Kind, IReadOnlyList<InputFile> Files, bool DryRun = false, InputFormat Format = InputFormat.Auto,
    bool SkipInvalid = false, string? UrlMapFile = null);

/// <summary>What one file of an import held and changed; <paramref name="ImportId"/> is its row in the <c>imports</c> ledger.</summary>
public sealed record FileOutcome(string File, int Records, ChangeCounts Changes, long ImportId);

/// <summary>
/// What an import changed (or, for a dry run, would change): per file, with the <c>imports</c> ledger rows it wrote
/// (<see cref="ImportIds"/>, one per file, in file order), the rows left out by <see cref="ImportRequest.SkipInvalid"/>, and
/// for Open Badges what the credentials were.
/// </summary>
public sealed record ImportOutcome(ImportKind Kind, bool DryRun, IReadOnlyList<FileOutcome> Files, IReadOnlyList<RowError> Skipped,
    OpenBadgesOutcome? OpenBadges = null)
{
    public ChangeCounts Total => new(Files.Sum(f => f.Changes.Inserted), Files.Sum(f => f.Changes.Updated), Files.Sum(f => f.Changes.Unchanged));

    /// <summary>The <c>imports</c> rows this import wrote, one per file.</summary>
    public IReadOnlyList<long> ImportIds => [.. Files.Select(f => f.ImportId)];
}

/// <summary>
/// What an Open Badges import found: the credentials read, the awards written (also counted per file in
/// <see cref="ImportOutcome.Files"/>), the catalogue badges created from credentials (those flagged for review named), and
/// each file's verification state and, where it is unverified though nothing failed, why (<see cref="StateReasons"/>).
/// </summary>
public sealed record OpenBadgesOutcome(
    int Credentials,
    ChangeCounts Awards,
    ChangeCounts Badges,
    IReadOnlyList<string> BadgesForReview,
    IReadOnlyList<(string File, VerificationState State)> States,
    IReadOnlyList<(string File, string Reason)>? StateReasons = null)
{
    /// <summary>Why a file's credentials are unverified although nothing failed (e.g. revocation could not be checked offline).</summary>
    public IReadOnlyList<(string File, string Reason)> Reasons => StateReasons ?? [];
}

/// <summary>An import was rejected (nothing written); <see cref="ImportIds"/> are the <c>imports</c> rows that record why.</summary>
public sealed class ImportRejectedException : InputRejectedException
{
    public ImportRejectedException(string message, IReadOnlyList<RowError> errors, IReadOnlyList<long> importIds) : base(message, errors) =>
        ImportIds = importIds;

    public ImportRejectedException() : this("The import was rejected.", [], []) { }

    public ImportRejectedException(string message) : this(message, [], []) { }

    public ImportRejectedException(string message, Exception inner) : base(message, inner) => ImportIds = [];

    /// <summary>The <c>imports</c> rows of the rejection, one per file.</summary>
    public IReadOnlyList<long> ImportIds { get; }
}
