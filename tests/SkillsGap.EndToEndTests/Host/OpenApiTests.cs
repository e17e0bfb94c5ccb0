using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>A host with an empty database (the document needs no data).</summary>
public sealed class EmptyHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Host:LoadSamples"] = "false" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// <c>/openapi/v1.json</c>: readable without a token, declares the JWT bearer scheme, requires it exactly where the
/// route does, documents every mapped route (read from the endpoint data source) with the answers of DESIGN §10.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiTests(EmptyHostFixture fixture) : IClassFixture<EmptyHostFixture>
{
    private TestHost Host => fixture.Host;

    // The routes of DESIGN §10 and the README, with every status each can answer: 401 for a missing or bad token and
    // 403 for a role that may not use it on every secured route; 400 where a query, path or body value can be
    // rejected; 404 where an id names nothing; 413 for an upload over the limit; 202 for work done in the background.
    public static TheoryData<string, string, int[]> Contract => new()
    {
        { "GET", "/api/employees/{id}/gaps", [200, 400, 401, 403, 404] },
        { "GET", "/api/employees/{id}/recommendations", [200, 400, 401, 403, 404] },
        { "GET", "/api/employees/{id}/pathway", [200, 400, 401, 403, 404] },
        { "GET", "/api/employees/{id}/wallet", [200, 400, 401, 403, 404] },
        { "GET", "/api/challenges", [200, 401, 403] },
        { "POST", "/api/challenges", [201, 400, 401, 403] },
        { "GET", "/api/challenges/{id}/progress", [200, 400, 401, 403, 404] },
        { "GET", "/api/teams/{managerId}/gaps", [200, 400, 401, 403, 404] },
        { "GET", "/api/org/gaps", [200, 400, 401, 403, 404] },
        { "POST", "/api/imports/{kind}", [200, 202, 400, 401, 403, 413] },
        { "GET", "/api/imports/{id}", [200, 401, 403, 404] },
        { "POST", "/api/models/train", [202, 400, 401, 403] },
        { "GET", "/api/models", [200, 401, 403] },
        { "POST", "/api/sponsorship", [200, 400, 401, 403, 404] },
        { "GET", "/api/jobs/{id}", [200, 401, 403, 404] },
        { "POST", "/api/reports/runs", [202, 400, 401, 403, 404] },
        { "GET", "/api/reports/runs/{id}", [200, 401, 403, 404] },
        { "GET", "/api/credentials/{id}", [200, 400, 401, 403, 404] },
        { "POST", "/api/credentials/{id}/revoke", [200, 400, 401, 403, 404] },
        { "GET", "/api/audit", [200, 400, 401, 403] },
        { "GET", "/health", [200, 503] },
    };

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task The_document_is_readable_without_a_token(string? token)
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/openapi/v1.json", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_document_declares_a_jwt_bearer_scheme()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
    }

    [Fact]
    public async Task A_secured_route_requires_the_bearer_scheme_and_an_anonymous_one_requires_nothing()
    {
        var document = await DocumentAsync();

        var orgGaps = Operation(document, "GET", "/api/org/gaps");
        var requirement = Assert.Single(orgGaps.GetProperty("security").EnumerateArray());
        var scheme = Assert.Single(requirement.EnumerateObject());
        Assert.Equal("Bearer", scheme.Name);
        Assert.Equal(0, scheme.Value.GetArrayLength());

        var health = Operation(document, "GET", "/health");
        Assert.False(health.TryGetProperty("security", out var none) && none.GetArrayLength() > 0, "/health must not require a token");
    }

    [Fact]
    public async Task Every_operation_but_health_requires_the_bearer_scheme()
    {
        var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            Assert.True(secured == (path != "/health"), $"{method} {path}: security {(secured ? "declared" : "missing")}");
        }
    }

    [Theory]
    [MemberData(nameof(Contract))]
    public async Task Each_route_documents_the_answers_it_gives(string method, string path, int[] statuses)
    {
        var document = await DocumentAsync();

        var responses = Operation(document, method, path).GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(statuses, responses.Order());
    }

    [Fact]
    public async Task The_documented_paths_are_exactly_the_routes_the_app_maps()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal).ToList();

        var mapped = ((IEndpointRouteBuilder)Host.App).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => !NotPartOfTheApi(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {OpenApiPath(e.RoutePattern)}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(mapped, documented);
        // And the contract above is all of it.
        Assert.Equal(Contract.Select(row => $"{row[0]} {row[1]}").Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public async Task The_upload_is_documented_as_a_multipart_form_with_the_file_field()
    {
        var document = await DocumentAsync();

        var schema = Resolve(document, Operation(document, "POST", "/api/imports/{kind}").GetProperty("requestBody").GetProperty("content")
            .GetProperty("multipart/form-data").GetProperty("schema"));

        Assert.Equal("file", Assert.Single(schema.GetProperty("required").EnumerateArray()).GetString());
        var file = Resolve(document, schema.GetProperty("properties").GetProperty("file"));
        Assert.Equal("string", file.GetProperty("type").GetString());
        Assert.Equal("binary", file.GetProperty("format").GetString());
    }

    /// <summary>A schema, or the component schema its <c>$ref</c> names.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    /// <summary>
    /// Routes that are not API operations: the web pages and the Hangfire dashboard (HTML for the cookie sign-in),
    /// the pages' own sign-in and sign-out form posts, and the document itself.
    /// </summary>
    private static bool NotPartOfTheApi(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null) return true;
        var path = OpenApiPath(endpoint.RoutePattern);
        // The published Open Badges documents (/ob/…) are anonymous and documented in the README, not in the bearer API's contract.
        return path.StartsWith("/hangfire", StringComparison.Ordinal) || path.StartsWith("/ob/", StringComparison.Ordinal)
            || path is "/auth/signin" or "/auth/signout" or "/openapi/{documentName}.json";
    }

    /// <summary>A route pattern as OpenAPI writes a path: parameters by name, without constraints.</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException(part.GetType().Name),
        }))));

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await Host.Client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string method, string path) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete" or "head" or "options")
            .Select(o => (o.Name.ToUpperInvariant(), path.Name, o.Value)));
}
