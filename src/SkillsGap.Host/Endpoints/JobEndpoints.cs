using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using SkillsGap.App;
using SkillsGap.Data;
using SkillsGap.Data.Entities;
using SkillsGap.Host.Jobs;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary><c>POST /api/models/train</c> (hr; 202 and a job) and <c>GET /api/jobs/{id}</c>, the status of any background job.</summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/models/train", TrainAsync).WithName("TrainModel").WithTags("Models")
            .WithSummary("Trains the next-badge model on the history up to asOf (hr): 202 and a job.")
            .RequireBearer().Problems(StatusCodes.Status400BadRequest);
        routes.MapGet("/api/jobs/{id:long}", StatusAsync).WithName("JobStatus").WithTags("Jobs")
            .WithSummary("The status of any background job (hr).")
            .RequireBearer().Problems(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<AcceptedAtRoute<JobStatusDocument>, ProblemHttpResult>> TrainAsync(
        string? asOf, ClaimsPrincipal user, SkillsGapDbContext db, IBackgroundJobClient jobs, BusinessCalendar calendar, CancellationToken ct)
    {
        if (!AccessRules.IsHr(user)) return GapsEndpoints.Forbidden("Training is for hr only.");
        var job = new JobEntity
        {
            Kind = "train",
            Status = JobLedger.Queued,
            RequestedBy = user.Identity?.Name,
            CreatedAt = calendar.Now,
            ArgumentsJson = JobLedger.Write(new TrainArguments(ApiInput.Date(asOf, "asOf") ?? calendar.Today)),
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<TrainModelJob>(j => j.RunAsync(job.Id, CancellationToken.None));
        return TypedResults.AcceptedAtRoute(JobStatusDocument.From(job), "JobStatus", new { id = job.Id });
    }

    private static async Task<Results<Ok<JobStatusDocument>, ProblemHttpResult>> StatusAsync(
        long id, ClaimsPrincipal user, SkillsGapDbContext db, CancellationToken ct)
    {
        if (!AccessRules.IsHr(user)) return GapsEndpoints.Forbidden("Jobs are for hr only.");
        var job = await db.Jobs.FindAsync([id], ct) ?? throw new NotFoundException($"Job {id} does not exist.");
        return TypedResults.Ok(JobStatusDocument.From(job));
    }
}
