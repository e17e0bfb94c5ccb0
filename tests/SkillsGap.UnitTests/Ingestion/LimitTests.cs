using SkillsGap.Ingestion;

namespace SkillsGap.UnitTests.Ingestion;

public sealed class LimitTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("skills.csv")]
    [InlineData("skills.json")]
    [InlineData("skills.xlsx")]
    public void A_file_over_the_size_limit_is_rejected_whole(string name)
    {
        var path = _temp.Write(name, "skill_code,skill_name\n" + string.Concat(Enumerable.Repeat("PY,Python\n", 100)));

        var result = RecordReader.ReadSkills(InputFile.FromPath(path), new ReadLimits(MaxFileBytes: 512));

        Assert.Empty(result.Records);
        Assert.Equal("the file is larger than the limit of 512 bytes", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void A_stream_that_cannot_tell_its_length_is_cut_off_at_the_size_limit()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("skill_code,skill_name\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"S{i},Skill {i}\n")));
        var file = new InputFile("upload.csv", () => new NonSeekableStream(bytes));

        var result = RecordReader.ReadSkills(file, new ReadLimits(MaxFileBytes: 70_000));

        Assert.Empty(result.Records);
        Assert.Equal("the file is larger than the limit of 70000 bytes", Assert.Single(result.Errors).Reason);
    }

    [Fact]
    public void A_file_with_more_rows_than_the_limit_is_rejected()
    {
        var file = _temp.Csv("skills.csv", "skill_code,skill_name\nA,a\nB,b\nC,c\n");

        var result = RecordReader.ReadSkills(file, new ReadLimits(MaxRows: 2));

        Assert.Empty(result.Records);
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "the file has more than 2 data rows, the limit"), (error.Row, error.Reason));
    }

    [Fact]
    public void An_unknown_extension_or_an_old_xls_file_is_rejected_with_advice()
    {
        Assert.Contains("save the file as .xlsx", RecordReader.ReadSkills(InputFile.FromPath(_temp.Write("a.xls", "x"))).Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("cannot tell the format", RecordReader.ReadSkills(InputFile.FromPath(_temp.Write("a.dat", "x"))).Errors[0].Reason, StringComparison.Ordinal);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
