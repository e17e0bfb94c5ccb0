using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SkillsGap.Samples;

/// <summary>
/// Writes role frameworks as the matrix workbook analysts keep in Excel: role_code, role_title, family, then one column
/// per skill code; a cell is the required level as a number, or text <c>4!</c> when the requirement is critical.
/// </summary>
public static class RolesMatrixWorkbook
{
    public const string SheetName = "Roles";

    /// <summary>All zip entries carry this timestamp, so that the same roles always give the same bytes.</summary>
    private static readonly DateTimeOffset FixedTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The skill columns of the matrix: every skill the roles require, in order of first appearance.</summary>
    public static IReadOnlyList<string> SkillColumns(IReadOnlyList<SampleRole> roles) =>
        roles.SelectMany(r => r.Requirements.Select(q => q.Skill.Value)).Distinct(StringComparer.Ordinal).ToArray();

    public static void Write(string path, IReadOnlyList<SampleRole> roles)
    {
        using var package = new MemoryStream();
        WritePackage(package, roles);
        package.Position = 0;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        Normalise(package, file);
    }

    private static void WritePackage(Stream stream, IReadOnlyList<SampleRole> roles)
    {
        var skills = SkillColumns(roles);
        var header = new[] { "role_code", "role_title", "family" }.Concat(skills).ToArray();
        var sharedStrings = new List<string>();
        var sharedIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        Cell Text(string reference, string value)
        {
            if (!sharedIndex.TryGetValue(value, out var index))
            {
                index = sharedStrings.Count;
                sharedIndex[value] = index;
                sharedStrings.Add(value);
            }
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) };
        }

        var data = new SheetData();
        var headerRow = new Row { RowIndex = 1U };
        for (var c = 0; c < header.Length; c++) headerRow.Append(Text(Reference(c, 1), header[c]));
        data.Append(headerRow);
        for (var r = 0; r < roles.Count; r++)
        {
            var role = roles[r];
            var rowNumber = (uint)(r + 2);
            var row = new Row { RowIndex = rowNumber };
            row.Append(Text(Reference(0, rowNumber), role.Code.Value), Text(Reference(1, rowNumber), role.Title), Text(Reference(2, rowNumber), role.Family));
            for (var s = 0; s < skills.Count; s++)
            {
                var requirement = role.Requirements.FirstOrDefault(q => q.Skill.Value == skills[s]);
                if (requirement is null) continue;
                var reference = Reference(3 + s, rowNumber);
                row.Append(requirement.Critical
                    ? Text(reference, requirement.Required.ToString() + "!")
                    : new Cell { CellReference = reference, CellValue = new CellValue(requirement.Required.Value.ToString(CultureInfo.InvariantCulture)) });
            }
            data.Append(row);
        }

        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        // A fixed relationship id: AddWorkbookPart() would make a random one, and the same roles must give the same bytes.
        var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
        workbookPart.Workbook = new Workbook();
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>("rId1");
        worksheetPart.Worksheet = new Worksheet(
            new SheetViews(new SheetView(new Pane
            {
                HorizontalSplit = 3D,
                VerticalSplit = 1D,
                TopLeftCell = "D2",
                ActivePane = PaneValues.BottomRight,
                State = PaneStateValues.Frozen,
            })
            { WorkbookViewId = 0U }),
            new SheetFormatProperties { DefaultRowHeight = 15D },
            new Columns(
                new Column { Min = 1U, Max = 1U, Width = 16D, CustomWidth = true },
                new Column { Min = 2U, Max = 2U, Width = 24D, CustomWidth = true },
                new Column { Min = 3U, Max = 3U, Width = 12D, CustomWidth = true },
                new Column { Min = 4U, Max = (uint)header.Length, Width = 13D, CustomWidth = true }),
            data);
        var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>("rId2");
        sharedPart.SharedStringTable = new SharedStringTable(sharedStrings.Select(s => new SharedStringItem(new Text(s))))
        {
            Count = (uint)sharedStrings.Count,
            UniqueCount = (uint)sharedStrings.Count,
        };
        workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = "rId1", SheetId = 1U, Name = SheetName }));
        workbookPart.Workbook.Save();
    }

    /// <summary>Copies the package with fixed entry timestamps (System.IO.Packaging stamps entries with the current time).</summary>
    private static void Normalise(Stream source, Stream target)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read);
        using var output = new ZipArchive(target, ZipArchiveMode.Create);
        foreach (var entry in input.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTimestamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    /// <summary>An A1 reference from a zero-based column and a one-based row.</summary>
    internal static string Reference(int column, uint row)
    {
        var name = string.Empty;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
            name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }
}
