using System.CommandLine;
using System.Globalization;
using Keel.Data;
using Keel.Lifecycle.Retraining;

namespace Keel.Cli.Commands;

/// <summary><c>keel lifecycle policy set|show</c>: the model's retraining policy, kept in the store (audited).</summary>
internal static class LifecyclePolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "The model's retraining policy: triggers, data window, limits and how a challenger is judged (docs/lifecycle.md).");
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command Set()
    {
        var model = LifecycleCommand.ModelName();
        var file = new Option<string>("--file", "-f") { Description = "The policy, a YAML file.", Required = true };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the policy as JSON on standard output." };
        var command = new Command("set", "Check a retraining policy file and keep it in the store for the model (trainer role; audited).") { model, file, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            var path = result.GetRequiredValue(file);
            if (!File.Exists(path)) throw new KeelDataException($"{path}: policy file not found.");
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var name = result.GetRequiredValue(model);
            var policy = RetrainingPolicies.Set(s, name, File.ReadAllText(path), path);
            console.Success($"The retraining policy of '{name}' (SHA-256 {policy.Sha256[..16]}…) is set.");
            Describe(console, policy);
            console.Result(policy);
        }));
        return command;
    }

    private static Command Show()
    {
        var model = LifecycleCommand.ModelName();
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the policy as JSON on standard output." };
        var command = new Command("show", "Show the model's retraining policy, with the defaults it takes.") { model, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var policy = RetrainingPolicies.Require(s, result.GetRequiredValue(model));
            Describe(console, policy);
            console.Result(policy);
        }));
        return command;
    }

    private static void Describe(Output console, RetrainingPolicy p)
    {
        var c = CultureInfo.InvariantCulture;
        if (p.Schedule is { } schedule) console.Info($"  schedule: retrain when the champion is older than {schedule.TotalHours.ToString("0.#", c)} hours");
        if (p.MaxDriftShare is { } drift) console.Info($"  drift: retrain when more than {drift.ToString("P0", c)} of the input columns drifted");
        if (p.Performance is { } perf)
            console.Info($"  performance: retrain when {perf.Metric ?? p.Challenger.Metric ?? "the task's default metric"} drops by more than {perf.MaxDrop.ToString("0.####", c)}{(perf.Estimated ? " (CBPE estimate when fewer than " + perf.MinLabels + " labels)" : "")}");
        console.Info($"  window: {p.Window.ToString().ToLowerInvariant()}, {p.RecentRows} recent rows{(p.Window == DataWindowKind.OriginalPlusRecent ? $", each counted {p.RecentWeight} times" : "")}");
        console.Info($"  limits: at most {p.MaxRetrainsPerDay} retrain(s) a day, at least {p.MinNewLabelledRows} new labelled rows");
        console.Info($"  challenger: {p.Challenger.Metric ?? "the task's default metric"} better by at least {p.Challenger.Margin.ToString("0.####", c)} on the {p.Challenger.EvaluationRows} most recent labelled rows; approval {p.Challenger.Approval.ToString().ToLowerInvariant()}");
    }
}
