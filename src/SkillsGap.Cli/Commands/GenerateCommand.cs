using System.CommandLine;
using System.Globalization;
using SkillsGap.Samples;

namespace SkillsGap.Cli.Commands;

/// <summary><c>skillsgap generate --employees N [--seed S] --out DIR</c>: an organisation of any size in the data-samples files.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var employees = new Option<int>("--employees") { Description = "How many employees.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same files.", DefaultValueFactory = _ => 42 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "The folder to write the six files to.", Required = true };
        var command = new Command("generate", "Write a believable organisation (skills, roles, badges, employees, three years of awards).")
            { employees, seed, outDir };
        command.Validators.Add(result =>
        {
            if (result.GetValue(employees) is < 1 or > 2_000_000) result.AddError("--employees must be between 1 and 2,000,000.");
        });
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var folder = parse.GetValue(outDir)!.FullName;
                var summary = await OrganisationGenerator.WriteAsync(
                    new GeneratorOptions(parse.GetValue(employees), parse.GetValue(seed)), folder, ct);
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {folder}: {summary.Skills} skills, {summary.Families.Sum(f => f.Roles.Count)} roles, {summary.Badges} badges, {summary.Employees} employees, {summary.Awards} awards ({summary.FirstAward:yyyy-MM-dd} to {summary.LastAward:yyyy-MM-dd})"));
                return ExitCodes.Success;
            }
            catch (IOException io)
            {
                await Console.Error.WriteLineAsync($"failed: {io.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
