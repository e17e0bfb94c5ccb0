namespace SkillsGap.Ingestion.OpenBadges;

/// <summary>Messages collected while checking one file; errors make it invalid, warnings make it a warning.</summary>
internal sealed class Findings
{
    private readonly List<string> _messages = [];

    public int Errors { get; private set; }
    public int Warnings { get; private set; }
    public IReadOnlyList<string> Messages => _messages;

    public void Error(string message) { Errors++; _messages.Add("error: " + message); }
    public void Warn(string message) { Warnings++; _messages.Add("warning: " + message); }
    public void Info(string message) => _messages.Add("info: " + message);

    public Verdict Verdict => Errors > 0 ? Verdict.Invalid : Warnings > 0 ? Verdict.Warning : Verdict.Valid;
}

