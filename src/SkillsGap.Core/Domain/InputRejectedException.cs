namespace SkillsGap.Core.Domain;

/// <summary>
/// The input was rejected and nothing was written: a file that cannot be read, rows that break a rule, a value out of
/// range. Carries the row errors (file, sheet, row, column, value, reason) when there are any. The one rejection type of
/// SkillsGap: the readers throw it, the use cases throw it, the CLI turns it into exit code 2 and the API into a 400.
/// </summary>
public class InputRejectedException : Exception
{
    public InputRejectedException(string message, IReadOnlyList<RowError>? errors = null) : base(message) =>
        Errors = errors ?? [];

    /// <summary>A rejection that is one row error (a file that cannot be read at all, a limit broken).</summary>
    public InputRejectedException(RowError error) : base(error?.ToString()) =>
        Errors = [error ?? throw new ArgumentNullException(nameof(error))];

    public InputRejectedException() : this("The input was rejected.") { }

    public InputRejectedException(string message, Exception inner) : base(message, inner) => Errors = [];

    /// <summary>What was wrong, row by row; empty when the message says it all.</summary>
    public IReadOnlyList<RowError> Errors { get; }
}
