using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;

namespace SkillsGap.App.Health;

/// <summary>Whether the database answers, and what it said (for <c>/health</c>).</summary>
public sealed record HealthFinding(bool Healthy, string Description);

/// <summary>The database health check of <c>/health</c>: one small query.</summary>
public sealed class DatabaseHealth(IDbContextFactory<SkillsGapDbContext> contexts)
{
    public async Task<HealthFinding> CheckAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var employees = await db.Employees.CountAsync(ct);
            return new HealthFinding(true, $"{db.Provider}: {employees} employee(s).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthFinding(false, $"The database does not answer: {e.Message}");
        }
    }
}
