using SkillsGap.Host;

var app = SkillsGapHost.Build(args);
await app.RunAsync();

/// <summary>The entry point of <c>dotnet run --project src/SkillsGap.Host</c>.</summary>
public partial class Program;
