using System.CommandLine;
using System.Globalization;
using Keel.Store;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel runs list|show|compare</c>: what the store recorded of training runs.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var command = new Command("runs", "List, show and compare tracked runs.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Compare());
        return command;
    }

    private static Command List()
    {
        var experiment = new Option<string>("--experiment", "-e") { Description = "The experiment (a model's name when keel train logged it).", Required = true };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON on standard output." };
        var command = new Command("list", "The runs of an experiment, oldest first.") { experiment, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var runs = s.ListRuns(result.GetRequiredValue(experiment));
            var table = new Spectre.Console.Table().AddColumns("run", "name", "parent", "status", "started", "by");
            foreach (var r in runs)
                table.AddRow(r.Id, Markup.Escape(r.Name ?? ""), r.ParentRunId?[..8] ?? "", r.Status.ToString().ToLowerInvariant(), r.StartTime.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(r.CreatedBy));
            console.Table(table);
            console.Result(runs);
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("run") { Description = "The run id." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the run as JSON on standard output." };
        var command = new Command("show", "A run's params, tags and latest metric values.") { id, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var run = s.GetRun(result.GetRequiredValue(id));
            var parameters = s.GetParams(run.Id);
            var tags = s.GetTags(run.Id);
            var metrics = s.GetLatestMetrics(run.Id);
            var table = new Spectre.Console.Table().AddColumns("", "");
            table.AddRow("run", $"{run.Id} ({Markup.Escape(run.Name ?? "")}), experiment {Markup.Escape(run.Experiment)}");
            table.AddRow("status", $"{run.Status.ToString().ToLowerInvariant()}, {run.StartTime:u} – {run.EndTime:u}");
            foreach (var (k, v) in parameters) table.AddRow($"param {Markup.Escape(k)}", Markup.Escape(v));
            foreach (var (k, v) in metrics) table.AddRow($"metric {Markup.Escape(k)}", v.ToString("0.0000", CultureInfo.InvariantCulture));
            foreach (var (k, v) in tags) table.AddRow($"tag {Markup.Escape(k)}", Markup.Escape(v));
            console.Table(table);
            console.Result(new { run, parameters, metrics, tags });
        }));
        return command;
    }

    private static Command Compare()
    {
        var ids = new Argument<string[]>("runs") { Description = "Two or more run ids.", Arity = new ArgumentArity(2, 50) };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON on standard output." };
        var command = new Command("compare", "Params and latest metrics of runs side by side; rows that differ are marked.") { ids, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var runs = result.GetRequiredValue(ids).Select(s.GetRun).ToArray();
            var parameters = runs.Select(r => s.GetParams(r.Id)).ToArray();
            var metrics = runs.Select(r => s.GetLatestMetrics(r.Id)).ToArray();
            var table = new Spectre.Console.Table().AddColumn("");
            foreach (var r in runs) table.AddColumn(Markup.Escape(r.Id[..8] + " " + (r.Name ?? "")));
            foreach (var key in parameters.SelectMany(p => p.Keys).Distinct().Order(StringComparer.Ordinal))
            {
                var values = parameters.Select(p => p.GetValueOrDefault(key, "–")).ToArray();
                table.AddRow([Markup.Escape((values.Distinct().Count() > 1 ? "≠ " : "  ") + "param " + key), .. values.Select(Markup.Escape)]);
            }
            foreach (var key in metrics.SelectMany(m => m.Keys).Distinct().Order(StringComparer.Ordinal))
                table.AddRow([Markup.Escape("  metric " + key), .. metrics.Select(m => m.TryGetValue(key, out var v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–")]);
            console.Table(table);
            console.Result(runs.Select((r, i) => new { run = r.Id, parameters = parameters[i], metrics = metrics[i] }));
        }));
        return command;
    }

}
