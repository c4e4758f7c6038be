using System.CommandLine;

namespace Keel.Cli.Commands;

/// <summary>
/// <c>keel lifecycle</c>: a model that keeps itself accurate. <c>policy set|show</c> keeps the retraining policy in the
/// store, <c>run</c> runs one retraining cycle, <c>approve|reject</c> answer a pending promotion (deployer), and
/// <c>status</c> shows pending approvals and the last cycles.
/// </summary>
internal static class LifecycleCommand
{
    public static Command Create()
    {
        var command = new Command("lifecycle", "Retrain a model when its policy says so, compare the challenger with the champion, and promote it automatically or on a deployer's approval.");
        command.Subcommands.Add(LifecyclePolicyCommand.Create());
        command.Subcommands.Add(LifecycleRunCommand.Create());
        command.Subcommands.Add(LifecycleApprovalCommand.Create(approve: true));
        command.Subcommands.Add(LifecycleApprovalCommand.Create(approve: false));
        command.Subcommands.Add(LifecycleStatusCommand.Create());
        return command;
    }

    /// <summary>The <c>--model</c> option of the lifecycle commands: a registered model's name.</summary>
    public static Option<string> ModelName() => new("--model", "-m") { Description = "The registered model's name.", Required = true };
}
