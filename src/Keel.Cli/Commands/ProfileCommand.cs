using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Data.Profiling;
using Keel.Reports;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel profile</c>: read a data file and summarise every column.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var read = new ReadOptions();
        var output = new Option<string?>("--out", "-o") { Description = "Write the profile as JSON (mergeable with other profiles of the same reference)." };
        var report = new Option<string?>("--report") { Description = "Write an HTML report of the profile with a histogram per column." };
        var reference = new Option<string?>("--reference") { Description = "A profile JSON (from --out, or a bundle's profile) whose histogram bins to reuse, so this profile compares with it and merges with others built the same way." };
        var json = new Option<bool>("--json") { Description = "Print the profile as JSON on standard output." };
        var command = new Command("profile", "Read a data file (CSV or Parquet), infer each column's type, and summarise it: missing values, range, quantiles, top categories.");
        read.AddTo(command);
        foreach (var o in new Option[] { output, report, reference, json }) command.Options.Add(o);
        command.SetAction((result, ct) => Task.Run(() =>
        {
            var console = new Output(result.GetValue(json));
            return CommandRunner.Run(console, () =>
            {
                var outPath = result.GetValue(output);
                var reportPath = result.GetValue(report);
                if (outPath is not null) TrainingRunner.RequireFolder(outPath, "--out");
                if (reportPath is not null) TrainingRunner.RequireFolder(reportPath, "--report");
                var referenceProfile = result.GetValue(reference) is { } referencePath ? LoadProfile(referencePath) : null;
                var table = read.Read(result, console, ct);
                var profile = DataProfile.Build(table, referenceProfile);
                console.Table(Summary(profile));
                if (outPath is not null)
                {
                    Keel.Data.Io.AtomicFile.WriteAllText(outPath, profile.ToJson());
                    console.Success($"Wrote the profile to {Path.GetFullPath(outPath)}.");
                }
                if (reportPath is not null)
                {
                    Keel.Data.Io.AtomicFile.WriteAllText(reportPath, ProfileReport.Build(profile, result.GetRequiredValue(read.Data)).Render());
                    console.Success($"Wrote the report to {Path.GetFullPath(reportPath)}.");
                }
                console.Result(profile);
                return ExitCodes.Success;
            });
        }, ct));
        return command;
    }

    private static DataProfile LoadProfile(string path)
    {
        if (!File.Exists(path)) throw new KeelDataException($"--reference {path}: file not found.");
        try
        {
            return DataProfile.FromJson(File.ReadAllText(path));
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new KeelDataException($"--reference {path}: not a Keel profile JSON ({e.Message}).", e);
        }
    }

    public static Spectre.Console.Table Summary(DataProfile profile)
    {
        var table = new Spectre.Console.Table().AddColumns("column", "type", "role", "missing", "summary");
        foreach (var c in profile.Columns)
        {
            string summary;
            if (c.Numeric is { Count: > 0 } n && c.Type == ColumnType.Numeric)
                summary = string.Create(CultureInfo.InvariantCulture, $"mean {n.Mean:G4}  sd {n.Std:G4}  min {n.Min:G4}  median {n.Quantile(0.5):G4}  max {n.Max:G4}");
            else if (c.Categories is { } cats)
                summary = $"{cats.Counts.Count} distinct; top: {string.Join(", ", cats.Top(3).Select(kv => $"{kv.Key} ({kv.Value:N0})"))}";
            else summary = "";
            table.AddRow(Markup.Escape(c.Name), c.Type.ToString().ToLowerInvariant(), c.Role.ToString().ToLowerInvariant(),
                c.MissingShare.ToString("P1", CultureInfo.InvariantCulture), Markup.Escape(summary));
        }
        return table;
    }
}
