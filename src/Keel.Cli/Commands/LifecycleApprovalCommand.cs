using System.CommandLine;
using Keel.Lifecycle.Retraining;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel lifecycle approve|reject</c>: a deployer's answer to a challenger awaiting approval. Approving promotes it
/// through the promotion gate; rejecting leaves it a challenger. Lower roles are refused (exit 4).
/// </summary>
internal static class LifecycleApprovalCommand
{
    public static Command Create(bool approve)
    {
        var model = LifecycleCommand.ModelName();
        var version = new Option<int>("--version", "-v") { Description = "The pending challenger's version.", Required = true };
        var note = new Option<string?>("--note") { Description = "Why, for the audit log." };
        var read = new ReadOptions();
        read.Data.Required = false;
        read.Data.Description = "Labelled evaluation data for the promotion gate (CSV or Parquet); without it the gate checks the registered metrics.";
        var store = StoreOption.Create();
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON on standard output." };
        var command = approve
            ? new Command("approve", "Approve a pending promotion: the challenger becomes champion through the promotion gate (deployer role; audited).") { model, version, note, store, json }
            : new Command("reject", "Reject a pending promotion: the challenger stays a challenger (deployer role; audited).") { model, version, note, store, json };
        if (approve) read.AddTo(command);
        command.SetAction((result, ct) => Task.FromResult(CommandRunner.Run(result, json, console =>
        {
            using var s = StoreOption.Open(result.GetRequiredValue(store));
            var name = result.GetRequiredValue(model);
            var v = result.GetRequiredValue(version);
            if (approve)
            {
                var data = result.GetValue(read.Data) is { } path ? read.Read(result, console, ct) : null;
                var outcome = RetrainingApprovals.Approve(s, name, v, TimeProvider.System, data, result.GetValue(read.Data) is { } p ? Path.GetFileName(p) : "the evaluation data", result.GetValue(note));
                console.Success($"Approved: {name}@{v} is now the champion{(outcome.Decision is null ? "" : " (the promotion gate passed)")}, by {s.Actor.Name}.");
                console.Result(new { model = name, version = v, decision = "approved", by = s.Actor.Name, gate = outcome.Decision });
            }
            else
            {
                RetrainingApprovals.Reject(s, name, v, TimeProvider.System, result.GetValue(note));
                console.Success($"Rejected: {name}@{v} stays a challenger, by {s.Actor.Name}.");
                console.Result(new { model = name, version = v, decision = "rejected", by = s.Actor.Name });
            }
        })));
        return command;
    }
}
