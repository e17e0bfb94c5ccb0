using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.Samples;

/// <summary>Counts of a generated sample folder, read back from its files (not from the generator's memory).</summary>
public sealed record SampleSummary(
    int Skills,
    IReadOnlyList<(string Category, int Skills)> Categories,
    IReadOnlyList<(string Family, string File, IReadOnlyList<string> Roles)> Families,
    int RoleRequirements,
    int Badges,
    int ExpiringBadges,
    int BadgesWithOrPrerequisites,
    int Issuers,
    IReadOnlyList<(string Stack, IReadOnlyList<string> Children)> Stacks,
    int Employees,
    int Managers,
    int TreeDepth,
    int EmployeesWithTargetRole,
    IReadOnlyList<(string Department, int People)> Departments,
    IReadOnlyList<(string Location, int People)> Locations,
    long Awards,
    int EmployeesWithAwards,
    DateOnly? FirstAward,
    DateOnly? LastAward,
    IReadOnlyList<(int Year, long Awards)> AwardsPerYear,
    long Renewals,
    long ExplicitExpiries,
    long StackAwards)
{
    /// <summary>Reads the six files of <paramref name="directory"/> and counts what they hold.</summary>
    public static SampleSummary Read(string directory)
    {
        var skills = ReadCsv(Path.Combine(directory, SampleFiles.Skills)).ToList();
        var longRoles = ReadCsv(Path.Combine(directory, SampleFiles.Roles)).ToList();
        var matrixRoles = ReadMatrix(Path.Combine(directory, SampleFiles.RolesMatrix));
        var badges = ReadCsv(Path.Combine(directory, SampleFiles.Badges)).ToList();
        var employees = ReadCsv(Path.Combine(directory, SampleFiles.Employees)).ToList();

        var families = longRoles.GroupBy(r => r["family"], StringComparer.Ordinal)
            .Select(g => (g.Key, SampleFiles.Roles, (IReadOnlyList<string>)g.Select(r => $"{r["role_title"]} ({r["role_code"]})").Distinct(StringComparer.Ordinal).ToArray()))
            .Concat(matrixRoles.GroupBy(r => r.Family, StringComparer.Ordinal)
                .Select(g => (g.Key, SampleFiles.RolesMatrix, (IReadOnlyList<string>)g.Select(r => $"{r.Title} ({r.Code})").ToArray())))
            .ToArray();

        var stacks = badges.Where(b => b["stack_id"].Length > 0).GroupBy(b => b["stack_id"], StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(b => b["badge_id"]).ToArray())).ToArray();
        var stackIds = stacks.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        var managerOf = employees.ToDictionary(e => e["employee_id"], e => e["manager_id"], StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int DepthOf(string id)
        {
            if (depth.TryGetValue(id, out var d)) return d;
            var chain = new List<string>();
            var current = id;
            var baseDepth = 0;
            while (current.Length > 0 && chain.Count <= managerOf.Count)
            {
                if (depth.TryGetValue(current, out baseDepth)) break;
                chain.Add(current);
                current = managerOf.GetValueOrDefault(current, string.Empty);
            }
            for (var i = chain.Count - 1; i >= 0; i--) depth[chain[i]] = ++baseDepth;
            return depth[id];
        }

        long awards = 0, renewals = 0, explicitExpiries = 0, stackAwards = 0;
        DateOnly? first = null, last = null;
        var perYear = new SortedDictionary<int, long>();
        var withAwards = new HashSet<string>(StringComparer.Ordinal);
        // awards.csv lists each employee's awards together, so a renewal is found within one employee's run of rows.
        var earned = new HashSet<string>(StringComparer.Ordinal);
        var currentEmployee = string.Empty;
        // awards.csv can hold millions of rows: read it as arrays, not one dictionary per row.
        var (columns, rows) = ReadRows(Path.Combine(directory, SampleFiles.Awards));
        int employeeColumn = columns["employee_id"], badgeColumn = columns["badge_id"], issuedColumn = columns["issued_on"], expiresColumn = columns["expires_on"];
        foreach (var award in rows)
        {
            awards++;
            var issued = DateOnly.ParseExact(award[issuedColumn], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (first is null || issued < first) first = issued;
            if (last is null || issued > last) last = issued;
            perYear[issued.Year] = perYear.GetValueOrDefault(issued.Year) + 1;
            if (award[employeeColumn] != currentEmployee)
            {
                currentEmployee = award[employeeColumn];
                withAwards.Add(currentEmployee);
                earned.Clear();
            }
            if (!earned.Add(award[badgeColumn])) renewals++;
            if (award[expiresColumn].Length > 0) explicitExpiries++;
            if (stackIds.Contains(award[badgeColumn])) stackAwards++;
        }

        return new SampleSummary(
            skills.Count,
            skills.GroupBy(s => s["category"], StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToArray(),
            families,
            longRoles.Count + matrixRoles.Sum(r => r.Requirements),
            badges.Count,
            badges.Count(b => b["valid_months"].Length > 0),
            badges.Count(b => b["prerequisites"].Contains('|', StringComparison.Ordinal)),
            badges.Select(b => b["issuer"]).Distinct(StringComparer.Ordinal).Count(),
            stacks,
            employees.Count,
            employees.Select(e => e["manager_id"]).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).Count(),
            employees.Count == 0 ? 0 : employees.Max(e => DepthOf(e["employee_id"])),
            employees.Count(e => e["target_role_code"].Length > 0),
            employees.GroupBy(e => e["department"], StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToArray(),
            employees.GroupBy(e => e["location"], StringComparer.Ordinal).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray(),
            awards,
            withAwards.Count,
            first,
            last,
            perYear.Select(p => (p.Key, p.Value)).ToArray(),
            renewals,
            explicitExpiries,
            stackAwards);
    }

    /// <summary>The README of a sample folder: the organisation in prose, with these counts.</summary>
    public string ToMarkdown(GeneratorOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(inv)).Append('\n');

        Line($"# Sample organisation: Harbourline Group");
        Line($"");
        Line($"Generated by `skillsgap generate --employees {options.Employees} --seed {options.Seed} --out <folder>`");
        Line($"(`OrganisationGenerator`, history of {options.Years} years until {SampleFiles.Date(options.Until)}). Do not edit by hand:");
        Line($"a test regenerates these files with the default options and compares them. Every count below is read back from the files.");
        Line($"");
        Line($"| file | holds |");
        Line($"|---|---|");
        Line($"| `{SampleFiles.Skills}` | {Skills} skills in {Categories.Count} categories |");
        var longFamilies = Families.Where(f => f.File == SampleFiles.Roles).ToArray();
        var matrixFamilies = Families.Where(f => f.File == SampleFiles.RolesMatrix).ToArray();
        Line($"| `{SampleFiles.Roles}` | {longFamilies.Sum(f => f.Roles.Count)} roles (long form: one row per role and skill) in the families {string.Join(", ", longFamilies.Select(f => f.Family))} |");
        Line($"| `{SampleFiles.RolesMatrix}` | {matrixFamilies.Sum(f => f.Roles.Count)} roles of the {string.Join(", ", matrixFamilies.Select(f => f.Family))} family as a matrix (sheet `{RolesMatrixWorkbook.SheetName}`: a row per role, a column per skill, `4!` = critical, no weights so weight 3) |");
        Line($"| `{SampleFiles.Badges}` | {Badges} badges from {Issuers} issuers; {ExpiringBadges} expire (valid_months), {BadgesWithOrPrerequisites} have an either-or prerequisite (`A\\|B`) |");
        Line($"| `{SampleFiles.Employees}` | {Employees} employees, {Managers} managers, a manager tree {TreeDepth} levels deep; {EmployeesWithTargetRole} have a target role |");
        Line($"| `{SampleFiles.Awards}` | {Awards} awards to {EmployeesWithAwards} employees, {Date(FirstAward)} to {Date(LastAward)} |");
        Line($"");
        Line($"Import order: skills, roles (both role files), badges, employees, awards.");
        Line($"");
        Line($"## Skills");
        Line($"");
        Line($"{string.Join(", ", Categories.Select(c => $"{c.Category} ({c.Skills.ToString(inv)})"))}.");
        Line($"");
        Line($"## Roles ({RoleRequirements} requirements)");
        Line($"");
        foreach (var (family, file, roles) in Families)
            Line($"- **{family}** (`{file}`): {string.Join(", ", roles)}");
        Line($"");
        Line($"Two required levels are beyond the catalogue on purpose, so the *uncoverable gaps* figure has content:");
        Line($"Security Engineer needs incident response (SEC-IR) at 4 and the best badge attests 3; the CEO needs strategic thinking (STRATEGY) at 5 and the best badge attests 4.");
        Line($"");
        Line($"## Badges");
        Line($"");
        Line($"Levelled chains per skill (foundation 101 → intermediate 201 → advanced 301), vendor certificates that expire");
        Line($"(Azure and Power BI yearly, Kubernetes and Spark every two years, AWS and security every three; Security Awareness and");
        Line($"Data Protection Essentials are yearly mandatory training) and internal Academy courses that do not.");
        foreach (var (stack, children) in Stacks)
        {
            Line($"");
            Line($"**Stack {stack}**: the Advanced Excel Credential. Its children ({string.Join(", ", children)}) name it in `stack_id` and are its");
            Line($"prerequisites (its own prerequisites column is left empty on purpose); it takes a 4-hour capstone once they are held, attests");
            Line($"Excel, pivot tables, data formatting, data mining and Power Query at level 4, and counts only when awarded itself.");
        }
        Line($"");
        Line($"## People");
        Line($"");
        Line($"A CEO, one head per department, team leads with 5–12 reports. Departments: {string.Join(", ", Departments.Select(d => $"{d.Department} ({d.People.ToString(inv)})"))}.");
        Line($"Locations: {string.Join(", ", Locations.Select(l => $"{l.Location} ({l.People.ToString(inv)})"))}.");
        Line($"A target role, where given, is the next role up the ladder (Junior Developer → Developer → Senior Developer → Team Lead,");
        Line($"Data Analyst → Senior Data Analyst → Data Scientist, Business Analyst → Project Manager, Team Lead → Head of Department).");
        Line($"");
        Line($"## Award history");
        Line($"");
        Line($"Awards per year: {string.Join(", ", AwardsPerYear.Select(y => $"{y.Year.ToString(inv)}: {y.Awards.ToString(inv)}"))}.");
        Line($"{Renewals} awards renew a badge the person earned before, {ExplicitExpiries} carry an explicit expires_on, {StackAwards} are stack credentials.");
        Line($"");
        Line($"The history comes from a simulated learning process: each person learns in sessions at their own pace (some far keener");
        Line($"than others, a few nearly dormant), sometimes earning several badges on one day; they choose among badges whose");
        Line($"prerequisites they have earned, weighted by the gap each closes against their role (and target role), a taste shared");
        Line($"by their role, and a pull towards the next badge in the chain they just advanced, so that people who earned X tend to earn Y next.");
        Line($"Expired badges become candidates again (renewals); a stack comes after its children. About one person in seven joined");
        Line($"during the period and starts learning later; the CEO opened the programme on its first day.");
        Line($"");
        Line($"`{SampleFiles.Awards}` lists each person's awards together, in date order (people in roster order); an empty expires_on");
        Line($"means issued_on + the badge's valid_months, or never.");
        return md.ToString();
    }

    private static string Date(DateOnly? date) => date is DateOnly d ? SampleFiles.Date(d) : "-";

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path)
    {
        var (columns, rows) = ReadRows(path);
        return rows.Select(fields => columns.ToDictionary(c => c.Key, c => fields[c.Value], StringComparer.Ordinal));
    }

    /// <summary>The header (name → index) and, lazily, each row's fields, padded to the header's width.</summary>
    private static (Dictionary<string, int> Columns, IEnumerable<string[]> Rows) ReadRows(string path)
    {
        string[] header;
        using (var reader = new StreamReader(path, Encoding.UTF8))
            header = [.. ParseLine(reader.ReadLine() ?? string.Empty)];
        var columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return (columns, Rows());

        IEnumerable<string[]> Rows()
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            reader.ReadLine();
            while (reader.ReadLine() is string line)
            {
                var fields = ParseLine(line);
                while (fields.Count < header.Length) fields.Add(string.Empty);
                yield return [.. fields];
            }
        }
    }

    /// <summary>Splits one CSV line written by <see cref="SampleFiles"/> (quoted fields never span lines there).</summary>
    private static List<string> ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static List<(string Code, string Title, string Family, int Requirements)> ReadMatrix(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var rows = part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)] : c.CellValue?.Text ?? c.InnerText).ToList()).ToList();
        // Every data row holds role_code, role_title, family, then one cell per requirement (empty cells are not written).
        return rows.Skip(1).Select(r => (r[0], r[1], r[2], r.Count - 3)).ToList();
    }
}
