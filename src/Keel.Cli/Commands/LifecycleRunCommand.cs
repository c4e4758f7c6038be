using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Data.Io;
using Keel.Learn.Bundles;
using Keel.Lifecycle.Retraining;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel lifecycle run</c>: one retraining cycle of a model: what fired, what blocked, what was trained, how the
/// challenger compared with the champion, and what was done about it.
/// </summary>
internal static class LifecycleRunCommand
{
    public static Command Create()
    {
        var model = LifecycleCommand.ModelName();
        var data = new Option<string?>("--data", "-d") { Description = "Recent traffic, rows in time order, labelled where the outcome is known (CSV or Parquet). [default: the model's prediction log joined with its feedback]" };
        var original = new Option<string?>("--original") { Description = "The champion's original training data, for the expanding and original_plus_recent windows." };
        var policyFile = new Option<string?>("--policy") { Description = "A policy file to use instead of the one kept in the store." };
        var now = new Option<string?>("--now") { Description = "The cycle's time, ISO 8601 (e.g. 2026-05-01T00:00:00Z), for replaying history. [default: the current time]" };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the cycle's result as JSON on standard output." };
        var command = new Command("run", "Run one retraining cycle: check the triggers and limits, retrain a challenger with the champion's recipe, compare it with the champion, and promote it or hold it for approval.")
            { model, data, original, policyFile, now, store, json };
        command.SetAction((result, ct) => Task.Run(() => CommandRunner.Run(result, json, console =>
        {
            var clock = result.GetValue(now) is { } text ? new FixedClock(ParseNow(text)) : TimeProvider.System;
            var name = result.GetRequiredValue(model);
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var inputs = new RetrainingCycleInputs();
            if (result.GetValue(policyFile) is { } path)
            {
                if (!File.Exists(path)) throw new KeelDataException($"{path}: policy file not found.");
                inputs = inputs with { Policy = RetrainingPolicy.Parse(File.ReadAllText(path), path) };
            }
            var types = RecipeTypes(s, name);
            if (result.GetValue(data) is { } recent)
                inputs = inputs with { RecentData = Read(recent, types, ct), RecentDataName = Path.GetFileName(recent) };
            if (result.GetValue(original) is { } originalPath)
                inputs = inputs with { OriginalData = Read(originalPath, types, ct), OriginalDataName = Path.GetFileName(originalPath) };
            console.Heading($"Retraining cycle of '{name}'");
            var cycle = RetrainingCycle.Run(s, name, inputs, clock, new Progress(console), ct);
            if (cycle.Comparison is { } c)
            {
                var table = new Spectre.Console.Table().AddColumns("model", Markup.Escape(c.Metric), "95 % interval");
                table.AddRow($"champion ({name}@{cycle.ChampionVersion})", F(c.Champion.Value), $"{F(c.Champion.Lower)} – {F(c.Champion.Upper)}");
                table.AddRow($"challenger ({name}@{cycle.ChallengerVersion})", F(c.Challenger.Value), $"{F(c.Challenger.Lower)} – {F(c.Challenger.Upper)}");
                table.AddRow("improvement (paired)", F(c.Improvement.Value), $"{F(c.Improvement.Lower)} – {F(c.Improvement.Upper)}");
                console.Table(table);
            }
            if (cycle.Action is CycleAction.Promoted) console.Success(cycle.Summary);
            else console.Info(cycle.Summary);
            console.Result(cycle);
        }), ct));
        return command;
    }

    private static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseNow(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new KeelDataException($"--now '{text}' is not a time; write it as ISO 8601, e.g. 2026-05-01T00:00:00Z.");

    /// <summary>The column types of the champion's training data, so recent data reads as the model was trained; none when there is no champion yet (the cycle then says so).</summary>
    private static IReadOnlyDictionary<string, ColumnType> RecipeTypes(Keel.Store.IKeelStore store, string model)
    {
        if (!store.GetModel(model).Aliases.TryGetValue("champion", out var version)) return new Dictionary<string, ColumnType>();
        var bundle = ModelBundle.Load(store.GetBundle(store.GetVersion(model, version)), $"{model} version {version}");
        return bundle.Recipe?.Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal) ?? new Dictionary<string, ColumnType>();
    }

    private static Keel.Data.Table Read(string path, IReadOnlyDictionary<string, ColumnType> types, CancellationToken ct)
    {
        var options = new CsvReadOptions { CancellationToken = ct };
        var table = TableReader.Read(path, options);
        var wanted = types.Where(t => table.Schema.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return wanted.Any(t => table.Schema[t.Key].Type != t.Value) ? TableReader.Read(path, options with { Types = wanted }) : table;
    }

    private sealed class Progress(Output console) : IProgress<string>
    {
        public void Report(string value) => console.Info(value);
    }
}
