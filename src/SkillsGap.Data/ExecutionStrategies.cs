using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SkillsGap.Data;

/// <summary>Runs a transaction through the provider's execution strategy when, and only when, that strategy retries.</summary>
public static class ExecutionStrategies
{
    /// <summary>
    /// Runs <paramref name="operation"/> — which opens, and commits or rolls back, its own transaction — through SQL
    /// Server's retrying execution strategy, which runs it again from the start after a transient failure (the operation
    /// must only write from what it was given). On SQLite and PostgreSQL it runs once, directly: their default
    /// strategies would report any exception they take for transient (a <see cref="TimeoutException"/> thrown by the
    /// operation itself, say) wrapped in an <see cref="InvalidOperationException"/> instead of as itself.
    /// </summary>
    public static Task<T> RunTransactionAsync<T>(this DatabaseFacade database, Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(operation);
        var strategy = database.CreateExecutionStrategy();
        return strategy.RetriesOnFailure ? strategy.ExecuteAsync(operation, ct) : operation(ct);
    }
}
