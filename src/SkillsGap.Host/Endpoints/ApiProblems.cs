using Microsoft.AspNetCore.Diagnostics;
using SkillsGap.App;
using SkillsGap.App.Imports;
using SkillsGap.Core.Domain;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// Every error answer of the API, written one way: ProblemDetails (<c>application/problem+json</c>) with the status, a
/// title per status and the detail. The sign-in schemes' 401 and 403 (a missing or bad token, a role the route's policy
/// refuses) and <see cref="DomainExceptionHandler"/> (what the use cases throw) both write through <see cref="WriteAsync"/>.
/// </summary>
public static class ApiProblems
{
    /// <summary>The title of each status the API answers with.</summary>
    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The input was rejected; nothing was written.",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found.",
        StatusCodes.Status413PayloadTooLarge => "The upload is larger than the configured limit.",
        _ => "The request could not be read.",
    };

    /// <summary>Writes the ProblemDetails of <paramref name="status"/>, with extensions such as a rejection's row errors.</summary>
    public static async Task<bool> WriteAsync(HttpContext http, int status, string detail, Exception? exception = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = Title(status), Detail = detail },
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) context.ProblemDetails.Extensions[key] = value;
        return await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(context);
    }
}

/// <summary>
/// The one path from what a use case throws to an HTTP answer: <see cref="InputRejectedException"/> is 400 with its row
/// errors as <c>errors</c> (and, for an upload, its status resource as <c>importId</c>), <see cref="AccessDeniedException"/>
/// 403, <see cref="NotFoundException"/> 404, a request the server refused to read keeps its status (e.g. 413). Anything
/// else is left alone and stays a 500: no catch-all hides a bug.
/// </summary>
public sealed class DomainExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var extensions = new Dictionary<string, object?>();
        var status = exception switch
        {
            InputRejectedException => StatusCodes.Status400BadRequest,
            AccessDeniedException => StatusCodes.Status403Forbidden,
            NotFoundException => StatusCodes.Status404NotFound,
            BadHttpRequestException bad => bad.StatusCode,
            _ => 0,
        };
        if (status == 0) return false;
        if (exception is InputRejectedException { Errors.Count: > 0 } rejected) extensions["errors"] = RowErrorDocument.From(rejected.Errors);
        if (exception is ImportJobRejectedException upload) extensions["importId"] = upload.Job.Id;
        return await ApiProblems.WriteAsync(httpContext, status, exception.Message, exception, extensions);
    }
}

/// <summary>Registers the API's error answers: ProblemDetails and <see cref="DomainExceptionHandler"/> (used with <c>UseExceptionHandler</c>).</summary>
public static class ApiErrorsSetup
{
    public static IServiceCollection AddSkillsGapApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        return services;
    }
}
