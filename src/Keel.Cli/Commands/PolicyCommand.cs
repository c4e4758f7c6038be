using System.CommandLine;
using Keel.Data;
using Keel.Lifecycle.Promotion;

namespace Keel.Cli.Commands;

/// <summary><c>keel models policy set|show|delete</c>: the promotion policy that guards a model's aliases.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "The promotion policy that guards a model's champion (or other aliases): minimum metrics, maximum fairness gaps, maximum drift, required model-card fields.");
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command Set()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var file = new Argument<string>("file") { Description = "The policy, a YAML file (see docs/governance.md#promotion-gate)." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the registered policy as JSON on standard output." };
        var command = new Command("set", "Register the model's promotion policy (admin only; audited with its SHA-256).") { name, file, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            var path = result.GetRequiredValue(file);
            if (!File.Exists(path)) throw new KeelDataException($"{path}: policy file not found.");
            var text = File.ReadAllText(path);
            var policy = PromotionPolicy.Parse(text, path);
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var record = s.SetPromotionPolicy(result.GetRequiredValue(name), text, policy.Guards);
            console.Success($"The promotion policy of '{record.Model}' (SHA-256 {record.Sha256[..16]}…) now guards {string.Join(", ", record.GuardedAliases)}.");
            Describe(console, policy);
            console.Result(record);
        }));
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the policy as JSON on standard output." };
        var command = new Command("show", "Show the model's promotion policy.") { name, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var model = result.GetRequiredValue(name);
            var record = s.GetPromotionPolicy(model) ?? throw new KeelDataException($"Model '{model}' has no promotion policy; register one with `keel models policy set {model} policy.yaml`.");
            console.Info($"Set by {record.SetBy} at {record.SetAt:u}; SHA-256 {record.Sha256}; guards {string.Join(", ", record.GuardedAliases)}.");
            Describe(console, PromotionPolicy.Parse(record.Text, $"the policy of '{model}'"));
            console.Result(record);
        }));
        return command;
    }

    private static Command Delete()
    {
        var name = new Argument<string>("model") { Description = "The model's name." };
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the model as JSON on standard output." };
        var command = new Command("delete", "Remove the model's promotion policy (admin only; audited).") { name, store, json };
        command.SetAction(result => CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var model = result.GetRequiredValue(name);
            s.DeletePromotionPolicy(model);
            console.Success($"Removed the promotion policy of '{model}'.");
            console.Result(s.GetModel(model));
        }));
        return command;
    }

    private static void Describe(Output console, PromotionPolicy policy)
    {
        foreach (var (metric, bound) in policy.Metrics) console.Info($"  {metric}: {bound.Describe()}");
        foreach (var (column, limits) in policy.Fairness)
            foreach (var (measure, bound) in limits) console.Info($"  {measure} for '{column}': {bound.Describe()}");
        if (policy.MaxDriftShare is { } share) console.Info($"  drifted columns: at most {share:P0}");
        if (policy.RequiredCardFields.Count > 0) console.Info($"  model card: {string.Join(", ", policy.RequiredCardFields)}");
    }
}
