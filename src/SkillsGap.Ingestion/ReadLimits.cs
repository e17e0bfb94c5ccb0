namespace SkillsGap.Ingestion;

/// <summary>Bounds that protect a reader from oversized or hostile input; a file beyond any of them is rejected whole.</summary>
/// <param name="MaxFileBytes">Largest file accepted, in bytes (200 MB by default).</param>
/// <param name="MaxRows">Most data rows accepted in one file.</param>
/// <param name="MaxXlsxUncompressedBytes">Largest total uncompressed size of an XLSX package's entries (zip bomb guard).</param>
/// <param name="MaxJsonDepth">Deepest nesting accepted in a JSON file.</param>
/// <param name="MaxErrors">Errors kept before the rest are summarised as "… and N more".</param>
/// <param name="MaxCompressionRatio">Highest uncompressed/compressed ratio accepted for an XLSX entry larger than 1 MB.</param>
/// <param name="MaxFieldChars">
/// Longest value of one cell, field or JSON string, in characters: 32,767, Excel's own cell limit. A longer one rejects the
/// file as soon as it is met, without reading the value into memory.
/// </param>
/// <param name="MaxRowChars">Longest row (all its fields together), in characters.</param>
/// <param name="MaxColumns">Most columns (or distinct JSON property names): 16,384, Excel's own limit.</param>
/// <param name="MaxSharedStringChars">Most characters in an XLSX workbook's shared string table (held in memory while its sheet is read).</param>
public sealed record ReadLimits(
    long MaxFileBytes = 200L * 1024 * 1024,
    long MaxRows = 5_000_000,
    long MaxXlsxUncompressedBytes = 1024L * 1024 * 1024,
    int MaxJsonDepth = 32,
    int MaxErrors = 1_000,
    double MaxCompressionRatio = 200,
    int MaxFieldChars = 32_767,
    int MaxRowChars = 1_048_576,
    int MaxColumns = 16_384,
    long MaxSharedStringChars = 128L * 1024 * 1024)
{
    /// <summary>The limits used when a caller passes none.</summary>
    public static ReadLimits Default { get; } = new();
}

/// <summary>How public frameworks (O*NET, ESCO) are turned into role frameworks.</summary>
public sealed record RoleFrameworkOptions
{
    /// <summary>The options used when a caller passes none.</summary>
    public static RoleFrameworkOptions Default { get; } = new();

    /// <summary>Explicit framework; when <see cref="InputFormat.Auto"/>, taken from the file's format (Onet or Esco).</summary>
    public InputFormat Format { get; init; } = InputFormat.Auto;

    /// <summary>Required level for an ESCO essential skill (ESCO has no proficiency levels). Default 3, practitioner.</summary>
    public int EscoLevel { get; init; } = 3;

    /// <summary>Weight of an ESCO essential skill. Default 3.</summary>
    public int EscoWeight { get; init; } = 3;

    /// <summary>O*NET importance (IM, 1–5) from which an element becomes a requirement. Default 3.0.</summary>
    public decimal OnetMinImportance { get; init; } = 3.0m;

    /// <summary>O*NET importance from which a requirement is critical. Default 4.5 ("very" to "extremely" important).</summary>
    public decimal OnetCriticalImportance { get; init; } = 4.5m;

    /// <summary>
    /// Keep O*NET ratings flagged <c>Recommend Suppress = Y</c> (low-precision estimates). Default false: such an
    /// element is left out of the role rather than imported at an unreliable level.
    /// </summary>
    public bool OnetIncludeSuppressed { get; init; }

    /// <summary>
    /// Opens a companion file that sits beside the framework file (<c>Occupation Data.txt</c>, <c>occupations_en.csv</c>, …),
    /// or returns null when there is none. Default: the file of that name in the same folder as <see cref="InputFile.Name"/>.
    /// </summary>
    public Func<InputFile, string, Stream?>? OpenCompanion { get; init; }
}
