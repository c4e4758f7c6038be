using System.CommandLine;
using System.Globalization;
using Keel.Lifecycle.Retraining;
using Spectre.Console;

namespace Keel.Cli.Commands;

/// <summary><c>keel lifecycle status</c>: the champion and challenger, promotions awaiting approval, and the last retraining cycles.</summary>
internal static class LifecycleStatusCommand
{
    public static Command Create()
    {
        var model = LifecycleCommand.ModelName();
        var last = new Option<int>("--last") { Description = "How many past cycles to show.", DefaultValueFactory = _ => 10 };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON on standard output." };
        var command = new Command("status", "Show the champion and challenger, promotions awaiting approval, and the last retraining cycles.") { model, last, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var name = result.GetRequiredValue(model);
            var registered = s.GetModel(name);
            console.Info($"Aliases: {(registered.Aliases.Count == 0 ? "none" : string.Join(", ", registered.Aliases.Select(a => $"{a.Key} → {a.Value}")))}.");
            var pending = RetrainingApprovals.Pending(s, name);
            if (pending.Count == 0) console.Info("No promotion awaits approval.");
            foreach (var p in pending)
                console.Info($"Awaiting approval since {p.RequestedAt.ToString("u", CultureInfo.InvariantCulture)}: version {p.Version} (would replace {p.Champion}). {p.Reason}");
            var cycles = LifecycleHistory.Cycles(s, name, result.GetValue(last));
            if (cycles.Count == 0) console.Info("No retraining cycle has run yet (`keel lifecycle run`).");
            else
            {
                var table = new Spectre.Console.Table().AddColumns("at", "champion", "action", "challenger", "summary");
                foreach (var c in cycles)
                    table.AddRow(c.At.ToString("u", CultureInfo.InvariantCulture), c.Champion.ToString(CultureInfo.InvariantCulture), c.Action,
                        c.Challenger?.ToString(CultureInfo.InvariantCulture) ?? "–", Markup.Escape(c.Summary));
                console.Table(table);
            }
            console.Result(new { model = name, aliases = registered.Aliases, pending, cycles });
        }));
        return command;
    }
}
