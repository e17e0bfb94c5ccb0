using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkillsGap.Data;

namespace SkillsGap.EndToEndTests.Cli;

/// <summary>`verify` and `import openbadges` on 1EdTech's fixtures (../shared/external/openbadges-1edtech-inspector).</summary>
public sealed class OpenBadgesCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private static readonly string Inspector = Path.Combine(CliRunner.ExternalFolder, "openbadges-1edtech-inspector");
    private static string Fixture(string relative) => Path.Combine(Inspector, relative);
    private static readonly string UrlMap = Fixture("url_map.json");

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Verify_gives_a_verdict_per_file_and_exits_2_when_one_is_invalid()
    {
        var result = await _cli.RunAsync("verify", Fixture("ob30/simple.json"), Fixture("ob20/basic-assertion.json"),
            Fixture("ob30/simple-err-expired.json"), "--url-map", UrlMap, "--as-of", "2026-11-28", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        var verdicts = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray()
            .Select(v => (Path.GetFileName(v.GetProperty("file").GetString()!), v.GetProperty("spec").GetString(), v.GetProperty("verdict").GetString()))
            .ToArray();
        Assert.Equal(
            [("simple.json", "OB3.0", "valid"), ("basic-assertion.json", "OB2.0", "valid"), ("simple-err-expired.json", "OB3.0", "invalid")],
            verdicts);
    }

    [Fact]
    public async Task Verify_exits_0_when_every_file_holds_up()
    {
        var result = await _cli.RunAsync("verify", Fixture("ob30/simple.json"), Fixture("ob20/simple-badge.png"), "--url-map", UrlMap);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task LoadWithRoboticsBadgeAsync()
    {
        await TinyOrganisation.LoadAsync(_cli);
        // The catalogue knows the 1EdTech robotics BadgeClass by its URL; it attests VIZ at level 2.
        var badge = await _cli.RunAsync("import", "badges", _cli.WriteFile("ob-badges.csv",
            "badge_id,badge_name,skills,hours\nhttps://example.org/robotics-badge.json,Robotics,VIZ:2,5\n"));
        Assert.True(badge.ExitCode == 0, badge.ToString());
        // basic-assertion.json's recipient is sha256(nobody@example.org + salt "deadsea").
        var person = await _cli.RunAsync("import", "employees", _cli.WriteFile("ob-employees.csv",
            "employee_id,name,email,role_code\nE-5,No Body,nobody@example.org,ANALYST\n"));
        Assert.True(person.ExitCode == 0, person.ToString());
    }

    private async Task<double> ReadinessOfE5Async()
    {
        var gaps = await _cli.RunAsync("gaps", "--employee", "E-5", "--as-of", "2026-01-31", "--format", "json");
        Assert.True(gaps.ExitCode == 0, gaps.ToString());
        return JsonDocument.Parse(gaps.StdOut).RootElement.GetProperty("employees")[0].GetProperty("readiness").GetDouble();
    }

    [Fact]
    public async Task An_imported_badge_with_a_hashed_recipient_raises_the_employees_figures_and_stays_unverified()
    {
        await LoadWithRoboticsBadgeAsync();
        Assert.Equal(0.0, await ReadinessOfE5Async(), 10);

        var result = await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), "--url-map", UrlMap);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("awards 1 inserted", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("basic-assertion.json: unverified", result.StdOut, StringComparison.Ordinal);
        // ANALYST: Σ w·req = 25; VIZ 2 of weight 2 → 2·2 / 25 = 0.16.
        Assert.Equal(0.16, await ReadinessOfE5Async(), 10);

        // An option turns unverified awards off: the same award no longer counts.
        _cli.Environment["SKILLSGAP_Figures__CountUnverified"] = "false";
        Assert.Equal(0.0, await ReadinessOfE5Async(), 10);
    }

    [Fact]
    public async Task A_signed_badge_is_verified_only_when_its_revocation_list_could_be_checked()
    {
        await LoadWithRoboticsBadgeAsync();
        // The same url map, with the issuer's revocation list left out (paths made absolute, one entry overridden).
        var map = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(UrlMap))!.AsObject();
        void Absolute(System.Text.Json.Nodes.JsonObject node)
        {
            foreach (var (key, value) in node.ToList())
                if (value is System.Text.Json.Nodes.JsonObject child) Absolute(child);
                else if (value is System.Text.Json.Nodes.JsonValue text && text.TryGetValue<string>(out var path) && !key.StartsWith('_'))
                    node[key] = Path.Combine(Inspector, path) + (path.EndsWith('/') ? "/" : "");
        }
        Absolute(map);
        map["http://example.org/empty-revocation-list.json"] = Path.Combine(_cli.WorkFolder, "no-such-list.json");
        var withoutList = _cli.WriteFile("url-map-without-list.json", map.ToJsonString());

        var unchecked_ = await _cli.RunAsync("import", "openbadges", Fixture("ob20/simple-not-revoked.jwt"), "--url-map", withoutList, "--dry-run");
        var checked_ = await _cli.RunAsync("import", "openbadges", Fixture("ob20/simple-not-revoked.jwt"), "--url-map", UrlMap, "--dry-run");

        Assert.True(unchecked_.ExitCode == 0, unchecked_.ToString());
        // The reason is part of the import's output (#11), not only of `verify`.
        Assert.Contains("simple-not-revoked.jwt: unverified (the signature verified but revocation could not be checked: the issuer's revocation list "
            + "http://example.org/empty-revocation-list.json is not available offline (add it to the url map))", unchecked_.StdOut, StringComparison.Ordinal);
        Assert.True(checked_.ExitCode == 0, checked_.ToString());
        Assert.Contains("simple-not-revoked.jwt: verified\n", checked_.StdOut.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha1", 40)]
    [InlineData("sha512", 128)]
    public async Task A_recipient_hashed_with_an_undefined_algorithm_is_rejected_saying_so(string algorithm, int digits)
    {
        await LoadWithRoboticsBadgeAsync();
        var assertion = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("ob20/basic-assertion.json")))!;
        assertion["recipient"]!["identity"] = algorithm + "$" + new string('c', digits);

        var result = await _cli.RunAsync("import", "openbadges", _cli.WriteFile("hashed.json", assertion.ToJsonString()), "--url-map", UrlMap);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("hashed.json", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"hashed with '{algorithm}', which Open Badges does not define", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("matches no employee", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_credential_again_changes_nothing()
    {
        await LoadWithRoboticsBadgeAsync();
        await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), "--url-map", UrlMap);
        var again = await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), "--url-map", UrlMap);
        Assert.Contains("awards 0 inserted, 0 updated, 1 unchanged", again.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_badges_import_writes_its_ledger_row_and_its_award_names_that_row_as_source()
    {
        await LoadWithRoboticsBadgeAsync();

        var first = await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), "--url-map", UrlMap);
        var again = await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), "--url-map", UrlMap);

        Assert.True(first.ExitCode == 0 && again.ExitCode == 0, first + "\n" + again);
        await using var db = SkillsGapDbContextOptions.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_cli.DatabaseFile}" });
        var rows = await db.Imports.AsNoTracking().Where(i => i.Kind == "openbadges").OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([("imported", 1, 0), ("imported", 0, 1)], rows.Select(r => (r.Status, r.Inserted, r.Unchanged)));
        Assert.All(rows, r => Assert.EndsWith("basic-assertion.json", r.FileName, StringComparison.Ordinal));
        // The award came with the first import; the second changed nothing, so the source still names the first.
        var award = await db.Awards.AsNoTracking().SingleAsync(a => a.BadgeId == "https://example.org/robotics-badge.json");
        Assert.Equal($"import:{rows[0].Id}", award.Source);
    }

    [Fact]
    public async Task A_credential_whose_recipient_is_nobody_here_is_rejected_and_nothing_is_written()
    {
        await LoadWithRoboticsBadgeAsync();
        var before = await _cli.RunAsync("gaps", "--org", "--as-of", "2026-01-31", "--format", "json");

        // simple.json is valid but its subject is a DID, no e-mail; basic-assertion.json alone would import.
        var result = await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), Fixture("ob30/simple.json"), "--url-map", UrlMap);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("simple.json", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before.StdOut, (await _cli.RunAsync("gaps", "--org", "--as-of", "2026-01-31", "--format", "json")).StdOut);
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_credentials_and_lists_the_rest()
    {
        await LoadWithRoboticsBadgeAsync();

        var result = await _cli.RunAsync("import", "openbadges", Fixture("ob20/basic-assertion.json"), Fixture("ob30/simple-err-expired.json"),
            "--url-map", UrlMap, "--skip-invalid");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("skipped:", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("simple-err-expired.json", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0.16, await ReadinessOfE5Async(), 10);
        // Both files are in the ledger: the good one with its award, the skipped one with its error and nothing written.
        await using var db = SkillsGapDbContextOptions.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_cli.DatabaseFile}" });
        var rows = await db.Imports.AsNoTracking().Where(i => i.Kind == "openbadges").OrderBy(i => i.Id).ToListAsync();
        Assert.Equal([("basic-assertion.json", 1, 0), ("simple-err-expired.json", 0, 1)],
            rows.Select(r => (Path.GetFileName(r.FileName), r.Inserted, r.ErrorCount)));
    }

    [Fact]
    public async Task A_badge_missing_from_the_catalogue_is_created_from_its_alignments_at_level_1_for_review()
    {
        await TinyOrganisation.LoadAsync(_cli);
        // complete.json aligns its achievement to targetCode "degree"; its recipient is student@1edtech.edu (plain).
        await _cli.RunAsync("import", "skills", _cli.WriteFile("degree.csv", "skill_code,skill_name\ndegree,University degree\n"));
        await _cli.RunAsync("import", "employees", _cli.WriteFile("student.csv",
            "employee_id,name,email,role_code\nE-6,Stu Dent,student@1edtech.edu,ANALYST\n"));

        var result = await _cli.RunAsync("import", "openbadges", Fixture("ob30/complete.json"), "--url-map", UrlMap);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("badges 1 created", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("https://1edtech.edu/achievements/degree was created at level 1 and needs review", result.StdOut, StringComparison.Ordinal);
    }
}
