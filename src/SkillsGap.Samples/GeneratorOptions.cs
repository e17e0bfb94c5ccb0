namespace SkillsGap.Samples;

/// <summary>
/// What the sample organisation generator produces: <paramref name="Employees"/> people, award history over
/// <paramref name="Years"/> years ending on <paramref name="Until"/> (default 2026-11-27), all decided by <paramref name="Seed"/>.
/// </summary>
public sealed record GeneratorOptions(int Employees = 400, int Seed = 42, DateOnly Until = default, int Years = 3)
{
    /// <summary>The last day of generated history when none is given.</summary>
    public static DateOnly DefaultUntil { get; } = new(2026, 11, 27);

    public int Employees { get; init; } = Employees >= 1
        ? Employees
        : throw new ArgumentOutOfRangeException(nameof(Employees), Employees, "At least one employee is needed.");

    public DateOnly Until { get; init; } = Until == default ? DefaultUntil : Until;

    public int Years { get; init; } = Years is >= 1 and <= 50
        ? Years
        : throw new ArgumentOutOfRangeException(nameof(Years), Years, "Years of history is between 1 and 50.");

    /// <summary>The first day of generated history (the launch of the badge programme): <see cref="Until"/> minus <see cref="Years"/> years.</summary>
    public DateOnly From => Until.AddYears(-Years);
}
