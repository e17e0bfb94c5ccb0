using System.CommandLine;
using SkillsGap.Cli;
using SkillsGap.Cli.Commands;

var db = new Option<string?>("--db") { Description = "The SQLite database file (other providers come from configuration).", Recursive = true };
var root = new RootCommand("SkillsGap: skills-gap analytics and reskilling planner for digital badges.") { db };
root.Subcommands.Add(InitCommand.Create(db));
root.Subcommands.Add(ImportCommand.Create(db));
root.Subcommands.Add(GapsCommand.Create(db));
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(DemoCommand.Create(db));
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(VerifyCommand.Create(db));
root.Subcommands.Add(PathwayCommand.Create(db));
root.Subcommands.Add(EvaluateCommand.Create(db));
root.Subcommands.Add(TrainCommand.Create(db));
root.Subcommands.Add(RecommendCommand.Create(db));
root.Subcommands.Add(WalletCommand.Create(db));
root.Subcommands.Add(ChallengeCommand.Create(db));
root.Subcommands.Add(TokenCommand.Create(db));
root.Subcommands.Add(ServeCommand.Create(db));
root.Subcommands.Add(ReportCommand.Create(db));
root.Subcommands.Add(IssueCommand.Create(db));
root.Subcommands.Add(RevokeCommand.Create(db));
root.Subcommands.Add(IssuerCommand.Create(db));
root.Subcommands.Add(AuditCommand.Create(db));
root.Subcommands.Add(SponsorCommand.Create(db));
root.Subcommands.Add(ModelsCommand.Create(db));

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var error in parsed.Errors) await Console.Error.WriteLineAsync(error.Message);
    return ExitCodes.Rejected;
}
return await parsed.InvokeAsync();
