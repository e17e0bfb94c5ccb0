using SkillsGap.Ingestion;
using SkillsGap.Ingestion.Validation;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class ValueParserTests
{
    [Theory]
    [InlineData("Role Code", "role_code")]
    [InlineData("role-code", "role_code")]
    [InlineData(" ROLE__CODE ", "role_code")]
    [InlineData("roleCode", "role_code")]
    [InlineData("O*NET-SOC Code", "o*net_soc_code")]
    public void Headers_normalise_case_separators_and_camel_case(string header, string key) =>
        Assert.Equal(key, HeaderName.Normalize(header));

    [Theory]
    [InlineData("2026-11-28", 2026, 11, 28)]
    [InlineData(" 2026-11-28T23:30:00-05:00 ", 2026, 11, 28)]
    [InlineData("2024-02-29 08:00", 2024, 2, 29)]
    public void ISO_dates_and_date_times_give_the_date_as_written(string text, int year, int month, int day)
    {
        Assert.True(ValueParser.TryParseDate(text, out var date, out _));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("28/11/2026")]
    [InlineData("2026-1-5")]
    [InlineData("2026-11-28Tnonsense")]
    [InlineData("20261128")]
    public void Anything_else_is_a_bad_date(string text) =>
        Assert.False(ValueParser.TryParseDate(text, out _, out _));

    [Theory]
    [InlineData("3", 3)]
    [InlineData("0", 0)]
    [InlineData("5.0", 5)]
    public void Levels_are_whole_numbers_from_0_to_5(string text, int level)
    {
        Assert.True(ValueParser.TryParseLevel(text, out var parsed, out _));
        Assert.Equal(level, parsed);
    }

    [Theory]
    [InlineData("6", "level 6 is outside the scale 0–5")]
    [InlineData("-1", "level -1 is outside the scale 0–5")]
    [InlineData("2.5", "level 2.5 is not a whole number")]
    [InlineData("high", "level 'high' is not a whole number from 0 to 5")]
    public void Other_levels_are_rejected_with_a_reason(string text, string reason)
    {
        Assert.False(ValueParser.TryParseLevel(text, out _, out var why));
        Assert.Equal(reason, why);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("y", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("N", false)]
    [InlineData("0", false)]
    public void Booleans_accept_true_false_yes_no_y_n_1_0(string text, bool expected)
    {
        Assert.True(ValueParser.TryParseBool(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("1,5", 1.5)]
    [InlineData("40", 40)]
    public void Decimals_are_invariant_and_accept_a_lone_decimal_comma(string text, double expected)
    {
        Assert.True(ValueParser.TryParseDecimal(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Fact]
    public void A_thousands_separator_is_not_a_decimal() => Assert.False(ValueParser.TryParseDecimal("1,000.5", out _));

    [Theory]
    [InlineData("https://example.org/e/1", true)]
    [InlineData("urn:uuid:1234", true)]
    [InlineData("example.org/e/1", false)]
    [InlineData("https://example.org/a b", false)]
    [InlineData("1http://x", false)]
    public void Evidence_must_be_an_absolute_URL(string text, bool expected) =>
        Assert.Equal(expected, ValueParser.IsAbsoluteUrl(text));
}
