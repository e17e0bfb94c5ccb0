namespace SkillsGap.Core.Domain;

/// <summary>Rules shared by the string identifiers: trimmed, non-empty, at most 200 characters.</summary>
internal static class Identifier
{
    public const int MaxLength = ValueBounds.MaxIdLength;

    public static string Validate(string? value, string kind)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new ArgumentException($"A {kind} must not be empty.", nameof(value));
        if (trimmed.Length > MaxLength)
            throw new ArgumentException($"A {kind} must be at most {MaxLength} characters.", nameof(value));
        return trimmed;
    }
}

/// <summary>Stable code of a skill (may be an ESCO, O*NET, SFIA or Lightcast id or URI).</summary>
public readonly record struct SkillCode
{
    public SkillCode(string value) => Value = Identifier.Validate(value, "skill code");
    public string Value { get; }
    public override string ToString() => Value;
}

/// <summary>Stable code of a role.</summary>
public readonly record struct RoleCode
{
    public RoleCode(string value) => Value = Identifier.Validate(value, "role code");
    public string Value { get; }
    public override string ToString() => Value;
}

/// <summary>Id of a badge (micro-credential) in the catalogue; may be a BadgeClass or Achievement URL.</summary>
public readonly record struct BadgeId
{
    public BadgeId(string value) => Value = Identifier.Validate(value, "badge id");
    public string Value { get; }
    public override string ToString() => Value;
}

/// <summary>Id of an employee.</summary>
public readonly record struct EmployeeId
{
    public EmployeeId(string value) => Value = Identifier.Validate(value, "employee id");
    public string Value { get; }
    public override string ToString() => Value;
}
