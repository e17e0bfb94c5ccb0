using DocumentFormat.OpenXml.Spreadsheet;
using SkillsGap.Reporting;

namespace SkillsGap.UnitTests.Reporting;

/// <summary>The one colour scale of gaps: its stops, its interpolation, and "not required" apart from "no gap" in every medium.</summary>
public sealed class GapScaleTests
{
    [Fact]
    public void The_scale_runs_from_pale_green_through_amber_to_red_and_clamps()
    {
        Assert.Equal(GapScale.NoGap, GapScale.Hex(0));
        Assert.Equal(GapScale.MiddleGap, GapScale.Hex(2.5));
        Assert.Equal(GapScale.LargeGap, GapScale.Hex(5));
        Assert.Equal(GapScale.LargeGap, GapScale.Hex(9));
        Assert.Equal(GapScale.NoGap, GapScale.Hex(-1));
        // Gap 1 is 1/2.5 = 0.4 of the way from #E3F1E6 to #FFE08A: R 0xE3 + 0.4·(0xFF − 0xE3) = 227 + 11.2 = 238 (0xEE),
        // G 241 + 0.4·(224 − 241) = 234.2 → 234 (0xEA), B 230 + 0.4·(138 − 230) = 193.2 → 193 (0xC1).
        Assert.Equal("#EEEAC1", GapScale.Hex(1));
    }

    [Fact]
    public void Not_required_is_grey_and_never_a_colour_of_the_scale()
    {
        Assert.Equal(GapScale.NotRequired, GapScale.Hex(double.NaN));
        for (var gap = 0.0; gap <= 5; gap += 0.05)
            Assert.NotEqual(GapScale.NotRequired, GapScale.Hex(gap));
        var (r, g, b) = GapScale.Parse(GapScale.NotRequired);
        // Grey: its channels differ by little, where "no gap" is clearly green.
        Assert.True(Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) <= 12);
    }

    [Fact]
    public void The_workbook_heatmap_fills_each_gap_with_its_colour_of_the_scale_and_cells_not_required_grey()
    {
        using var book = new WorkbookReader(WeeklyWorkbookTests.Write(ReportFixture.Model()));

        // Gaps 0, 1, 2, 3 (D2, E3, D3, D4) take the scale's colours at those values; E2 (not required) is grey.
        foreach (var (cell, gap) in new[] { ("D2", 0.0), ("E3", 1.0), ("D3", 2.0), ("D4", 3.0) })
            Assert.Equal("FF" + GapScale.Hex(gap)[1..], WeeklyWorkbookTests.Fill(book, cell));
        Assert.Equal("FF" + GapScale.NotRequired[1..], WeeklyWorkbookTests.Fill(book, "E2"));
        // No conditional format: the colours are the cells' own, the same in every spreadsheet.
        Assert.Empty(book.Part("Heatmap").Worksheet.Descendants<ConditionalFormatting>());
    }
}
