using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkillsGap.EndToEndTests.Host;

/// <summary>
/// <c>POST /api/sponsorship</c>, <c>GET /api/models</c> and the succession of <c>GET /api/org/gaps</c> on the samples:
/// who may plan for which group (hr any; a manager their tree; E-0003 is above E-0008, E-0161 is not), bad budgets,
/// and the §10 document's shape and arithmetic.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class SponsorshipAndModelsApiTests(SampleHostFixture fixture) : IClassFixture<SampleHostFixture>
{
    private TestHost Host => fixture.Host;

    private async Task<HttpResponseMessage> PlanAsync(string? token, object body)
    {
        using var request = Host.Request(HttpMethod.Post, "/api/sponsorship", token);
        request.Content = JsonContent.Create(body);
        return await Host.Client.SendAsync(request);
    }

    public static TheoryData<string, string, int> Access() => new()
    {
        { "hr", "org", 200 },
        { "hr", "department", 200 },
        { "hr", "team E-0008", 200 },
        { "manager E-0008", "team E-0008", 200 },
        { "manager E-0003", "team E-0008", 200 },
        { "manager E-0161", "team E-0008", 403 },
        { "manager E-0008", "team E-0003", 403 },
        { "manager E-0003", "org", 403 },
        { "manager E-0003", "department", 403 },
        { "employee E-0009", "team E-0008", 403 },
        { "employee E-0009", "org", 403 },
        { "none", "org", 401 },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Hr_plans_for_any_group_and_a_manager_for_their_tree_only(string caller, string group, int expected)
    {
        var parts = caller.Split(' ');
        var token = caller == "none" ? null : parts.Length == 1 ? Host.Token(parts[0]) : Host.Token(parts[0], parts[1]);
        object body = group switch
        {
            "org" => new { scope = "org", budgetHours = 20 },
            "department" => new { scope = "department", department = "Engineering", budgetHours = 20 },
            _ => new { scope = "manager", managerId = group.Split(' ')[1], budgetHours = 20 },
        };

        using var response = await PlanAsync(token, body);

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("{\"scope\":\"org\",\"budgetHours\":-5}")]
    [InlineData("{\"scope\":\"org\",\"budgetHours\":0}")]
    [InlineData("{\"scope\":\"org\"}")]
    [InlineData("{\"scope\":\"org\",\"budgetHours\":100000000}")]
    [InlineData("{\"scope\":\"org\",\"budgetHours\":\"lots\"}")]
    [InlineData("{\"scope\":\"everyone\",\"budgetHours\":10}")]
    [InlineData("{\"scope\":\"manager\",\"budgetHours\":10}")]
    public async Task A_bad_budget_or_group_is_a_400(string json)
    {
        using var request = Host.Request(HttpMethod.Post, "/api/sponsorship", Host.Token("hr"));
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_manager_with_a_bad_budget_for_their_own_team_gets_400_and_an_unknown_department_404()
    {
        using var bad = await PlanAsync(Host.Token("manager", "E-0008"), new { scope = "manager", managerId = "E-0008", budgetHours = -1 });
        using var missing = await PlanAsync(Host.Token("hr"), new { scope = "department", department = "No Such Department", budgetHours = 10 });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_plan_is_the_contract_document_and_adds_up()
    {
        using var response = await PlanAsync(Host.Token("hr"), new { scope = "manager", managerId = "E-0003", budgetHours = 30 });
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        // The §10 fields first, in the contract's order.
        string[] contract = ["scope", "asOf", "budgetHours", "hoursUsed", "optimal", "bound", "weightedGapBefore", "weightedGapClosed",
            "readinessBefore", "readinessAfter", "choices"];
        Assert.Equal(contract, root.EnumerateObject().Take(contract.Length).Select(p => p.Name));
        Assert.Equal("manager", root.GetProperty("scope").GetString());
        Assert.Equal(30m, root.GetProperty("budgetHours").GetDecimal());
        var choices = root.GetProperty("choices").EnumerateArray().ToList();
        Assert.NotEmpty(choices);
        string[] choiceFields = ["employee", "badge", "hours", "closes", "weightedGapClosed"];
        Assert.Equal(choiceFields, choices[0].EnumerateObject().Take(choiceFields.Length).Select(p => p.Name));
        // Hours and gap closed are the sums of the choices; each choice's gap closed is Σ weight · (to − from) of what it closes.
        var hours = choices.Sum(c => c.GetProperty("hours").GetDecimal());
        Assert.Equal(root.GetProperty("hoursUsed").GetDecimal(), hours);
        Assert.True(hours <= 30m);
        Assert.Equal(root.GetProperty("weightedGapClosed").GetInt64(), choices.Sum(c => c.GetProperty("weightedGapClosed").GetInt64()));
        foreach (var c in choices)
            Assert.Equal(c.GetProperty("weightedGapClosed").GetInt32(), c.GetProperty("closes").EnumerateArray()
                .Sum(x => x.GetProperty("weight").GetInt32() * (x.GetProperty("to").GetInt32() - x.GetProperty("from").GetInt32())));
        Assert.True(root.GetProperty("readinessAfter").GetDouble() >= root.GetProperty("readinessBefore").GetDouble());
        if (root.GetProperty("optimal").GetBoolean()) Assert.Equal(JsonValueKind.Null, root.GetProperty("bound").ValueKind);
        else Assert.True(root.GetProperty("bound").GetInt64() >= root.GetProperty("weightedGapClosed").GetInt64());
    }

    [Fact]
    public async Task Models_are_listed_for_hr_only()
    {
        using var hr = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/models", Host.Token("hr")));
        using var manager = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/models", Host.Token("manager", "E-0003")));

        Assert.Equal(HttpStatusCode.OK, hr.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await hr.Content.ReadAsStringAsync()).RootElement.ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
    }

    [Fact]
    public async Task The_organisation_gaps_carry_succession_per_role_with_hours_to_ready()
    {
        using var response = await Host.Client.SendAsync(Host.Request(HttpMethod.Get, "/api/org/gaps", Host.Token("hr")));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var roles = document.RootElement.GetProperty("succession").EnumerateArray().ToList();
        Assert.NotEmpty(roles);
        foreach (var role in roles)
        {
            // Ready now: readiness and no hours; ready after training: hours, fewest first.
            foreach (var ready in role.GetProperty("ready").EnumerateArray())
            {
                Assert.True(ready.GetProperty("isReady").GetBoolean());
                Assert.Equal(0m, ready.GetProperty("hoursToReady").GetDecimal());
            }
            var soon = role.GetProperty("soon").EnumerateArray().Select(s => s.GetProperty("hoursToReady").GetDecimal()).ToList();
            Assert.All(soon, h => Assert.True(h > 0));
            Assert.Equal(soon.Order(), soon);
        }
    }
}
