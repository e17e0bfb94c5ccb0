using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SkillsGap.Host.Security;

namespace SkillsGap.Host.Endpoints;

/// <summary>
/// The OpenAPI contract (<c>/openapi/v1.json</c>, readable anonymously): a JWT bearer security scheme, required by
/// exactly the operations whose endpoint requires authorization, and the 401/403 answers every such route can give.
/// </summary>
public static class ApiDocumentation
{
    /// <summary>Name of the security scheme in <c>components.securitySchemes</c>.</summary>
    public const string BearerSchemeName = "Bearer";

    private const string ProblemJson = "application/problem+json";

    /// <summary>Registers the document with its security scheme and per-operation requirements.</summary>
    public static IServiceCollection AddSkillsGapOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "SkillsGap API";
                document.Info.Description = "Skills-gap figures, recommendations, pathways, imports, jobs and report runs. "
                    + "Every /api route takes a bearer token (an OIDC authority's, or `skillsgap token` on the embedded default); "
                    + "errors are ProblemDetails.";
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                document.Components.SecuritySchemes[BearerSchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT in the Authorization header: `Authorization: Bearer <token>`.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (!RequiresAuthorization(context.Description.ActionDescriptor.EndpointMetadata)) return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(BearerSchemeName, context.Document)] = [],
                });
                return Task.CompletedTask;
            });
        });

    /// <summary>Whether an endpoint with this metadata needs a signed-in caller (authorize data and no allow-anonymous).</summary>
    public static bool RequiresAuthorization(IEnumerable<object> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var list = metadata as IList<object> ?? [.. metadata];
        return list.Any(m => m is IAuthorizeData or AuthorizationPolicy) && !list.Any(m => m is IAllowAnonymous);
    }

    /// <summary>
    /// The API's bearer policy, with the answers it adds to every route: 401 (no, expired or wrongly signed token)
    /// and 403 (the caller's role may not use the resource), both ProblemDetails.
    /// </summary>
    public static TBuilder RequireBearer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(SkillsGapPolicies.Api);
        return builder.Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
    }

    /// <summary>Declares ProblemDetails answers with these status codes.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statusCodes) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(statusCodes);
        foreach (var status in statusCodes)
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]));
        return builder;
    }
}
