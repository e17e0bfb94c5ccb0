using System.Globalization;
using SkillsGap.Core.Domain;

namespace SkillsGap.Host.Endpoints;

/// <summary>Route and query values checked once at the edge: a bad one is a 400 ProblemDetails, not a 500.</summary>
internal static class ApiInput
{
    public static EmployeeId Employee(string id) => Checked(() => new EmployeeId(id));

    public static RoleCode? Role(string? code) => string.IsNullOrWhiteSpace(code) ? null : Checked(() => new RoleCode(code));

    public static DateOnly? Date(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return ValueBounds.IsInRange(date) ? date
                : throw new InputRejectedException($"{name} '{text}' is outside the business dates {ValueBounds.DateRange}.");
        throw new InputRejectedException($"{name} '{text}' is not an ISO 8601 date (YYYY-MM-DD).");
    }

    private static T Checked<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException bad)
        {
            throw new InputRejectedException(bad.Message);
        }
    }
}
