// The sample organisation of data-samples/ (Harbourline Group), read straight from its files with the Ingestion
// readers — no database. Loaded by every notebook with `#load "SampleOrganisation.csx"` after the `#r` lines that
// bring in the built SkillsGap libraries; paths are relative to the notebooks/ folder (the kernel's working folder).
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillsGap.Core.Domain;
using SkillsGap.Core.Figures;
using SkillsGap.Ingestion;

/// <summary>Keys read so far from the sample files, so each file is checked against the ones before it (as an import does).</summary>
sealed class SampleCatalogue : IReferenceCatalogue
{
    public HashSet<string> Skills { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Roles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Badges { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, EmployeeId> Employees { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, EmployeeId> Emails { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<EmployeeId, EmployeeId?> Managers { get; } = [];

    public bool HasSkill(SkillCode code) => Skills.Contains(code.Value);
    public bool HasRole(RoleCode code) => Roles.Contains(code.Value);
    public bool HasBadge(BadgeId id) => Badges.Contains(id.Value);
    public bool HasEmployee(EmployeeId id) => Employees.ContainsKey(id.Value);
    public EmployeeId? EmployeeByEmail(string email) => Emails.TryGetValue(email, out var id) ? id : null;
    public IReadOnlyDictionary<EmployeeId, EmployeeId?> ManagerLinks => Managers;
}

/// <summary>The sample organisation as of one date, read from data-samples/.</summary>
static class SampleOrganisation
{
    /// <summary>The day after the last award of the sample history (2026-11-27): "today" for the notebooks.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 28);

    public static string Folder { get; set; } = Path.GetFullPath(Path.Combine("..", "data-samples"));

    public static OrganisationSnapshot Load(DateOnly? asOf = null)
    {
        var catalogue = new SampleCatalogue();
        InputFile File(string name) => InputFile.FromPath(Path.Combine(Folder, name));

        var skills = Valid(RecordReader.ReadSkills(File("skills.csv")), "skills.csv").Select(s => s.Skill).ToList();
        catalogue.Skills.UnionWith(skills.Select(s => s.Code.Value));

        // Both role files: the long one and the Business family kept as a matrix in Excel.
        var roles = Valid(RecordReader.ReadRoles(File("roles.csv"), catalogue), "roles.csv")
            .Concat(Valid(RecordReader.ReadRoles(File("roles-matrix.xlsx"), catalogue), "roles-matrix.xlsx"))
            .Select(r => new RoleVersion(r.Code, r.Title, r.Family, 1, r.EffectiveFrom ?? new DateOnly(2020, 1, 1), r.Requirements))
            .ToList();
        catalogue.Roles.UnionWith(roles.Select(r => r.Code.Value));

        var badges = Valid(RecordReader.ReadBadges(File("badges.csv"), catalogue), "badges.csv").Select(b => b.Badge).ToList();
        catalogue.Badges.UnionWith(badges.Select(b => b.Id.Value));

        var employees = Valid(RecordReader.ReadEmployees(File("employees.csv"), catalogue), "employees.csv").Select(e => e.Employee).ToList();
        foreach (var e in employees)
        {
            catalogue.Employees[e.Id.Value] = e.Id;
            if (e.Email is { Length: > 0 } email) catalogue.Emails[email] = e.Id;
            catalogue.Managers[e.Id] = e.Manager;
        }

        var awards = Valid(RecordReader.ReadAwards(File("awards.csv"), catalogue), "awards.csv").Select(a => a.Award).ToList();
        return new OrganisationSnapshot(asOf ?? AsOf, skills, roles, badges, employees, awards);
    }

    private static IReadOnlyList<T> Valid<T>(ParseResult<T> result, string file) =>
        result.IsValid
            ? result.Records
            : throw new InvalidOperationException($"{file} is not valid: " + string.Join("; ", result.Errors.Take(5)));
}

/// <summary>
/// The notebooks' own figure checks: each throws when a figure is not what a hand calculation or an independent
/// recomputation says (so the cell, and the notebook test, fail), and prints a "CHECK OK:" line when it is.
/// </summary>
static class Check
{
    public static void That(string name, bool ok, string detail)
    {
        if (!ok) throw new InvalidOperationException($"CHECK FAILED: {name}: {detail}");
        Console.WriteLine($"CHECK OK: {name} ({detail})");
    }

    public static void Equal<T>(string name, T expected, T actual) =>
        That(name, EqualityComparer<T>.Default.Equals(expected, actual), FormattableString.Invariant($"expected {expected}, got {actual}"));

    public static void Close(string name, double expected, double actual, double tolerance = 1e-9) =>
        That(name, Math.Abs(expected - actual) <= tolerance, FormattableString.Invariant($"expected {expected:R}, got {actual:R}, tolerance {tolerance}"));
}

/// <summary>ScottPlot charts as HTML for the notebook: a PNG (rendered by SkiaSharp's native library) or an SVG.</summary>
static class Charts
{
    public static byte[] Png(ScottPlot.Plot plot, int width, int height) => plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);

    public static string PngHtml(byte[] png) => $"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"/>";

    public static string SvgHtml(ScottPlot.Plot plot, int width, int height) => plot.GetSvgXml(width, height);

    /// <summary>Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the 8-byte signature.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidOperationException("Not a PNG.");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
