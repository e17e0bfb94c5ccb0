using System.Globalization;
using SkillsGap.Core.Domain;
using SkillsGap.Ingestion.Tabular;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.Ingestion.Frameworks;

/// <summary>
/// O*NET <c>Skills.txt</c> / <c>Knowledge.txt</c> (tab-separated; one row per occupation × element × scale) as role frameworks.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>An element is a requirement of an occupation where its importance IM ≥ <see cref="RoleFrameworkOptions.OnetMinImportance"/> (3.0).</item>
/// <item>Weight = round(IM), half away from zero, clamped to 1–5; critical where IM ≥ <see cref="RoleFrameworkOptions.OnetCriticalImportance"/>
/// (4.5: between "very" and "extremely" important).</item>
/// <item>Level = the LV rating (0–7) through <see cref="ScaleCrosswalk.OnetLevel"/>.</item>
/// <item>Recommend Suppress = Y on the IM or the LV row (O*NET's flag for a low-precision estimate, mostly on LV) leaves the
/// element out of the role, unless <see cref="RoleFrameworkOptions.OnetIncludeSuppressed"/>: a requirement at an unreliable
/// level would open or hide gaps that are not there. Not Relevant = Y on the LV row also leaves it out.</item>
/// <item>Skill code = <c>onet:</c> + Element ID, name = Element Name, category "O*NET Skills" (2.A, 2.B) or "O*NET Knowledge" (2.C),
/// description from <c>Content Model Reference.txt</c> when it is beside the file.</item>
/// <item>Role code = O*NET-SOC code, title from <c>Occupation Data.txt</c> beside the file (else the code), family = the SOC major group.
/// An occupation without a single requirement (e.g. 15-1252.00, which O*NET 29.0 lists but does not rate) yields no role and no error.</item>
/// </list>
/// </remarks>
internal static class OnetFramework
{
    private sealed class Rating(string occupation, string element, int row)
    {
        public string Occupation { get; } = occupation;
        public string Element { get; } = element;
        public int Row { get; } = row;
        public decimal? Importance { get; set; }
        public decimal? Level { get; set; }
        public bool Suppressed { get; set; }
        public bool NotRelevant { get; set; }
        public int LevelRow { get; set; }
    }

    public static (IReadOnlyList<ImportedSkill>, IReadOnlyList<ImportedRole>) Read(InputFile file, ReadLimits limits, RoleFrameworkOptions options, ErrorCollector errors)
    {
        using var reader = TabularReader.Open(file with { Format = InputFormat.Onet }, limits);
        var table = new RecordTable(reader, errors);
        var socColumn = table.Required("O*NET-SOC Code");
        var elementColumn = table.Required("Element ID");
        var nameColumn = table.Required("Element Name");
        var scaleColumn = table.Required("Scale ID");
        var valueColumn = table.Required("Data Value");
        var suppressColumn = table.Optional("Recommend Suppress");
        var relevantColumn = table.Optional("Not Relevant");
        if (table.MissingRequiredColumn) return ([], []);

        var ratings = new Dictionary<(string, string), Rating>();
        var order = new List<Rating>();
        var elementNames = new Dictionary<string, string>(StringComparer.Ordinal);
        while (table.Next())
        {
            var occupation = table.IdText(socColumn);
            // The element becomes the skill code "onet:" + Element ID, which must stay an identifier.
            var element = table.IdText(elementColumn);
            if (element is not null && RecordTable.IdentifierProblem("onet:" + element, "a skill code (onet: + Element ID)") is string tooLong)
            {
                table.Fail(elementColumn, tooLong);
                element = null;
            }
            var name = table.RequiredText(nameColumn);
            var scale = table.RequiredText(scaleColumn);
            if (scale is not ("IM" or "LV")) continue; // other scales (none in Skills/Knowledge) are not used
            decimal? value = null;
            if (ValueParser.TryParseDecimal(table.Span(valueColumn), out var parsed)) value = parsed;
            else if (!table.IsEmpty(valueColumn)) table.Fail(valueColumn, $"'{table.Span(valueColumn)}' is not a number");
            if (occupation is null || element is null || name is null) continue;

            elementNames.TryAdd(element, name);
            if (!ratings.TryGetValue((occupation, element), out var rating))
            {
                rating = new Rating(occupation, element, table.Row);
                ratings[(occupation, element)] = rating;
                order.Add(rating);
            }
            var suppressed = table.Span(suppressColumn).Equals("Y", StringComparison.OrdinalIgnoreCase);
            rating.Suppressed |= suppressed;
            if (scale == "IM") rating.Importance = value;
            else
            {
                rating.Level = value;
                rating.LevelRow = table.Row;
                rating.NotRelevant = table.Span(relevantColumn).Equals("Y", StringComparison.OrdinalIgnoreCase);
            }
        }

        var titles = ReadTitles(file, limits, options, errors);
        var descriptions = ReadDescriptions(file, limits, options, errors);
        var skills = new Dictionary<string, ImportedSkill>(StringComparer.Ordinal);
        var roles = new List<ImportedRole>();
        foreach (var occupation in order.GroupBy(r => r.Occupation))
        {
            var requirements = new List<RoleRequirement>();
            foreach (var rating in occupation)
            {
                if (rating.Importance is not decimal importance || importance < options.OnetMinImportance) continue;
                if (rating.Suppressed && !options.OnetIncludeSuppressed) continue;
                if (rating.NotRelevant) continue;
                if (rating.Level is not decimal level)
                {
                    table.FailAt(rating.Row, elementColumn, rating.Element, $"element {rating.Element} of {rating.Occupation} has an importance but no LV rating");
                    continue;
                }
                if (!ScaleCrosswalk.OnetLevel.IsInRange(level))
                {
                    table.FailAt(rating.LevelRow, valueColumn, level.ToString(CultureInfo.InvariantCulture), $"LV {level.ToString(CultureInfo.InvariantCulture)} is outside the O*NET level scale 0–7");
                    continue;
                }
                var weight = (int)Math.Clamp(Math.Round(importance, MidpointRounding.AwayFromZero), RoleRequirement.MinWeight, RoleRequirement.MaxWeight);
                var code = new SkillCode("onet:" + rating.Element);
                requirements.Add(new RoleRequirement(code, ScaleCrosswalk.OnetLevel.Convert(level), weight, importance >= options.OnetCriticalImportance));
                if (!skills.ContainsKey(code.Value))
                {
                    var category = rating.Element.StartsWith("2.C", StringComparison.Ordinal) ? "O*NET Knowledge" : "O*NET Skills";
                    skills[code.Value] = new ImportedSkill(new Skill(code, elementNames[rating.Element], category,
                        descriptions.GetValueOrDefault(rating.Element)), rating.Row);
                }
            }
            if (requirements.Count == 0) continue;
            var soc = occupation.Key;
            roles.Add(new ImportedRole(new RoleCode(soc), titles.GetValueOrDefault(soc) ?? soc, MajorGroup(soc), requirements, null, occupation.First().Row));
        }
        return (skills.Values.ToList(), roles);
    }

