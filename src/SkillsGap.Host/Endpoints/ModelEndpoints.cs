using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.App;
using SkillsGap.App.Jobs;
using SkillsGap.App.Models;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// <c>GET /api/models</c> (hr; <see cref="ListModels"/>, the document of <c>skillsgap models</c>),
/// <c>POST /api/models/train</c> (hr; 202 and a job that runs <see cref="TrainModel"/>, the use case of <c>skillsgap
/// train</c>) and <c>GET /api/jobs/{id}</c>, the status of any background job (hr).
/// </summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapApiGroup("/api/models", "Models").RequireHr();
        models.MapGet("", ListAsync).WithName("Models")
            .WithSummary("Every stored next-badge model, oldest first: window, cases, validation metrics, served or not (hr).");
        models.MapPost("/train", TrainAsync).WithName("TrainModel")
            .WithSummary("Trains the next-badge model on the history up to and including asOf (hr): 202 and a job.")
            .Problems(StatusCodes.Status400BadRequest);
        routes.MapApiGroup("/api/jobs", "Jobs").RequireHr()
            .MapGet("/{id:long}", JobAsync).WithName("JobStatus")
            .WithSummary("The status of any background job (hr).")
            .Problems(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<ModelLine>>> ListAsync(ListModels models, CancellationToken ct) =>
        TypedResults.Ok(await models.RunAsync(ct));

    private static async Task<AcceptedAtRoute<JobStatusDocument>> TrainAsync(string? asOf, ClaimsPrincipal user, TrainModel train, CancellationToken ct)
    {
        var job = await train.QueueAsync(ApiInput.Date(asOf, "asOf"), SkillsGapPrincipal.ActorOf(user), ct);
        return TypedResults.AcceptedAtRoute(JobStatusDocument.From(job), "JobStatus", new { id = job.Id });
    }

    private static async Task<Ok<JobStatusDocument>> JobAsync(long id, JobLedger jobs, CancellationToken ct) =>
        TypedResults.Ok(JobStatusDocument.From(await jobs.FindAsync(id, ct) ?? throw new NotFoundException($"Job {id} does not exist.")));
}
