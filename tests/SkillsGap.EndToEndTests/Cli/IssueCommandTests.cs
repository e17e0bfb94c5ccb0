using System.Text.Json;

namespace SkillsGap.EndToEndTests.Cli;

/// <summary>
/// `issue` and `revoke` as processes on the tiny organisation (every badge is Acme Academy's), and the credentials they
/// write — JSON, baked PNG and baked SVG — checked by `skillsgap verify` with the status lists written beside them.
/// </summary>
public sealed class IssueCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public IssueCommandTests()
    {
        _cli.Environment["SKILLSGAP_Issuer__Name"] = "Acme Academy";
        _cli.Environment["SKILLSGAP_Issuer__PublicBaseUrl"] = "https://skills.acme.example";
        _cli.Environment["SKILLSGAP_Issuer__Url"] = "https://acme.example";
    }

    public void Dispose() => _cli.Dispose();

    private static JsonElement[] Items(CliResult result) => [.. JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray()];

    [Fact]
    public async Task Issued_credentials_verify_as_json_png_and_svg_and_a_revoked_one_stops_verifying()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var folder = Path.Combine(_cli.WorkFolder, "credentials");

        var issue = await _cli.RunAsync("issue", "--all", "--out", folder, "--format", "json");

        Assert.True(issue.ExitCode == 0, issue.ToString());
        var items = Items(issue);
        // The eight award rows of TinyOrganisation.Awards, all of Acme Academy's badges; Bob holds SQL-101 twice.
        Assert.Equal(8, items.Length);
        Assert.All(items, i => Assert.True(i.GetProperty("new").GetBoolean()));
        Assert.All(items, i => Assert.StartsWith("urn:uuid:", i.GetProperty("credential").GetString(), StringComparison.Ordinal));
        Assert.Equal(8, items.Select(i => i.GetProperty("credential").GetString()).Distinct().Count());
        var files = items.Select(i => Path.GetFileName(i.GetProperty("file").GetString()!)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["E-2-PY-101.json", "E-2-PY-201.json", "E-2-SQL-101-2023-01-15.json", "E-2-SQL-101-2025-02-01.json", "E-2-VIZ-101.json",
            "E-3-PY-101.json", "E-3-SQL-101.json", "E-3-VIZ-101.json"], files);
        Assert.True(File.Exists(Path.Combine(folder, "E-2-PY-201.png")) && File.Exists(Path.Combine(folder, "E-2-PY-201.svg")));
        var map = Path.Combine(folder, "url-map.json");
        Assert.Equal(["https://skills.acme.example/ob/status/1"], JsonDocument.Parse(File.ReadAllText(map)).RootElement.EnumerateObject().Select(p => p.Name));

        var verify = await _cli.RunAsync("verify", "--url-map", map, "--format", "json",
            Path.Combine(folder, "E-2-PY-201.json"), Path.Combine(folder, "E-2-PY-201.png"), Path.Combine(folder, "E-2-PY-201.svg"),
            Path.Combine(folder, "E-3-PY-101.json"), Path.Combine(folder, "E-2-SQL-101-2025-02-01.png"));
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.All(Items(verify), v => Assert.Equal("valid", v.GetProperty("verdict").GetString()));
        Assert.All(Items(verify), v => Assert.Contains(v.GetProperty("messages").EnumerateArray(),
            m => m.GetString()!.Contains("eddsa-rdfc-2022 signature verified with did:key:", StringComparison.Ordinal)));

        // Bob's VIZ-101 expired on 2025-12-31: its credential says so.
        var expired = await _cli.RunAsync("verify", "--url-map", map, "--format", "json", Path.Combine(folder, "E-2-VIZ-101.svg"));
        Assert.True(expired.ExitCode == 2, expired.ToString());
        Assert.Contains("expired on 2025-12-31", expired.StdOut, StringComparison.Ordinal);

        var cysPython = items.Single(i => i.GetProperty("employee").GetString() == "E-3" && i.GetProperty("badge").GetString() == "PY-101").GetProperty("credential").GetString()!;
        var revoke = await _cli.RunAsync("revoke", "--credential", cysPython, "--reason", "Awarded in error");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.StartsWith($"revoked {cysPython} (E-3, PY-101 issued on 2025-05-05): Awarded in error; status list 1, bit ", revoke.StdOut, StringComparison.Ordinal);

        // Issuing again changes nothing but reports the revocation; the lists written now carry the set bit.
        var later = Path.Combine(_cli.WorkFolder, "later");
        var again = await _cli.RunAsync("issue", "--all", "--out", later, "--format", "json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(["revoked", "unchanged"], Items(again).Select(i => i.GetProperty("status").GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(items.Select(i => i.GetProperty("credential").GetString()), Items(again).Select(i => i.GetProperty("credential").GetString()));
        var revokedNow = await _cli.RunAsync("verify", "--url-map", Path.Combine(later, "url-map.json"), "--format", "json", Path.Combine(folder, "E-3-PY-101.png"));
        Assert.True(revokedNow.ExitCode == 2, revokedNow.ToString());
        Assert.Contains("The credential is revoked", revokedNow.StdOut, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(later, "E-3-PY-101.json")));
    }

    [Fact]
    public async Task Issue_says_what_is_missing_and_refuses_another_issuers_badge()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var neither = await _cli.RunAsync("issue");
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("Give exactly one of --employee ID (optionally with --badge ID) or --all", neither.StdErr, StringComparison.Ordinal);

        _cli.Environment["SKILLSGAP_Issuer__Name"] = "Another Academy";
        var notOurs = await _cli.RunAsync("issue", "--employee", "E-2", "--badge", "PY-201");
        Assert.True(notOurs.ExitCode == 2, notOurs.ToString());
        Assert.Contains("PY-201 (Python for Data) is issued by Acme Academy, not by Another Academy", notOurs.StdErr, StringComparison.Ordinal);

        _cli.Environment.Remove("SKILLSGAP_Issuer__Name");
        _cli.Environment.Remove("SKILLSGAP_Issuer__PublicBaseUrl");
        _cli.Environment.Remove("SKILLSGAP_Issuer__Url");
        var unconfigured = await _cli.RunAsync("issue", "--all");
        Assert.True(unconfigured.ExitCode == 1, unconfigured.ToString());
        Assert.Contains("set Issuer:Name", unconfigured.StdErr, StringComparison.Ordinal);

        var unknown = await _cli.RunAsync("revoke", "--credential", "urn:uuid:00000000-0000-4000-8000-000000000000", "--reason", "x");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
    }

    [SkillsGap.EndToEndTests.Issuing.ReferenceVerifierFact]
    public async Task After_rotate_key_new_credentials_use_the_new_key_and_old_ones_still_verify()
    {
        await TinyOrganisation.LoadAsync(_cli);
        var before = Path.Combine(_cli.WorkFolder, "before");
        Assert.Equal(0, (await _cli.RunAsync("issue", "--all", "--out", before, "--format", "json")).ExitCode);
        var oldDid = JsonDocument.Parse(File.ReadAllText(Path.Combine(before, "E-3-PY-101.json"))).RootElement.GetProperty("issuer").GetProperty("id").GetString()!;
        var beforeVerdict = await SkillsGap.IntegrationTests.Infrastructure.ReferenceVerifier.VerifyAsync([Path.Combine(before, "E-3-PY-101.json")], Map(before));
        Assert.True(beforeVerdict[0].Verified, beforeVerdict[0].ToString());

        var rotate = await _cli.RunAsync("issuer", "rotate-key");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        Assert.StartsWith($"retired key 1: {oldDid}", rotate.StdOut, StringComparison.Ordinal);
        var keys = await _cli.RunAsync("issuer", "keys");
        var lines = keys.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(" retired ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("current unencrypted", lines[1].Trim(), StringComparison.Ordinal);

        // A new award after the rotation: its credential is signed with the new key, in a list of its own.
        Assert.Equal(0, (await _cli.RunAsync("import", "awards", _cli.WriteFile("more.csv", "employee_id,badge_id,issued_on\nE-4,PY-101,2025-09-01\n"))).ExitCode);
        var after = Path.Combine(_cli.WorkFolder, "after");
        var issued = await _cli.RunAsync("issue", "--all", "--out", after, "--format", "json");
        Assert.True(issued.ExitCode == 0, issued.ToString());
        var items = JsonDocument.Parse(issued.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(["E-4"], items.Where(i => i.GetProperty("new").GetBoolean()).Select(i => i.GetProperty("employee").GetString()));
        var newDid = JsonDocument.Parse(File.ReadAllText(Path.Combine(after, "E-4-PY-101.json"))).RootElement.GetProperty("issuer").GetProperty("id").GetString()!;
        Assert.NotEqual(oldDid, newDid);
        Assert.Equal(2, Map(after).Count);

        var files = new[] { Path.Combine(before, "E-3-PY-101.json"), Path.Combine(after, "E-4-PY-101.json"), Path.Combine(after, "E-2-PY-201.json") };
        var verdicts = await SkillsGap.IntegrationTests.Infrastructure.ReferenceVerifier.VerifyAsync(files, Map(after));
        Assert.All(verdicts, v => Assert.True(v.Verified, v.ToString()));
        var own = await _cli.RunAsync("verify", "--url-map", Path.Combine(after, "url-map.json"), "--format", "json", files[0], files[1]);
        Assert.True(own.ExitCode == 0, own.ToString());
    }

    /// <summary>The url map `issue --out` writes, as URL → absolute file.</summary>
    private static Dictionary<string, string> Map(string folder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "url-map.json"))).RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => Path.GetFullPath(Path.Combine(folder, p.Value.GetString()!)));
}
