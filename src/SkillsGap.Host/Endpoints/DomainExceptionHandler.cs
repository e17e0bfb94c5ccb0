using Microsoft.AspNetCore.Diagnostics;
using SkillsGap.App;
using SkillsGap.Core.Domain;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// Turns the use cases' domain errors into ProblemDetails: a rejected input is 400 with its row errors as
/// <c>errors</c>, a missing employee, team or role is 404, a request the server refused to read keeps its status
/// (e.g. 413). Anything else is left alone and stays a 500.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title, errors) = exception switch
        {
            InputRejectedException rejected => (StatusCodes.Status400BadRequest, "The input was rejected; nothing was written.", rejected.Errors),
            NotFoundException => (StatusCodes.Status404NotFound, "Not found.", null),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The upload is larger than the configured limit." : "The request could not be read.", null),
            _ => (0, "", (IReadOnlyList<RowError>?)null),
        };
        if (status == 0) return false;
        httpContext.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        };
        if (errors is { Count: > 0 }) context.ProblemDetails.Extensions["errors"] = RowErrorDocument.From(errors);
        if (httpContext.Items.TryGetValue(ImportIdItem, out var importId)) context.ProblemDetails.Extensions["importId"] = importId;
        return await problems.TryWriteAsync(context);
    }

    /// <summary><see cref="HttpContext.Items"/> key under which an import endpoint leaves its status resource id.</summary>
    public const string ImportIdItem = "skillsgap.importId";
}

/// <summary>A row error in a response: where (file, sheet, row, column), which value and why.</summary>
public sealed record RowErrorDocument(string File, string? Sheet, int? Row, string? Column, string? Value, string Reason)
{
    public static IReadOnlyList<RowErrorDocument> From(IEnumerable<RowError> errors) =>
        [.. errors.Select(e => new RowErrorDocument(e.File, e.Sheet, e.Row, e.Column, e.Value, e.Reason))];
}