    private static Dictionary<string, string> ReadTitles(InputFile file, ReadLimits limits, RoleFrameworkOptions options, ErrorCollector errors) =>
        ReadPairs(file, "Occupation Data.txt", "O*NET-SOC Code", "Title", TextRules.Kind.Line, ValueBounds.MaxNameLength, limits, options, errors);

    private static Dictionary<string, string> ReadDescriptions(InputFile file, ReadLimits limits, RoleFrameworkOptions options, ErrorCollector errors) =>
        ReadPairs(file, "Content Model Reference.txt", "Element ID", "Description", TextRules.Kind.Text, ValueBounds.MaxDescriptionLength, limits, options, errors);

    /// <summary>
    /// A key → value map from a companion file; empty when the file is absent or lacks the columns. A value beyond its
    /// bounds is an error of the batch (naming the companion file), not dropped in silence.
    /// </summary>
    private static Dictionary<string, string> ReadPairs(InputFile file, string name, string keyHeader, string valueHeader,
        TextRules.Kind valueKind, int valueLength, ReadLimits limits, RoleFrameworkOptions options, ErrorCollector errors)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = FrameworkReader.OpenCompanionTable(file, name, options, limits);
        if (reader is null) return pairs;
        var table = new RecordTable(reader, errors);
        var key = table.Optional(keyHeader);
        var value = table.Optional(valueHeader);
        if (!key.Present || !value.Present) return pairs;
        while (table.Next())
            if (table.Text(key, TextRules.Kind.Identifier, ValueBounds.MaxIdLength) is string k && table.Text(value, valueKind, valueLength) is string v)
                pairs.TryAdd(k, v);
        return pairs;
    }

    /// <summary>SOC 2018 major groups, by the first two digits of the code.</summary>
    private static readonly Dictionary<string, string> MajorGroups = new(StringComparer.Ordinal)
    {
        ["11"] = "Management Occupations",
        ["13"] = "Business and Financial Operations Occupations",
        ["15"] = "Computer and Mathematical Occupations",
        ["17"] = "Architecture and Engineering Occupations",
        ["19"] = "Life, Physical, and Social Science Occupations",
        ["21"] = "Community and Social Service Occupations",
        ["23"] = "Legal Occupations",
        ["25"] = "Educational Instruction and Library Occupations",
        ["27"] = "Arts, Design, Entertainment, Sports, and Media Occupations",
        ["29"] = "Healthcare Practitioners and Technical Occupations",
        ["31"] = "Healthcare Support Occupations",
        ["33"] = "Protective Service Occupations",
        ["35"] = "Food Preparation and Serving Related Occupations",
        ["37"] = "Building and Grounds Cleaning and Maintenance Occupations",
        ["39"] = "Personal Care and Service Occupations",
        ["41"] = "Sales and Related Occupations",
        ["43"] = "Office and Administrative Support Occupations",
        ["45"] = "Farming, Fishing, and Forestry Occupations",
        ["47"] = "Construction and Extraction Occupations",
        ["49"] = "Installation, Maintenance, and Repair Occupations",
        ["51"] = "Production Occupations",
        ["53"] = "Transportation and Material Moving Occupations",
        ["55"] = "Military Specific Occupations",
    };

    private static string? MajorGroup(string soc) =>
        soc.Length < 2 ? null : MajorGroups.GetValueOrDefault(soc[..2]) ?? soc[..2];
}
