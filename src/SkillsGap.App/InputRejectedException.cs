using SkillsGap.Core.Domain;

namespace SkillsGap.App;

/// <summary>The input was rejected and nothing was written (exit code 2, HTTP 400).</summary>
public sealed class InputRejectedException : Exception
{
    public InputRejectedException(string message, IReadOnlyList<RowError>? errors = null) : base(message) =>
        Errors = errors ?? [];

    public InputRejectedException() : this("The input was rejected.") { }

    public InputRejectedException(string message, Exception inner) : base(message, inner) => Errors = [];

    public IReadOnlyList<RowError> Errors { get; }
}
